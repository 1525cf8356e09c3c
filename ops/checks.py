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


def _bucket_prefix(storage):
    """``(bucket, "prefix/")`` of an S3-compatible storage entry, else None."""
    options = storage.get("OPTIONS", {})
    if "bucket_name" not in options:
        return None
    location = (options.get("location") or "").strip("/")
    return options["bucket_name"], f"{location}/" if location else ""


@register(Tags.security, deploy=True)
def check_private_media_apart(app_configs, **kwargs):
    """Consultation attachments must not live under the public media's prefix.

    Public media (photos, documents) are served by signed URLs of the
    ``default`` storage; an attachment stored under the same prefix could be
    reached by someone who learns or guesses a key there, and a clean-up of
    public media would delete private files with it.
    """
    public = _bucket_prefix(settings.STORAGES.get("default", {}))
    private = _bucket_prefix(settings.STORAGES.get("private", {}))
    if public is None or private is None or public[0] != private[0]:
        return []
    public_prefix, private_prefix = public[1], private[1]
    if private_prefix.startswith(public_prefix) or public_prefix.startswith(
        private_prefix
    ):
        return [
            Error(
                "Consultation attachments and public media share a location in "
                "the same bucket.",
                hint=(
                    "Give AWS_PRIVATE_LOCATION and AWS_LOCATION prefixes where "
                    "neither contains the other (defaults: 'private' and 'media'), "
                    "or set AWS_PRIVATE_BUCKET_NAME to a bucket of its own."
                ),
                id="ops.E002",
            )
        ]
    return []
