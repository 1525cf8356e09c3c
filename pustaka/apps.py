from django.apps import AppConfig


class PustakaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pustaka"

    def ready(self):
        from . import facets

        facets.connect_signals()
