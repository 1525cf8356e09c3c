"""Where consultation attachments live: storage that no web server serves.

Attachments are written to the ``"private"`` entry of ``STORAGES``: a folder
under ``PRIVATE_MEDIA_ROOT`` (outside ``MEDIA_ROOT``) by default, or a private
S3-compatible bucket in production when one is configured, so that every web
host reads the same files. Either way the storage refuses to make a URL: the
only way out is the participant-checked download view, which only needs
``open()``.
"""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class NoURLMixin:
    """A storage whose files can be opened but never linked to."""

    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no URL; serve them through a view.")


class PrivateFileStorage(NoURLMixin, FileSystemStorage):
    """Local files under ``PRIVATE_MEDIA_ROOT``."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def attachment_storage():
    """The storage configured as ``STORAGES["private"]``."""
    return storages["private"]


def attachment_upload_to(instance, filename):
    """A random, non-guessable path that keeps only a safe extension."""
    extension = {
        "application/pdf": ".pdf",
        "image/jpeg": ".jpg",
        "image/png": ".png",
    }.get(instance.attachment_type, "")
    return f"consult/{uuid.uuid4().hex}/{uuid.uuid4().hex}{extension}"
