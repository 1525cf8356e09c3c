"""Where consultation attachments live: a private folder no web server serves.

Files sit under ``PRIVATE_MEDIA_ROOT`` (outside ``MEDIA_ROOT``) at a random path,
and the storage refuses to make a URL for them: the only way out is the
participant-checked download view.
"""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    """Local files under ``PRIVATE_MEDIA_ROOT`` that have no public URL."""

    # TODO: on several web hosts this folder must be shared (NFS) or replaced by a
    # private object-storage bucket; the download view only needs ``open()``.

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a view.")


attachment_storage = PrivateFileStorage()


def attachment_upload_to(instance, filename):
    """A random, non-guessable path that keeps only a safe extension."""
    extension = {
        "application/pdf": ".pdf",
        "image/jpeg": ".jpg",
        "image/png": ".png",
    }.get(instance.attachment_type, "")
    return f"consult/{uuid.uuid4().hex}/{uuid.uuid4().hex}{extension}"
