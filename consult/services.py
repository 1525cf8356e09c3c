"""What happens when someone starts, writes in or closes a consultation.

Each action runs in one transaction: the message, the consultation's new state
and the email it owes are stored together or not at all. The email leaves after
commit through the outbox, so a mail server that is down loses nothing.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from outbox.services import queue_templated_email, single_line

from .attachments import clean_filename
from .models import Consultation, Message

logger = logging.getLogger(__name__)


class LimitReached(Exception):
    """The user has sent as much as the limits allow for now."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _lock_user(user):
    """Serialise one user's submissions so limit counts are exact on every process."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def _check_new_consultation_limit(user, now):
    limit = settings.CONSULT_MAX_NEW_PER_DAY
    started = Consultation.objects.filter(
        requester=user, created_at__gte=now - timedelta(days=1)
    ).count()
    if started >= limit:
        logger.info("Daily consultation limit reached by user %s", user.pk)
        raise LimitReached(
            _(
                "You can start at most %(limit)s new consultations in 24 hours. "
                "Your text is still here: please send it later."
            )
            % {"limit": limit}
        )


def _check_message_limit(user, now):
    limit = settings.CONSULT_MAX_MESSAGES_PER_HOUR
    sent = Message.objects.filter(
        sender=user, created_at__gte=now - timedelta(hours=1)
    ).count()
    if sent >= limit:
        logger.info("Hourly consultation message limit reached by user %s", user.pk)
        raise LimitReached(
            _(
                "You can send at most %(limit)s messages an hour. "
                "Your text is still here: please send it a little later."
            )
            % {"limit": limit}
        )


def _message_for_token(sender, token):
    return (
        Message.objects.select_related("consultation")
        .filter(sender=sender, client_token=token)
        .first()
    )


def _new_message(consultation, sender, body, attachment, attachment_type, token, now):
    message = Message(
        consultation=consultation,
        sender=sender,
        body=body,
        client_token=token,
        created_at=now,
    )
    if attachment:
        message.attachment_type = attachment_type
        message.attachment_name = clean_filename(attachment.name)
        message.attachment_size = attachment.size
        message.attachment = attachment
    try:
        message.save()
    except Exception:
        if message.attachment.name:
            message.attachment.storage.delete(message.attachment.name)
        raise
    return message


def start_consultation(
    *,
    requester,
    expert,
    subject,
    body,
    token,
    field=None,
    attachment=None,
    attachment_type="",
):
    """Open a consultation with its first message; returns (consultation, created).

    A token already used by ``requester`` returns the consultation it started.
    """
    try:
        with transaction.atomic():
            _lock_user(requester)
            existing = _message_for_token(requester, token)
            if existing is not None:
                return existing.consultation, False
            now = timezone.now()
            _check_new_consultation_limit(requester, now)
            _check_message_limit(requester, now)
            consultation = Consultation.objects.create(
                requester=requester,
                expert=expert,
                subject=subject,
                field=field,
                created_at=now,
                last_activity_at=now,
                requester_read_at=now,
            )
            message = _new_message(
                consultation, requester, body, attachment, attachment_type, token, now
            )
            notify_other_participant(consultation, message, first=True)
    except IntegrityError:
        # Two submissions of the same form raced past the check above.
        existing = _message_for_token(requester, token)
        if existing is None:
            raise
        return existing.consultation, False
    logger.info("Consultation %s started", consultation.pk)
    return consultation, True


def post_message(
    *, consultation, sender, body, attachment=None, attachment_type="", token
):
    """Add a follow-up from a participant; returns (message, created)."""
    try:
        with transaction.atomic():
            _lock_user(sender)
            consultation = Consultation.objects.select_for_update().get(
                pk=consultation.pk
            )
            existing = _message_for_token(sender, token)
            if existing is not None:
                return existing, False
            now = timezone.now()
            _check_message_limit(sender, now)
            message = _new_message(
                consultation, sender, body, attachment, attachment_type, token, now
            )
            if sender.pk == consultation.expert_id:
                consultation.status = Consultation.Status.ANSWERED
                consultation.first_response_at = consultation.first_response_at or now
            else:
                consultation.status = Consultation.Status.NEW
            consultation.closed_at = None
            consultation.closed_by = None
            consultation.last_activity_at = now
            read_field = consultation.mark_read(sender, now)
            consultation.save(
                update_fields=[
                    "status",
                    "first_response_at",
                    "closed_at",
                    "closed_by",
                    "last_activity_at",
                    read_field,
                ]
            )
            notify_other_participant(consultation, message)
    except IntegrityError:
        existing = _message_for_token(sender, token)
        if existing is None:
            raise
        return existing, False
    return message, True


@transaction.atomic
def close_consultation(*, consultation, user):
    """Close the consultation on behalf of a participant; returns False if it was."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.is_closed:
        return False
    now = timezone.now()
    consultation.status = Consultation.Status.CLOSED
    consultation.closed_at = now
    consultation.closed_by = user
    consultation.last_activity_at = now
    read_field = consultation.mark_read(user, now)
    consultation.save(
        update_fields=[
            "status",
            "closed_at",
            "closed_by",
            "last_activity_at",
            read_field,
        ]
    )
    return True


def mark_read(consultation, user):
    """Record that ``user`` has seen the thread as it was loaded (never backwards)."""
    seen = consultation.last_activity_at
    field = consultation.mark_read(user, seen)
    Consultation.objects.filter(
        Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": seen}),
        pk=consultation.pk,
    ).update(**{field: seen})


def participant_name(user):
    """How a participant is named to the other: with academic titles for experts."""
    profile = getattr(user, "expert_profile", None) if user.is_expert else None
    name = profile.full_name if profile is not None else user.display_name
    return single_line(name)


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_other_participant(consultation, message, *, first=False):
    """Queue the one email this message owes the other participant.

    The email names the sender and links to the thread; it never carries the
    subject or the message, because email is not private.
    """
    recipient = consultation.other_participant(message.sender)
    if not recipient.email or not recipient.is_active:
        logger.warning(
            "Consultation message %s: recipient %s cannot be emailed",
            message.pk,
            recipient.pk,
        )
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return queue_templated_email(
            key=f"consult-message:{message.pk}:{recipient.pk}",
            to=recipient.email,
            template_prefix=(
                "consult/email/new_consultation"
                if first
                else "consult/email/new_message"
            ),
            context={
                "recipient_name": participant_name(recipient),
                "sender_name": participant_name(message.sender),
                "sender_is_expert": message.sender.pk == consultation.expert_id,
                "thread_url": absolute_url(
                    reverse(
                        "consult:detail", kwargs={"public_id": consultation.public_id}
                    )
                ),
                "list_url": absolute_url(reverse("consult:mine")),
            },
        )
