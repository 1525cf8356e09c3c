"""Remove an attachment's file when its message goes (e.g. an account is deleted)."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Message

logger = logging.getLogger(__name__)


@receiver(post_delete, sender=Message, dispatch_uid="consult-delete-attachment")
def delete_attachment_file(sender, instance, **kwargs):
    """Delete the private file once the deletion is committed, never before."""
    if not instance.attachment.name:
        return
    storage, name = instance.attachment.storage, instance.attachment.name
    pk = instance.pk

    def remove():
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Attachment file of message %s could not be removed", pk)

    transaction.on_commit(remove)
