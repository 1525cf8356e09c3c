"""Who may start a consultation, and with whom."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.permissions import is_verified_account
from experts.models import ExpertProfile

CONSULTING_ACCOUNT_TYPES = {
    User.AccountType.MASYARAKAT,
    User.AccountType.PEMERINTAH,
    User.AccountType.PAKAR,
}

NOT_VERIFIED = "not_verified"
STAFF = "staff"
WRONG_ACCOUNT = "wrong_account"

REFUSAL_MESSAGES = {
    NOT_VERIFIED: _(
        "Verify your email address first: we sent you a link when you signed up."
    ),
    STAFF: _(
        "Editor and administrator accounts cannot start consultations. "
        "Sign in with a personal account instead."
    ),
    WRONG_ACCOUNT: _("Your account cannot start consultations."),
}


def consultable_experts():
    """Expert profiles that take new consultations right now."""
    return ExpertProfile.objects.filter(
        accepts_consultations=True,
        user__is_active=True,
        user__account_type=User.AccountType.PAKAR,
    )


def start_refusal(user):
    """Why a signed-in ``user`` may not start a consultation, or None if they may."""
    if user.is_staff or user.is_superuser:
        return STAFF
    if user.account_type not in CONSULTING_ACCOUNT_TYPES:
        return WRONG_ACCOUNT
    if not is_verified_account(user):
        return NOT_VERIFIED
    return None


def get_consultable_expert(slug):
    """The profile behind a start form, or 404 if it takes no consultations."""
    profile = consultable_experts().select_related("user").filter(slug=slug).first()
    if profile is None:
        raise Http404
    return profile


def get_consultation_for(user, public_id, *, for_update=False):
    """A consultation ``user`` takes part in, or 404 whether or not it exists."""
    from .models import Consultation

    queryset = Consultation.objects.for_participant(user)
    if for_update:
        queryset = queryset.select_for_update()
    consultation = queryset.filter(public_id=public_id).first()
    if consultation is None:
        raise Http404
    return consultation
