from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site: health check, page cache, security headers, logs, checks."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ops"
    verbose_name = _("operations")

    def ready(self):
        from . import checks, page_cache  # noqa: F401  (register checks and signals)

        page_cache.connect_signals()
