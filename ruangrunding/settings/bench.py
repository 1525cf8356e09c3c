"""``make bench``: the production settings plus the minimal ceiling view.

Nothing else differs from production, so the measured pages and the ceiling
run through the same middleware, cache and database settings.
"""

from .production import *  # noqa: F403

ROOT_URLCONF = "ops.bench_urls"
