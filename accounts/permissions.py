"""Who may do what: small helpers every app uses to guard its views.

A visitor is sent to log in (and comes back through ``next``); a signed-in
person without the right role gets the site's 403 page in Indonesian.
"""

from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

ADMIN_PERMISSION = "wagtailadmin.access_admin"

NEED_VERIFIED_EMAIL = _(
    "Please verify your email address first: open the link we emailed you."
)
NEED_EXPERT = _("This page is for expert accounts only.")


def can_access_admin(user):
    """Whether ``user`` may enter the Wagtail admin (editors and admins)."""
    return user.is_authenticated and user.is_active and user.has_perm(ADMIN_PERMISSION)


def is_verified_account(user):
    """A signed-in, active account whose email address has been verified."""
    return user.is_authenticated and user.is_active and user.has_verified_email()


def is_active_expert(user):
    """A signed-in, active, verified expert account."""
    return is_verified_account(user) and user.is_expert


def _guard(test, denied_message):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied(denied_message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def verified_account_required(view):
    """Let in any signed-in account with a verified email; visitors go to log in."""
    return _guard(is_verified_account, NEED_VERIFIED_EMAIL)(view)


def expert_required(view):
    """Let in experts only; visitors go to log in, everyone else gets 403."""
    return _guard(is_active_expert, NEED_EXPERT)(view)


class _GuardMixin(AccessMixin):
    test = None
    denied_message = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not type(self).test(request.user):
            raise PermissionDenied(self.denied_message)
        return super().dispatch(request, *args, **kwargs)


class VerifiedAccountRequiredMixin(_GuardMixin):
    """Class-based twin of :func:`verified_account_required`."""

    test = is_verified_account
    denied_message = NEED_VERIFIED_EMAIL


class ExpertRequiredMixin(_GuardMixin):
    """Class-based twin of :func:`expert_required`."""

    test = is_active_expert
    denied_message = NEED_EXPERT
