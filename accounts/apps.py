from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib import admin

        from . import signals
        from .forms import DjangoAdminLoginForm

        signals.connect()
        # Every login form on the site counts failed attempts the same way.
        admin.site.login_form = DjangoAdminLoginForm
