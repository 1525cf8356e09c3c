"""URLs of expert replies (mounted at ``/balasan/``)."""

from django.urls import path, register_converter
from django.urls.converters import IntConverter

from . import views


class IdConverter(IntConverter):
    """A database id: at most 18 digits, so it always fits a 64-bit column."""

    regex = "[0-9]{1,18}"


register_converter(IdConverter, "id")

app_name = "replies"

urlpatterns = [
    path("topik/<id:topic_id>/tulis/", views.reply_create, name="create"),
    path("<id:pk>/", views.reply_permalink, name="detail"),
    path("<id:pk>/sunting/", views.reply_edit, name="edit"),
    path("<id:pk>/tarik/", views.reply_withdraw, name="withdraw"),
]

# Synthesis for editors: downloads and the printable summary.
for fmt in ("csv", "xlsx"):
    urlpatterns += [
        path(
            f"ekspor/topik/<id:topic_id>.{fmt}",
            views.export_topic,
            {"fmt": fmt},
            name=f"export_topic_{fmt}",
        ),
        path(
            f"ekspor/bagian/<id:section_id>.{fmt}",
            views.export_section,
            {"fmt": fmt},
            name=f"export_section_{fmt}",
        ),
    ]
urlpatterns += [
    path("rekap/topik/<id:topic_id>/", views.summary_topic, name="summary_topic"),
    path(
        "rekap/bagian/<id:section_id>/", views.summary_section, name="summary_section"
    ),
]
