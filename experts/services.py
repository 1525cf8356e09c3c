"""Actions on expert accounts shared by the admin, the demo loader and tests."""

import logging

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse

from outbox.services import queue_templated_email

logger = logging.getLogger(__name__)


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


def send_invitation(user):
    """Queue the "choose your password" email for a new expert account."""
    # TODO: editors cannot resend an expired invitation from the admin yet (the
    # key allows one per account); meanwhile the expert can use "Lupa kata sandi".
    queue_templated_email(
        key=f"expert-invitation:{user.pk}",
        to=user.email,
        template_prefix="experts/email/invitation",
        context={
            "user": user,
            "setup_url": password_setup_url(user),
            "login_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("account_login"),
        },
    )
    logger.info("Queued an invitation for expert account %s.", user.pk)
