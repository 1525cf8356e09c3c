"""The "Pakar" area of the Wagtail admin: editors create and manage expert accounts."""

import django_filters
from django import forms
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import (
    ButtonsColumnMixin,
    Column,
    StatusFlagColumn,
    TitleColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, ListingButton

from .admin_views import ResendInvitationView
from .forms import ExpertCreateForm, ExpertEditForm
from .models import ExpertAccount, ExpertiseField
from .services import RESEND_ACTION, awaits_password

RESEND_LABEL = _("Resend invitation")


class ExpertFilterSet(WagtailFilterSet):
    """Filter expert accounts by field of expertise and by status."""

    bidang = django_filters.ModelChoiceFilter(
        label=_("Field of expertise"),
        queryset=ExpertiseField.objects.all(),
        field_name="expert_profile__fields",
    )
    is_active = django_filters.BooleanFilter(
        label=_("Status"),
        widget=forms.RadioSelect(
            choices=[("", _("All")), ("true", _("Active")), ("false", _("Inactive"))]
        ),
    )

    class Meta:
        model = ExpertAccount
        fields = []


class ExpertIndexView(generic.IndexView):
    """Expert accounts with their institution, fields and status; never private data."""

    def get_base_queryset(self):
        return (
            ExpertAccount.objects.select_related("expert_profile")
            .prefetch_related("expert_profile__fields")
            .distinct()
        )

    @cached_property
    def columns(self):
        # A title column given in list_display gets no row buttons from Wagtail.
        title, *others = super().columns
        name = ExpertTitleColumn(
            title.name, label=title.label, url_name="pakar:edit", view=self
        )
        return [name, *others]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if awaits_password(instance) and self.can_resend:
            buttons.append(
                ListingButton(
                    RESEND_LABEL,
                    url=reverse("pakar:resend_invitation", args=[instance.pk]),
                    icon_name="mail",
                    priority=15,
                )
            )
        return buttons

    @cached_property
    def can_resend(self):
        return self.permission_policy.user_has_permission(self.request.user, "change")


class ExpertEditView(generic.EditView):
    """The edit form, with "Resend invitation" while no password was chosen."""

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if awaits_password(self.object):
            buttons.append(
                Button(
                    RESEND_LABEL,
                    url=reverse("pakar:resend_invitation", args=[self.object.pk]),
                    icon_name="mail",
                    priority=15,
                )
            )
        return buttons


class ExpertTitleColumn(ButtonsColumnMixin, TitleColumn):
    """The name, linking to the edit form, with the row's action buttons."""

    def __init__(self, *args, view, **kwargs):
        super().__init__(*args, **kwargs)
        self.view = view

    def get_buttons(self, instance, parent_context):
        return self.view.get_list_buttons(instance)


def _institution(user):
    profile = getattr(user, "expert_profile", None)
    return profile.institution if profile else ""


def _fields(user):
    profile = getattr(user, "expert_profile", None)
    return ", ".join(f.name for f in profile.fields.all()) if profile else ""


class ExpertViewSet(ModelViewSet):
    """Create, edit, deactivate and reactivate expert accounts."""

    model = ExpertAccount
    index_view_class = ExpertIndexView
    edit_view_class = ExpertEditView
    icon = "user"
    menu_label = _("Experts")
    menu_order = 250
    add_to_admin_menu = True
    name = "pakar"
    copy_view_enabled = False
    inspect_view_enabled = False
    filterset_class = ExpertFilterSet
    search_fields = ["name", "username", "expert_profile__institution"]
    search_backend_name = None
    ordering = ["name", "pk"]
    list_per_page = 50
    list_display = [
        TitleColumn("display_name", label=_("Name"), url_name="pakar:edit"),
        Column("username", label=_("Username")),
        Column("institution", label=_("Institution"), accessor=_institution),
        Column("bidang", label=_("Fields of expertise"), accessor=_fields),
        StatusFlagColumn(
            "is_active",
            label=_("Status"),
            true_label=_("Active"),
            false_label=_("Inactive"),
        ),
    ]

    def get_form_class(self, for_update=False):
        return ExpertEditForm if for_update else ExpertCreateForm

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            filterset_class=self.filterset_class, **kwargs
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "resend-invitation/<int:pk>/",
                ResendInvitationView.as_view(
                    permission_policy=self.permission_policy,
                    index_url_name=self.get_url_name("index"),
                    edit_url_name=self.get_url_name("edit"),
                ),
                name="resend_invitation",
            ),
        ]


expert_viewset = ExpertViewSet()


@hooks.register("register_admin_viewset")
def register_expert_viewset():
    return expert_viewset


@hooks.register("register_log_actions")
def register_expert_log_actions(actions):
    actions.register_action(RESEND_ACTION, RESEND_LABEL, _("Invitation sent again"))
