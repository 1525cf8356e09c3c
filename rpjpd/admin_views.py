"""The Wagtail admin for expert replies: list, filter, hide, unhide, follow-up."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from ops.params import parse_id

from . import services
from .forms import HideReplyForm
from .models import Reply, RPJPDSectionPage, TopicPage
from .permissions import can_moderate_replies


class ReplyPermissionPolicy(ModelPermissionPolicy):
    """Editors moderate replies; nobody adds or deletes them in the admin."""

    forbidden_actions = {"add", "delete"}

    def user_has_permission(self, user, action):
        if action in self.forbidden_actions:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        allowed = [action for action in actions if action not in self.forbidden_actions]
        return bool(allowed) and super().user_has_any_permission(user, allowed)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class PageIdChoiceField(forms.ModelChoiceField):
    """A page choice that refuses numbers no database id can have.

    A page type's key is a one-to-one link to ``Page``, which Django does not
    guard against numbers beyond 64 bits the way it guards integer fields: on
    SQLite ``?topic=99999999999999999999`` raised OverflowError (a 500), and
    ``?topic=²`` a ValueError.
    """

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class PageChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PageIdChoiceField


class ReplyFilterSet(WagtailFilterSet):
    """Filters of the reply list: section, topic, expert, state, follow-up, date."""

    STATE_CHOICES = [
        ("visible", _("Visible")),
        ("hidden", _("Hidden by a moderator")),
        ("withdrawn", _("Withdrawn by the author")),
    ]

    section = PageChoiceFilter(
        label=_("Section"),
        queryset=RPJPDSectionPage.objects.order_by("path"),
        method="filter_section",
    )
    topic = PageChoiceFilter(
        label=_("Topic"), queryset=TopicPage.objects.order_by("path")
    )
    author = django_filters.ModelChoiceFilter(
        label=_("Expert"),
        queryset=get_user_model()
        .objects.filter(account_type="pakar")
        .order_by("name", "username"),
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=STATE_CHOICES, method="filter_state"
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Follow-up in the plan"),
        choices=[*Reply.Outcome.choices, ("none", _("Not yet recorded"))],
        method="filter_outcome",
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Sent between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Reply
        fields = []

    def filter_section(self, queryset, name, value):
        return queryset.filter(topic__path__startswith=value.path)

    def filter_state(self, queryset, name, value):
        if value == "withdrawn":
            return queryset.filter(withdrawn_at__isnull=False)
        return queryset.filter(moderation_state=value, withdrawn_at__isnull=True)

    def filter_outcome(self, queryset, name, value):
        return queryset.filter(outcome="" if value == "none" else value)


def state_of(reply):
    """A short state label for the list."""
    if reply.is_withdrawn:
        return _("Withdrawn")
    if reply.is_hidden:
        return _("Hidden")
    return _("Visible")


class ReplyIndexView(generic.IndexView):
    """All replies, newest first, with hide and unhide at hand."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("topic", "author", "author__expert_profile")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        name = "hide" if not instance.is_hidden else "unhide"
        label = _("Hide") if not instance.is_hidden else _("Show again")
        buttons.append(
            ListingButton(
                label,
                url=reverse(f"{self.url_namespace}:{name}", args=[instance.pk]),
                icon_name="view" if instance.is_hidden else "no-view",
                priority=5,
            )
        )
        return buttons

    @property
    def url_namespace(self):
        return self.index_url_name.rsplit(":", 1)[0]


class ReplyEditView(generic.EditView):
    """Record how the reply was used in the plan (the follow-up ledger)."""

    def save_instance(self):
        reply = self.form.instance
        services.record_outcome(
            reply,
            user=self.request.user,
            outcome=self.form.cleaned_data["outcome"],
            reason=self.form.cleaned_data["outcome_reason"],
        )
        self.has_content_changes = self.form.has_changed()
        return reply


class ModerationFormView(WagtailAdminTemplateMixin, FormView):
    """Shared steps of hiding and showing a reply: permission, reply, redirect."""

    template_name = "rpjpd/admin/moderate_reply.html"
    header_icon = "comment"
    index_url_name = None

    def dispatch(self, request, pk):
        if not can_moderate_replies(request.user):
            raise PermissionDenied
        self.reply = get_object_or_404(
            Reply.objects.select_related("topic", "author"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reply"] = self.reply
        context["excerpt"] = Truncator(self.reply.body).words(60)
        context["index_url"] = reverse(self.index_url_name)
        return context

    def done(self, message):
        messages.success(self.request, message)
        return redirect(self.index_url_name)


class HideReplyView(ModerationFormView):
    """Hide a reply from the public, with a reason kept in the log."""

    form_class = HideReplyForm
    page_title = _("Hide reply")

    def form_valid(self, form):
        if not self.reply.is_hidden:
            services.hide_reply(
                self.reply, user=self.request.user, reason=form.cleaned_data["reason"]
            )
        return self.done(_("The reply is hidden from the public."))


class UnhideReplyView(ModerationFormView):
    """Show a hidden reply to the public again."""

    form_class = HideReplyForm
    page_title = _("Show reply again")

    def get_form(self, form_class=None):
        return None

    def post(self, request, *args, **kwargs):
        if self.reply.is_hidden:
            services.unhide_reply(self.reply, user=request.user)
        return self.done(_("The reply is visible to the public again."))


class ReplyViewSet(ModelViewSet):
    """Expert replies in the admin ("Balasan pakar")."""

    model = Reply
    icon = "comment"
    menu_label = _("Expert replies")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = ReplyIndexView
    edit_view_class = ReplyEditView
    filterset_class = ReplyFilterSet
    search_fields = [
        "body",
        "author__name",
        "author__username",
        "author__first_name",
        "author__last_name",
        "topic__title",
    ]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    list_display = [
        "excerpt",
        Column("author_name", label=_("Expert")),
        Column("topic", label=_("Topic"), accessor="topic.title"),
        DateColumn("created_at", label=_("Sent at")),
        Column("state", label=_("State"), accessor=state_of),
        Column("outcome", label=_("Follow-up"), accessor="get_outcome_display"),
    ]
    panels = [
        HelpPanel(
            template="rpjpd/admin/reply_panel.html",
            heading=_("Reply"),
        ),
        MultiFieldPanel(
            [FieldPanel("outcome"), FieldPanel("outcome_reason")],
            heading=_("Follow-up in the plan"),
        ),
    ]

    @property
    def permission_policy(self):
        return ReplyPermissionPolicy(self.model)

    def get_urlpatterns(self):
        index = self.get_url_name("index")
        return super().get_urlpatterns() + [
            path(
                "hide/<int:pk>/",
                HideReplyView.as_view(index_url_name=index),
                name="hide",
            ),
            path(
                "unhide/<int:pk>/",
                UnhideReplyView.as_view(index_url_name=index),
                name="unhide",
            ),
        ]


reply_viewset = ReplyViewSet("rpjpd_reply")
