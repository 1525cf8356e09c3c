#!/usr/bin/env python3
"""Time ``make bench``'s pages in-process: no gunicorn, no wrk, no Redis of its own.

For working on one page's cost between benchmark runs, on a shared machine
where wrk's figures move with everything else running. Each page is asked a
few times first (as ``bench.py`` warms up), then ``--requests`` times through
Django's test client with the production settings (``ruangrunding.settings.bench``);
it prints the median wall time, the median CPU time of this process (Python
only: PostgreSQL's work is in the wall time) and the queries of one request.
Visitors' pages come from the page cache as in production unless
``--no-page-cache``; ``--profile`` prints cProfile's costliest calls per page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rr_ops_bench \\
        .venv/bin/python scripts/time_pages.py --only topic-expert,pustaka-search-varied

Needs the benchmark data (``manage.py load_bench_data``) and collected static
files; set REDIS_URL to measure with the shared cache as production has it.
Writes sessions for the benchmark experts, as ``bench_targets`` does.
"""

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The words of bench.py's varied search, so each request is a new query.
WORDS = (
    "rencana pembangunan tata ruang air bersih desa pesisir energi kesehatan "
    "pendidikan jalan sungai ekonomi pertanian stunting investasi budaya mangrove atur"
).split()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated target keys (bench.py's)")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--no-page-cache", action="store_true", help="render visitors' pages in full"
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ruangrunding.settings.bench")
    os.environ.setdefault("SECRET_KEY", "time-pages-" + "x" * 50)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("ACCESS_LOG", "0")
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the benchmark database.")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    page_cache = settings.PAGE_CACHE_ENABLED
    out = io.StringIO()
    with contextlib.redirect_stdout(out):  # the command prints its JSON
        call_command("bench_targets")
    targets = json.loads(out.getvalue())["targets"]
    # bench_targets counts queries with the page cache off; serve as production.
    settings.PAGE_CACHE_ENABLED = page_cache and not args.no_page_cache
    if args.only:
        keep = set(args.only.split(","))
        targets = [target for target in targets if target["key"] in keep]

    for target in targets:
        client = Client(headers={"x-forwarded-proto": "https"}, HTTP_HOST="127.0.0.1")
        for part in (target["cookie"] or "").split("; "):
            if part:
                name, value = part.split("=", 1)
                client.cookies[name] = value
        url = _url_maker(target)
        for _ in range(3):
            client.get(url(), secure=True)
        walls, cpus = [], []
        profile = cProfile.Profile() if args.profile else None
        for _ in range(args.requests):
            wall, cpu = time.perf_counter(), time.process_time()
            if profile:
                profile.enable()
            response = client.get(url(), secure=True)
            if profile:
                profile.disable()
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url(), secure=True)
        print(
            f"{target['key']:24} {response.status_code} "
            f"wall {statistics.median(walls):6.1f} ms  "
            f"cpu {statistics.median(cpus):6.1f} ms  SQL {len(queries)}"
        )
        if profile:
            stats = pstats.Stats(profile, stream=sys.stdout)
            stats.sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(
                25
            )


def _url_maker(target):
    if target["key"] != "pustaka-search-varied":
        return lambda: target["url"]
    path = target["url"].split("?")[0]
    counter = iter(range(10**9))

    def varied():
        first, second = random.choice(WORDS), random.choice(WORDS)  # noqa: S311
        return f"{path}?q={first}+{second}&n={next(counter)}-{random.random()}"  # noqa: S311

    return varied


if __name__ == "__main__":
    main()
