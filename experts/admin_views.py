"""Admin views for expert accounts beyond Wagtail's create and edit."""

import uuid

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .models import ExpertAccount


class ResendInvitationForm(forms.Form):
    """One click of "Resend invitation": its token makes a double submit one email."""

    click = forms.UUIDField(widget=forms.HiddenInput)


class ResendInvitationView(WagtailAdminTemplateMixin, FormView):
    """Editors send a new "choose your password" link to an expert who never
    used (or let expire) the first one."""

    form_class = ResendInvitationForm
    template_name = "experts/admin/resend_invitation.html"
    page_title = _("Resend invitation")
    header_icon = "mail"
    permission_policy = None
    index_url_name = None
    edit_url_name = None

    def dispatch(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.expert = get_object_or_404(ExpertAccount, pk=pk)
        return super().dispatch(request, pk)

    def get(self, request, *args, **kwargs):
        if refusal := self.refusal():
            messages.error(request, refusal)
            return redirect(self.edit_url_name, self.expert.pk)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"click": uuid.uuid4()}

    def refusal(self):
        """Why no invitation may be sent to this account, or None."""
        name = self.expert.display_name
        if not self.expert.is_active:
            return _(
                "The account of %(name)s is inactive; activate it before sending "
                "an invitation."
            ) % {"name": name}
        if self.expert.has_usable_password():
            return _(
                "%(name)s has already chosen a password. If it is forgotten, they "
                "can reset it at %(url)s."
            ) % {"name": name, "url": reverse("account_reset_password")}
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["expert"] = self.expert
        context["edit_url"] = self.edit_url_name
        return context

    def form_invalid(self, form):
        # Only a tampered or truncated form gets here: start a fresh click.
        messages.error(self.request, _("The form was incomplete; please try again."))
        return redirect(self.request.path)

    def form_valid(self, form):
        if refusal := self.refusal():
            messages.error(self.request, refusal)
        else:
            services.resend_invitation(
                self.expert, by=self.request.user, click=form.cleaned_data["click"]
            )
            messages.success(
                self.request,
                _(
                    "A new invitation to %(name)s is queued; it is sent as soon as "
                    "the mail server accepts it."
                )
                % {"name": self.expert.display_name},
            )
        return redirect(self.index_url_name)
