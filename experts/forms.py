"""Forms for Profil Saya, its publications, and editors creating expert accounts."""

from django import forms
from django.contrib.auth import password_validation
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.models import User
from accounts.signals import trust_email

from .images import process_photo
from .models import ExpertAccount, ExpertiseField, ExpertProfile, Publication

MAX_ID_DIGITS = 18  # the largest id that fits a 64-bit database column


class FieldsChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of fields that call an id too big for the database invalid."""

    def _check_values(self, value):
        for pk in value:
            if len(str(pk)) > MAX_ID_DIGITS:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:MAX_ID_DIGITS]},
                )
        return super()._check_values(value)


PHOTO_HELP = _("JPEG, PNG or WebP, at most 5 MB and 25 megapixels.")


class ProfileForm(forms.ModelForm):
    """Profil Saya: what an expert shows the public."""

    name = forms.CharField(
        label=_("Full name (without titles)"), max_length=150, required=True
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=PHOTO_HELP,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    fields = FieldsChoiceField(
        label=_("Fields of expertise"),
        queryset=ExpertiseField.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ExpertProfile
        fields = [
            "title_prefix",
            "title_suffix",
            "institution",
            "position",
            "bio",
            "fields",
            "accepts_consultations",
            "notify_on_reply",
            "phone",
            "show_email",
            "show_phone",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}

    field_order = ["name", "title_prefix", "title_suffix", "photo", "remove_photo"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].initial = self.instance.user.name
        self.fields["bio"].max_length = 2000
        self.fields["bio"].widget.attrs["maxlength"] = 2000

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return process_photo(upload)

    def save(self, commit=True):
        profile = super().save(commit=False)
        profile.user.name = self.cleaned_data["name"]
        old_photo = profile.photo.name if profile.photo else ""
        if self.cleaned_data.get("photo"):
            profile.photo.save(
                self.cleaned_data["photo"].name, self.cleaned_data["photo"], save=False
            )
        elif self.cleaned_data.get("remove_photo"):
            profile.photo = ""
        if commit:
            profile.user.save(update_fields=["name"])
            profile.save()
            self.save_m2m()
            if old_photo and old_photo != profile.photo.name:
                storage = profile.photo.storage
                transaction.on_commit(lambda: storage.delete(old_photo))
        return profile


class PublicationForm(forms.ModelForm):
    """One publication or research project."""

    class Meta:
        model = Publication
        fields = ["kind", "title", "year", "venue", "coauthors", "link"]

    link = forms.CharField(
        label=_("Link or DOI"),
        max_length=450,
        required=False,
        help_text=_("A web address (https://…) or a DOI such as 10.1234/abcd."),
    )

    def clean_link(self):
        link = self.cleaned_data.get("link", "").strip()
        if link.lower().startswith("doi:"):
            link = link[4:].strip()
        if link.startswith("10.") and "/" in link:
            link = "https://doi.org/" + link
        if link:
            URLValidator(
                schemes=["http", "https"],
                message=_("Enter a web address starting with https:// or a DOI."),
            )(link)
        return link

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not 1950 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year between 1950 and 2100."))
        return year


PublicationFormSet = forms.inlineformset_factory(
    ExpertProfile,
    Publication,
    form=PublicationForm,
    extra=1,
    can_delete=True,
    max_num=100,
    validate_max=True,
    # Without it Django builds up to max_num + 1000 forms for a tampered
    # pub-TOTAL_FORMS: seven seconds of work for one request.
    absolute_max=100,
)


class ExpertCreateForm(WagtailAdminModelForm):
    """An editor creates an expert: with a password to hand over, or an invitation."""

    PASSWORD = "password"  # noqa: S105 (a choice value, not a secret)
    INVITE = "invite"

    password_mode = forms.ChoiceField(
        label=_("First sign-in"),
        choices=[
            (PASSWORD, _("I set an initial password and hand it over")),
            (INVITE, _("Email the expert a link to choose a password")),
        ],
        initial=PASSWORD,
        widget=forms.RadioSelect,
    )
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=True),
        help_text=_("At least 8 characters; not only digits."),
    )

    class Meta:
        model = ExpertAccount
        fields = ["name", "username", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "email"):
            self.fields[name].required = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username

    def clean_email(self):
        from allauth.account.models import EmailAddress

        email = self.cleaned_data["email"].strip()
        taken = User.objects.filter(email__iexact=email).exists()
        if taken or EmailAddress.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Another account uses this email address."))
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password_mode") == self.PASSWORD:
            password = cleaned.get("password")
            if not password:
                self.add_error("password", _("Enter the initial password."))
            else:
                try:
                    password_validation.validate_password(password, self.instance)
                except forms.ValidationError as error:
                    self.add_error("password", error)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        user.account_type = User.AccountType.PAKAR
        if self.cleaned_data["password_mode"] == self.PASSWORD:
            user.set_password(self.cleaned_data["password"])
        else:
            user.set_unusable_password()
        if commit:
            self.save_expert(user)
        return user

    @transaction.atomic
    def save_expert(self, user):
        """Store the account, its trusted email, profile and any invitation."""
        from .services import send_invitation

        user.save()
        trust_email(user)
        ExpertProfile.objects.create(
            user=user, slug=ExpertProfile.unique_slug(user.display_name)
        )
        if self.cleaned_data["password_mode"] == self.INVITE:
            send_invitation(user)
        return user


class ExpertEditForm(WagtailAdminModelForm):
    """An editor corrects an expert's name or address, or (de)activates them."""

    class Meta:
        model = ExpertAccount
        fields = ["name", "username", "email", "is_active"]
        labels = {"is_active": _("Active (may sign in and is listed publicly)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "email"):
            self.fields[name].required = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        others = User.objects.exclude(pk=self.instance.pk)
        if others.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        others = User.objects.exclude(pk=self.instance.pk)
        if others.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Another account uses this email address."))
        return email

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            trust_email(user)
            if not hasattr(user, "expert_profile"):
                ExpertProfile.objects.create(
                    user=user, slug=ExpertProfile.unique_slug(user.display_name)
                )
        return user
