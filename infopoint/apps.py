from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfopointConfig(AppConfig):
    name = "infopoint"
    verbose_name = _("Infopoint: staff and roles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from infopoint import (
            session_end,  # noqa: F401  (a deactivated account loses its sessions)
            signals,  # noqa: F401  (security event logging)
            staff_session,  # noqa: F401  (stamps the log-in time into the session)
        )

        # Not limited to this app: permissions of the apps after us exist only once their
        # own post_migrate has run, so the groups are brought up to date after each app.
        post_migrate.connect(_ensure_groups, dispatch_uid="infopoint.ensure_groups")

        from infopoint.lib.audited_bulk import connect_set_null_logging

        # Django blanks on_delete=SET_NULL keys in bulk; the audit log records each row anyway.
        connect_set_null_logging()


def _ensure_groups(sender, **kwargs):
    from infopoint.services import groups_ensure

    groups_ensure()
