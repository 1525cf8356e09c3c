from django.apps import AppConfig


class RpjpdConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rpjpd"
