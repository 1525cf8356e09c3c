from django.urls import path

from . import views

app_name = "experts"

urlpatterns = [
    path("pakar/", views.directory, name="directory"),
    path("pakar/<slug:slug>/", views.detail, name="detail"),
    path("akun/profil/", views.my_profile, name="my_profile"),
]
