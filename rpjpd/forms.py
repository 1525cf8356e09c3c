"""Forms experts and editors fill in about replies."""

import re
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Reply

BODY_MIN_LENGTH = 20
BODY_MAX_LENGTH = 5000
# Invisible control characters (not tab or line break) have no place in a reply.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ReplyBodyField(forms.CharField):
    """Plain text between the minimum and maximum length, with Indonesian messages."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Your reply"),
            min_length=BODY_MIN_LENGTH,
            max_length=BODY_MAX_LENGTH,
            strip=True,
            widget=forms.Textarea(attrs={"rows": 8}),
            help_text=_(
                "Plain text, %(min)s to %(max)s characters. Leave a blank line "
                "between paragraphs; web addresses become links."
            )
            % {"min": BODY_MIN_LENGTH, "max": BODY_MAX_LENGTH},
            error_messages={
                "required": _("Write your reply before sending it."),
                "min_length": _(
                    "Your reply is too short: write at least %(limit_value)d "
                    "characters (now %(show_value)d)."
                ),
                "max_length": _(
                    "Your reply is too long: at most %(limit_value)d characters "
                    "(now %(show_value)d). Shorten it or split it into two replies."
                ),
            },
            **kwargs,
        )

    def to_python(self, value):
        """Keep one kind of line break, whatever the browser sent."""
        value = super().to_python(value)
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return CONTROL_CHARACTERS.sub("", value)


class ReplyForm(forms.Form):
    """A new reply; the hidden token makes a resent form store one reply."""

    body = ReplyBodyField()
    parent = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )
    token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form has expired. Check your text and send it again."),
            "invalid": _("This form has expired. Check your text and send it again."),
        },
    )

    def __init__(self, *args, topic, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.topic = topic

    def clean_parent(self):
        """The answered reply must be on this topic and readable."""
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = (
            Reply.objects.shown()
            .select_related("author", "author__expert_profile")
            .filter(topic=self.topic, pk=parent_id)
            .first()
        )
        if parent is None:
            raise forms.ValidationError(
                _("The reply you are answering is no longer available.")
            )
        return parent

    def fresh_token(self):
        """Give a re-shown form a valid token when the sent one was unusable."""
        if "token" in self.errors:
            data = self.data.copy()
            data["token"] = str(uuid.uuid4())
            self.data = data


class ReplyEditForm(forms.Form):
    """The new text of an existing reply."""

    body = ReplyBodyField()


class HideReplyForm(forms.Form):
    """A moderator's reason for hiding a reply."""

    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the moderation log; the public sees only a short marker."),
        error_messages={"required": _("Give a reason for hiding this reply.")},
    )
