"""The editors' only window on consultations: figures per expert, never content."""

import statistics
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import Consultation

STATISTICS_PERMISSION = "consult.view_consultation_statistics"


def expert_statistics():
    """One row per expert who received consultations: counts and response time.

    Only aggregates leave this function: no subject, message or requester.
    """
    status = Consultation.Status
    rows = list(
        Consultation.objects.values("expert")
        .annotate(
            total=Count("pk"),
            awaiting=Count("pk", filter=Q(status=status.NEW)),
            answered=Count("pk", filter=Q(status=status.ANSWERED)),
            closed=Count("pk", filter=Q(status=status.CLOSED)),
            last_activity_at=Max("last_activity_at"),
        )
        .order_by()
    )
    # TODO: the median is computed in Python (portable across SQLite and
    # PostgreSQL); with hundreds of thousands of threads use percentile_cont.
    waits = defaultdict(list)
    for expert_id, created_at, first_response_at in Consultation.objects.filter(
        first_response_at__isnull=False
    ).values_list("expert", "created_at", "first_response_at"):
        waits[expert_id].append((first_response_at - created_at).total_seconds())

    experts = get_user_model().objects.in_bulk([row["expert"] for row in rows])
    for row in rows:
        expert = experts[row["expert"]]
        row["name"] = expert.display_name
        row["is_active"] = expert.is_active
        row["open"] = row["awaiting"] + row["answered"]
        expert_waits = waits.get(row["expert"])
        row["median_response_hours"] = (
            statistics.median(expert_waits) / 3600 if expert_waits else None
        )
    rows.sort(key=lambda row: row["name"].lower())
    return rows


class ConsultationStatisticsView(WagtailAdminTemplateMixin, TemplateView):
    """Consultation figures per expert for Bappeda editors."""

    template_name = "consult/admin/statistics.html"
    page_title = _("Consultation figures")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(STATISTICS_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = expert_statistics()
        context["rows"] = rows
        context["totals"] = {
            key: sum(row[key] for row in rows)
            for key in ("total", "open", "awaiting", "answered", "closed")
        }
        return context
