from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privasi/", views.policy, name="policy"),
    path("akun/data-saya/", views.my_data, name="my_data"),
    path("akun/data-saya/unduh/", views.export, name="export"),
    path("akun/hapus-akun/", views.delete_account, name="delete_account"),
]
