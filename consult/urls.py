"""URLs of Konsultasi, mounted at ``/konsultasi/``."""

from django.urls import path

from . import views

app_name = "consult"

urlpatterns = [
    path("", views.index, name="index"),
    path("saya/", views.my_consultations, name="mine"),
    path("baru/<slug:slug>/", views.start, name="start"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/balas/", views.reply, name="reply"),
    path("<uuid:public_id>/tutup/", views.close, name="close"),
    path(
        "<uuid:public_id>/lampiran/<uuid:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
]
