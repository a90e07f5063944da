"""A saved screening: the household as entered, the engine's result, and who ran it."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infopoint.lib.audited_bulk import AuditedManager
from infopoint.lib.stuttgart import Organisation


class RunKind(models.TextChoices):
    CHECK = "check", _("check")
    # Issue 20: a saved check re-run on a later date's law ("Neuberechnung"); the check itself stays.
    RESCREEN = "rescreen", _("recalculation")


class ScreeningRun(models.Model):
    input_data = models.JSONField(_("household as entered"))
    result = models.JSONField(_("result"))
    as_of = models.DateField(_("law as of"))
    rules_version = models.CharField(_("rules version"), max_length=20)
    param_digest = models.CharField(_("parameter digest"), max_length=80)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="screening_runs", verbose_name=_("advisor")
    )
    organisation = models.CharField(_("organisation"), max_length=20, choices=Organisation.choices, blank=True)
    visit = models.ForeignKey(
        "intake.Visit", on_delete=models.SET_NULL, null=True, blank=True, related_name="screening_runs", verbose_name=_("visit")
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies", verbose_name=_("copied from")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RunKind.choices, default=RunKind.CHECK)
    rescreen_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="rescreens", verbose_name=_("recalculation of")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    # The saving form's one-time token (infopoint/lib/once.py): a form saved twice stores one run.
    form_token = models.CharField(max_length=36, unique=True, null=True, blank=True, editable=False)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("screening run")
        verbose_name_plural = _("screening runs")
        ordering = ["-created_at"]
        constraints = [
            # One recalculation of a check per date of the law: running it again finds the first.
            models.UniqueConstraint(
                fields=["rescreen_of", "as_of"], condition=models.Q(kind="rescreen"), name="screeningrun_rescreen_once"
            ),
        ]

    def __str__(self):
        return f"screening run {self.pk}"

    def get_absolute_url(self):
        return reverse("screening:run-detail", kwargs={"pk": self.pk})

    @property
    def is_rescreen(self) -> bool:
        return self.kind == RunKind.RESCREEN


# Incomes and assets are social data: the log records that a run was made, not its figures.
auditlog.register(ScreeningRun, exclude_fields=["input_data", "result"])

# Local values the city sets (issue 20), kept in their own module.
from screening.local_values import LocalValue  # noqa: E402, F401
