"""The "Pakar" area of the Wagtail admin: editors create and manage expert accounts."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusFlagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import ExpertCreateForm, ExpertEditForm
from .models import ExpertAccount, ExpertiseField


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


expert_viewset = ExpertViewSet()


@hooks.register("register_admin_viewset")
def register_expert_viewset():
    return expert_viewset
