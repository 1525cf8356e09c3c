"""A private S3-compatible bucket for consultation attachments (production only).

Imported only when ``AWS_STORAGE_BUCKET_NAME`` is set, which needs
django-storages (``requirements-s3.txt``).
"""

from storages.backends.s3 import S3Storage

from .storage import NoURLMixin


class PrivateS3Storage(NoURLMixin, S3Storage):
    """Objects that are private in the bucket and have no URL here either."""
