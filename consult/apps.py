from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consult"
    verbose_name = _("Consultations")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import signals  # noqa: F401 - connects the receivers
        from .aggregates import register_sqlite_median

        connection_created.connect(
            register_sqlite_median, dispatch_uid="consult-sqlite-median"
        )
