"""Queue email inside the caller's transaction; deliver it after commit.

Callers never talk to the mail server. They store an :class:`OutgoingEmail` in the
same transaction as the thing that caused it, so a rolled-back post sends nothing
and a committed one always has its email waiting. Delivery runs as a background
task after commit; a refused connection leaves the email pending for a retry.
"""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_RETRY_DELAY = timedelta(hours=1)


def single_line(text):
    """Collapse line breaks so user-supplied text can never add a mail header."""
    return " ".join(str(text).split())


def queue_email(*, key, to, subject, body):
    """Store one email for ``to`` unless ``key`` was queued before; deliver on commit."""
    email, created = OutgoingEmail.objects.get_or_create(
        key=key,
        defaults={"to": to, "subject": single_line(subject)[:255], "body": body},
    )
    if created:
        from .tasks import deliver_email

        transaction.on_commit(lambda: deliver_email.enqueue(email.pk))
    return email


def queue_templated_email(*, key, to, template_prefix, context):
    """Render ``<prefix>_subject.txt`` and ``<prefix>_body.txt``, then queue them."""
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    body = render_to_string(f"{template_prefix}_body.txt", context)
    return queue_email(key=key, to=to, subject=subject, body=body)


def deliver(email_id):
    """Send one pending email; return True when the mail server accepted it.

    The row stays locked while sending so two workers never send it twice.
    """
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, sent_at__isnull=True)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        try:
            EmailMessage(subject=email.subject, body=email.body, to=[email.to]).send()
        except (OSError, smtplib.SMTPException) as error:
            email.last_error = type(error).__name__
            email.save(update_fields=["attempts", "last_error"])
            logger.warning(
                "Email %s not delivered (attempt %s, %s); it stays queued for retry.",
                email.pk,
                email.attempts,
                email.last_error,
            )
            return False
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "sent_at"])
    return True


def retry_delay(attempts):
    """Back off exponentially from one minute, up to an hour."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_RETRY_DELAY)


def pending_ids():
    return list(
        OutgoingEmail.objects.filter(sent_at__isnull=True).values_list("pk", flat=True)
    )
