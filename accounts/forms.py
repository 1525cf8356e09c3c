"""Forms for sign-up, "Akun Saya" and the throttled Wagtail admin login."""

from allauth.account.adapter import get_adapter
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .models import User

PUBLIC_ACCOUNT_TYPES = [
    (User.AccountType.MASYARAKAT, _("Member of the public (masyarakat)")),
    (User.AccountType.PEMERINTAH, _("Local government staff (pemerintah)")),
]


class AgencyFieldsMixin:
    """Government accounts must name their agency and position."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("account_type") == User.AccountType.PEMERINTAH:
            for name in ("instansi", "jabatan"):
                if not (cleaned.get(name) or "").strip():
                    self.add_error(
                        name, _("Government accounts must fill in this field.")
                    )
        return cleaned


class SignupForm(AgencyFieldsMixin, forms.Form):
    """Extra sign-up fields; allauth adds email and password around them."""

    name = forms.CharField(label=_("Full name"), max_length=150)
    account_type = forms.ChoiceField(
        label=_("Account type"),
        choices=PUBLIC_ACCOUNT_TYPES,
        widget=forms.RadioSelect,
        initial=User.AccountType.MASYARAKAT,
    )
    instansi = forms.CharField(
        label=_("Agency"),
        max_length=200,
        required=False,
        help_text=_("Government accounts only, e.g. Dinas Pariwisata."),
    )
    jabatan = forms.CharField(
        label=_("Position"),
        max_length=150,
        required=False,
        help_text=_("Government accounts only."),
    )
    # A field people never see; bots that fill every input give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["name", "email", "account_type", "instansi", "jabatan"]

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Sign-up could not be processed."))
        return ""

    def signup(self, request, user):
        """allauth's hook; the adapter has already stored our fields."""


class AccountForm(AgencyFieldsMixin, forms.ModelForm):
    """ "Akun Saya": the details a person gave when signing up."""

    class Meta:
        model = User
        fields = ["name", "account_type", "instansi", "jabatan", "kecamatan"]
        fields += ["occupation"]
        labels = {
            "name": _("Full name"),
            "account_type": _("Account type"),
            "instansi": _("Agency"),
            "jabatan": _("Position"),
            "kecamatan": _("District (kecamatan)"),
            "occupation": _("Occupation"),
        }
        widgets = {"account_type": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        if self.instance.is_expert:
            # Experts are made by Bappeda; they cannot turn themselves into citizens.
            del self.fields["account_type"]
        else:
            self.fields["account_type"].choices = PUBLIC_ACCOUNT_TYPES


class ThrottledLoginMixin:
    """Authenticate through allauth so every login form shares one failed-login limit."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            # Raises a ValidationError once too many attempts failed.
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, username=username, password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class AdminLoginForm(ThrottledLoginMixin, WagtailLoginForm):
    """Wagtail's admin login form, throttled like the public one."""
