"""Frozen monthly figures: once a month is closed, its published numbers never change.

The idea is Zulip's ``BaseCount``/``FillState``: the statistics of an open month are counted
live from the case data; closing a month stores every raw count in ``MonthlyFigure`` and the
dashboard reads those from then on. A later change in the case data (a referral outcome
recorded weeks later, a corrected contact) never alters a published value: it is recorded
beside it as a correction and shown as such.

Only aggregates live here: a metric, a subgroup (a choice code, an office name, a month) and a
count. Small cells are stored raw and suppressed when they are published (stats.figures).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infopoint.lib.audited_bulk import AuditedManager


class ClosedMonth(models.Model):
    month = models.DateField(_("month"), unique=True, help_text=_("The first day of the month."))
    closed_at = models.DateTimeField(_("closed"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    corrections_checked_at = models.DateTimeField(_("last checked for corrections"), null=True, blank=True)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("closed month")
        verbose_name_plural = _("closed months")
        ordering = ["-month"]
        constraints = [models.CheckConstraint(condition=models.Q(month__day=1), name="closed_month_is_first_day")]

    def __str__(self):
        return f"{self.month:%Y-%m}"


class MonthlyFigure(models.Model):
    month = models.DateField(_("month"))
    metric = models.CharField(_("metric"), max_length=60)
    subgroup = models.CharField(_("subgroup"), max_length=200, blank=True, default="")
    value = models.IntegerField(_("published value"))
    # A later change in the case data; the published value stays as it was.
    corrected_value = models.IntegerField(_("corrected value"), null=True, blank=True)
    corrected_at = models.DateTimeField(_("correction found"), null=True, blank=True)

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        ordering = ["month", "metric", "subgroup"]
        constraints = [
            models.UniqueConstraint(fields=["month", "metric", "subgroup"], name="monthly_figure_unique"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="monthly_figure_month_is_first_day"),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.metric} {self.subgroup}: {self.value}"


from auditlog.registry import auditlog  # noqa: E402

auditlog.register(ClosedMonth)
