from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfopointConfig(AppConfig):
    name = "infopoint"
    verbose_name = _("Infopoint: staff and roles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from infopoint import signals  # noqa: F401  (security event logging)

        post_migrate.connect(_ensure_groups, sender=self)


def _ensure_groups(sender, **kwargs):
    from infopoint.services import groups_ensure

    groups_ensure()
