from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils.translation import gettext_lazy as _

from infopoint.lib.stuttgart import Organisation


class StaffProfile(models.Model):
    """What the Infopoint needs to know about a staff account beyond Django's user."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    organisation = models.CharField(
        _("organisation"),
        max_length=20,
        choices=Organisation.choices,
        help_text=_("Advisors see only the case data of their own organisation."),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        # Pseudonymous on purpose: this text ends up in the audit log.
        return f"staff-profile-{self.pk}"


auditlog.register(StaffProfile)
# Staff accounts and their role groups: who may see what must be traceable (security.md B9, G5).
auditlog.register(User, exclude_fields=["password", "last_login"], m2m_fields={"groups"})
