from django.db import models
from django.utils.translation import gettext_lazy as _


class UsageKind(models.TextChoices):
    """What a kiosk counts. Only these counts leave the kiosk; never who did it."""

    FORM_PRINTED = "form_printed", _("form printed")
    ONLINE_APPLICATION_OPENED = "online_application_opened", _("online application opened")
    QUICK_CHECK_STARTED = "quick_check_started", _("quick check started")
    QUICK_CHECK_COMPLETED = "quick_check_completed", _("quick check completed")
    QUICK_CHECK_PRINTED = "quick_check_printed", _("quick check printed")
    ADVICE_REQUESTED = "advice_requested", _("advice requested")
    FEEDBACK_GIVEN = "feedback_given", _("feedback given")
    RECEIPT_CHECKED = "receipt_checked", _("receipt number checked")


class KioskUsage(models.Model):
    """An anonymous daily count of one kind of kiosk use (for the statistics).

    ``key`` narrows the kind where that is useful and anonymous, e.g. which form was
    printed or the language the kiosk was used in; it never holds anything a visitor typed.
    """

    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=40, choices=UsageKind.choices)
    key = models.CharField(_("detail"), max_length=80, blank=True, default="")
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("kiosk use")
        verbose_name_plural = _("kiosk uses")
        ordering = ["-day", "kind", "key"]
        constraints = [models.UniqueConstraint(fields=["day", "kind", "key"], name="kiosk_usage_one_row_per_day_kind_key")]

    def __str__(self):
        return f"{self.day} {self.kind} {self.key}: {self.count}"
