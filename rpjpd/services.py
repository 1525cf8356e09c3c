"""What happens to a reply: posting, editing, withdrawing, moderating, follow-up.

Views and the admin call these functions so every path applies the same rules,
writes the same audit log entries and queues the same email.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from outbox.services import queue_templated_email

from .models import Reply, ReplyRevision

logger = logging.getLogger(__name__)


class ReplyRefused(Exception):
    """A reply that may not be stored; ``message`` says why, for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def is_rate_limited(author):
    """Whether ``author`` has already sent the most replies the window allows
    (``RPJPD_REPLY_RATE_LIMIT`` within ``RPJPD_REPLY_RATE_WINDOW_MINUTES``).

    Counted in the database, so every web process sees the same number.
    """
    window = timedelta(minutes=settings.RPJPD_REPLY_RATE_WINDOW_MINUTES)
    recent = Reply.objects.filter(
        author=author, created_at__gte=timezone.now() - window
    )
    return recent.count() >= settings.RPJPD_REPLY_RATE_LIMIT


def submitted_reply(author, token):
    """The reply ``author`` already stored from the form carrying ``token``, if any."""
    return Reply.objects.filter(author=author, submission_token=token).first()


def post_reply(*, topic, author, body, parent=None, token, checked=False):
    """Store a reply once per form submission; return ``(reply, created)``.

    A resent form carries the same ``token``: the reply stored the first time is
    returned instead of a second copy, even when both requests arrive together.
    ``checked`` says the caller has just looked for that reply (the view does,
    before the rate limit): the unique constraint still catches a twin request.
    """
    existing = None if checked else submitted_reply(author, token)
    if existing is not None:
        return existing, False

    try:
        with transaction.atomic():
            reply = Reply.objects.create(
                topic=topic,
                author=author,
                parent=parent,
                thread=(parent.thread or parent) if parent else None,
                body=body,
                submission_token=token,
            )
            _notify_safely(reply)
    except IntegrityError:
        # The twin request committed first; show the reply it stored.
        existing = submitted_reply(author, token)
        if existing is None:
            raise
        return existing, False
    logger.info("Reply %s posted on topic %s", reply.pk, topic.pk)
    return reply, True


def _notify_safely(reply):
    """Queue the notification in a savepoint: a failure there never loses the reply."""
    try:
        with transaction.atomic():
            notify_parent_author(reply)
    except Exception:
        logger.exception("Could not queue the notification for reply %s", reply.pk)


def notify_parent_author(reply):
    """Queue an email to the author of the reply being answered, if they want it."""
    parent = reply.parent
    if parent is None or parent.author is None or parent.author_id == reply.author_id:
        return
    recipient = parent.author
    profile = getattr(recipient, "expert_profile", None)
    if profile is not None and not profile.notify_on_reply:
        return
    if not recipient.email or not recipient.is_active:
        return
    queue_templated_email(
        key=f"rpjpd-reply:{reply.pk}:{recipient.pk}",
        to=recipient.email,
        template_prefix="rpjpd/email/reply_answered",
        context={
            "recipient": recipient,
            "reply": reply,
            "topic": reply.topic,
            "url": absolute_reply_url(reply),
        },
    )


def absolute_reply_url(reply):
    """A full link to the reply on its topic page, for email."""
    from .threads import reply_url

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reply_url(reply)


def edit_reply(reply, *, body):
    """Replace the text of a reply, keep the old text, and mark it edited."""
    if body == reply.body:
        return
    ReplyRevision.objects.create(reply=reply, body=reply.body)
    reply.body = body
    reply.edited_at = timezone.now()
    reply.save(update_fields=["body", "edited_at"])


def withdraw_reply(reply):
    """Withdraw a reply at its author's request; answers to it stay."""
    reply.withdrawn_at = timezone.now()
    reply.save(update_fields=["withdrawn_at"])
    logger.info("Reply %s withdrawn by its author", reply.pk)


def hide_reply(reply, *, user, reason):
    """Hide a reply from the public with a reason, and log who did it."""
    with transaction.atomic():
        reply.moderation_state = Reply.ModerationState.HIDDEN
        reply.hidden_reason = reason
        reply.hidden_by = user
        reply.hidden_at = timezone.now()
        reply.save(
            update_fields=[
                "moderation_state",
                "hidden_reason",
                "hidden_by",
                "hidden_at",
            ]
        )
        log(reply, "rpjpd.reply.hide", user=user, data={"reason": reason})
    logger.info("Reply %s hidden by moderator %s", reply.pk, user.pk)


def unhide_reply(reply, *, user):
    """Show a hidden reply again, and log who did it."""
    with transaction.atomic():
        reply.moderation_state = Reply.ModerationState.VISIBLE
        reply.hidden_reason = ""
        reply.hidden_by = None
        reply.hidden_at = None
        reply.save(
            update_fields=[
                "moderation_state",
                "hidden_reason",
                "hidden_by",
                "hidden_at",
            ]
        )
        log(reply, "rpjpd.reply.unhide", user=user)
    logger.info("Reply %s shown again by moderator %s", reply.pk, user.pk)


def record_outcome(reply, *, user, outcome, reason):
    """Record how the reply was used in the draft plan, and log who did it."""
    with transaction.atomic():
        reply.outcome = outcome
        reply.outcome_reason = reason
        reply.outcome_recorded_by = user if outcome else None
        reply.outcome_recorded_at = timezone.now() if outcome else None
        reply.save(
            update_fields=[
                "outcome",
                "outcome_reason",
                "outcome_recorded_by",
                "outcome_recorded_at",
            ]
        )
        log(
            reply,
            "rpjpd.reply.outcome",
            user=user,
            data={"outcome": outcome},
        )
