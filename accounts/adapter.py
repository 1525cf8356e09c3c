"""allauth hooks: our sign-up fields, and every account email through the outbox."""

import logging
import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context

from outbox.services import queue_email

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    """Queue allauth's mail instead of sending it, so a down mail server breaks nothing."""

    def send_mail(self, template_prefix, email, context_data):
        """Render allauth's templates as usual, then hand the result to the outbox."""
        from django.contrib.sites.shortcuts import get_current_site

        request = context.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        ctx.update(context_data)
        message = self.render_mail(template_prefix, email, ctx)
        kind = template_prefix.rsplit("/", 1)[-1]
        # Every allauth mail is its own event (a new link each time), hence uuid.
        queue_email(
            key=f"account:{kind}:{uuid.uuid4().hex}",
            to=email,
            subject=message.subject,
            body=message.body,
        )
        logger.info("Queued account email %s.", kind)

    def save_user(self, request, user, form, commit=True):
        """Store the name, account type and agency the sign-up form collected."""
        data = form.cleaned_data
        user.name = data.get("name", "")
        user.account_type = data.get("account_type") or user.AccountType.MASYARAKAT
        if user.account_type == user.AccountType.PEMERINTAH:
            user.instansi = data.get("instansi", "")
            user.jabatan = data.get("jabatan", "")
        return super().save_user(request, user, form, commit=commit)
