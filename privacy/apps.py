from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data under UU PDP No. 27/2022: export, account deletion, policy."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy"
    verbose_name = _("personal data")
