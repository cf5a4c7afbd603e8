from django.apps import AppConfig


class IdentityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal.identity"
    label = "identity"
    verbose_name = "Thông tin cổng"

    def ready(self):
        from . import signals

        signals.connect()
