"""The editors' only window on consultations: figures per expert, never content."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Max, Q
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .aggregates import Median
from .models import Consultation

STATISTICS_PERMISSION = "consult.view_consultation_statistics"


def expert_statistics():
    """One row per expert who received consultations: counts and response time.

    Only aggregates leave this function: no subject, message or requester. The
    median time to the expert's first answer is computed in the same grouped
    query (unanswered threads have no first answer and do not count).
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
            median_response=Median(F("first_response_at") - F("created_at")),
        )
        .order_by()
    )
    experts = get_user_model().objects.in_bulk([row["expert"] for row in rows])
    for row in rows:
        expert = experts[row["expert"]]
        row["name"] = expert.display_name
        row["is_active"] = expert.is_active
        row["open"] = row["awaiting"] + row["answered"]
        median = row.pop("median_response")
        row["median_response_hours"] = (
            median.total_seconds() / 3600 if median is not None else None
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
