"""Forms to start a consultation and to write in one."""

import uuid

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from experts.models import ExpertiseField

from .attachments import check_attachment
from .models import Consultation

BODY_MAX_LENGTH = 5000


def attachment_help():
    return _(
        "A PDF, JPEG or PNG file of at most %(size)s. Only you and the other "
        "participant can download it."
    ) % {"size": filesizeformat(settings.CONSULT_MAX_ATTACHMENT_SIZE)}


class MessageForm(forms.Form):
    """A message with an optional attachment and a once-only token."""

    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write your message.")},
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        widget=forms.FileInput(
            attrs={
                "accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            }
        ),
    )
    # Generated when the form is shown; the same token twice means the same
    # submission (a double click or a resent form), stored only once.
    token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form has expired. Check your text and send it again."),
            "invalid": _("This form has expired. Check your text and send it again."),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = attachment_help()
        self.attachment_type = ""

    def clean_attachment(self):
        attachment = self.cleaned_data.get("attachment")
        if attachment:
            self.attachment_type = check_attachment(attachment)
        return attachment

    def renew_token_if_invalid(self):
        """Give a form whose token went missing a fresh one, so it can be resent."""
        if self.is_bound and "token" in self.errors:
            self.data = self.data.copy()
            self.data[self.add_prefix("token")] = str(uuid.uuid4())

    @property
    def lost_attachment(self):
        """Whether a file was chosen but the form is shown again without it."""
        return self.is_bound and bool(self.files.get(self.add_prefix("attachment")))


class ConsultationForm(MessageForm):
    """The first message of a consultation: subject, field and message."""

    subject = forms.CharField(
        label=_("Subject"),
        max_length=Consultation._meta.get_field("subject").max_length,
        error_messages={"required": _("Give your question a subject.")},
    )
    field = forms.ModelChoiceField(
        label=_("Field of expertise"),
        queryset=ExpertiseField.objects.none(),
        required=False,
        empty_label=_("(not chosen)"),
    )

    field_order = ["subject", "field", "body", "attachment", "token"]

    def __init__(self, *args, expert_profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = ExpertiseField.objects.all()
        if expert_profile is not None and expert_profile.fields.exists():
            fields = expert_profile.fields.all()
        self.fields["field"].queryset = fields
        self.fields["body"].label = _("Your question")
        self.fields["body"].help_text = _(
            "Describe your situation and what you would like to know. "
            "At most %(count)s characters."
        ) % {"count": BODY_MAX_LENGTH}
