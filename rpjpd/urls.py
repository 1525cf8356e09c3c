"""URLs of expert replies (mounted at ``/balasan/``)."""

from django.urls import path

from . import views

app_name = "replies"

urlpatterns = [
    path("topik/<int:topic_id>/tulis/", views.reply_create, name="create"),
    path("<int:pk>/", views.reply_permalink, name="detail"),
    path("<int:pk>/sunting/", views.reply_edit, name="edit"),
    path("<int:pk>/tarik/", views.reply_withdraw, name="withdraw"),
]

# Synthesis for editors: downloads and the printable summary.
for fmt in ("csv", "xlsx"):
    urlpatterns += [
        path(
            f"ekspor/topik/<int:topic_id>.{fmt}",
            views.export_topic,
            {"fmt": fmt},
            name=f"export_topic_{fmt}",
        ),
        path(
            f"ekspor/bagian/<int:section_id>.{fmt}",
            views.export_section,
            {"fmt": fmt},
            name=f"export_section_{fmt}",
        ),
    ]
urlpatterns += [
    path("rekap/topik/<int:topic_id>/", views.summary_topic, name="summary_topic"),
    path(
        "rekap/bagian/<int:section_id>/", views.summary_section, name="summary_section"
    ),
]
