"""System checks for a deployment that runs more than one process."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Login throttling and the page cache need one cache shared by every worker."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PROCESS_LOCAL_CACHES:
        return []
    workers = getattr(settings, "WEB_CONCURRENCY", None)
    hint = (
        "Set REDIS_URL (or use the database cache of the production settings). "
        "Each process would otherwise count failed logins and rate limits on its "
        "own, and the page cache could not be invalidated across processes."
    )
    if workers == 1:
        return [
            Warning(
                "The default cache is local to one process.", hint=hint, id="ops.W001"
            )
        ]
    return [
        Error(
            "The default cache is local to each process, but the site runs "
            "several worker processes.",
            hint=hint,
            id="ops.E001",
        )
    ]
