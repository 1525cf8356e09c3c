"""Actions on expert accounts shared by the admin, the demo loader and tests."""

import logging

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from wagtail.log_actions import log

from outbox.models import OutgoingEmail
from outbox.services import queue_templated_email

logger = logging.getLogger(__name__)

# The audit-log action of an editor sending an invitation again.
RESEND_ACTION = "experts.invitation.resend"


def password_setup_url(user):
    """An absolute, single-use link where ``user`` chooses their password."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def awaits_password(user):
    """Whether ``user`` is an active expert who has never chosen a password.

    That is an account created with an invitation whose link was never used
    (and may have expired): the editors may send a new one.
    """
    return user.is_active and user.is_expert and not user.has_usable_password()


def send_invitation(user):
    """Queue the "choose your password" email for a new expert account (once)."""
    _queue_invitation(user, key=f"expert-invitation:{user.pk}")
    logger.info("Queued an invitation for expert account %s.", user.pk)


@transaction.atomic
def resend_invitation(user, *, by, click):
    """Queue a new invitation with a fresh link, for an editor's click.

    ``click`` (a UUID from the form) makes each click one email: the same form
    sent twice queues it once, a later click queues another. The old link keeps
    working until it expires or a password is chosen; the link only ever goes
    into the email, never into logs. Returns True when this call queued it.
    """
    key = f"expert-invitation:{user.pk}:resend:{click}"
    if OutgoingEmail.objects.filter(key=key).exists():
        return False
    _queue_invitation(user, key=key)
    log(instance=user, action=RESEND_ACTION, user=by)
    logger.info(
        "Queued a new invitation for expert account %s (by user %s).", user.pk, by.pk
    )
    return True


def _queue_invitation(user, *, key):
    queue_templated_email(
        key=key,
        to=user.email,
        template_prefix="experts/email/invitation",
        context={
            "user": user,
            "setup_url": password_setup_url(user),
            "login_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("account_login"),
        },
    )
