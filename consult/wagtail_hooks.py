"""Wagtail admin: the consultation figures report, and nothing else.

Consultations are deliberately registered in no admin listing, snippet or
search index; editors get aggregate figures only.
"""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import STATISTICS_PERMISSION, ConsultationStatisticsView


class StatisticsMenuItem(MenuItem):
    """Shown only to editors allowed to see the figures."""

    def is_shown(self, request):
        return request.user.has_perm(STATISTICS_PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "konsultasi/statistik/",
            ConsultationStatisticsView.as_view(),
            name="consult_statistics",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Consultation figures"),
        reverse("consult_statistics"),
        name="consultation-figures",
        icon_name="table",
        order=900,
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label="consult",
        codename="view_consultation_statistics",
    )
