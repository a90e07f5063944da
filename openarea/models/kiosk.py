import secrets

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from infopoint.lib.audited_bulk import AuditedManager


def new_device_token() -> str:
    return secrets.token_urlsafe(32)


class KioskDevice(models.Model):
    """A browser in the open area, enrolled by staff as a self-service kiosk."""

    name = models.CharField(_("name"), max_length=100, help_text=_("For example: Kiosk 1 by the window"))
    token = models.CharField(max_length=64, unique=True, default=new_device_token, editable=False)
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("enrolled by")
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    # One device per submitted enrol form, even on a double click (security.md I5).
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("kiosk device")
        verbose_name_plural = _("kiosk devices")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


# ``last_seen_at`` is a heartbeat of the kiosk PC (no person behind it), written by the kiosk
# middleware every ten minutes: logging it would bury the entries that matter.
auditlog.register(KioskDevice, exclude_fields=["token", "last_seen_at"])


class KioskRateCount(models.Model):
    """How often one kiosk device posted one kind of form in one calendar minute (issue 21).

    In the database so that every gunicorn worker counts the same posts; rows older than two
    minutes are deleted on the next count. ``who`` is ``device:<id>`` or, for staff looking at
    the kiosk pages, ``user:<id>``; nothing a visitor typed is kept.
    """

    who = models.CharField(max_length=40)
    action = models.CharField(max_length=20)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kiosk rate count")
        verbose_name_plural = _("kiosk rate counts")
        constraints = [models.UniqueConstraint(fields=["who", "action", "window_start"], name="kiosk_rate_one_row_per_minute")]
        indexes = [models.Index(fields=["window_start"], name="kiosk_rate_window_idx")]

    def __str__(self):
        return f"{self.who} {self.action} {self.window_start:%H:%M}: {self.count}"
