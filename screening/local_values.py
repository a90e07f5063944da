"""Local values the city sets (issue 20): dated records with their source document, entered by
one person and confirmed by a second (a team lead or administration). Only confirmed records
reach the engine (``place.local_values``); until one exists for a date, the YAML value applies.

Writes: ``screening/local_value_services.py``; reads: ``screening/local_value_selectors.py``.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infopoint.lib.audited_bulk import AuditedManager
from screening.rules.local_values import LOCAL_PARAMETERS

PARAMETER_LABELS = {
    "local.stuttgart.mietobergrenze": _("Rent limits (Mietobergrenzen, net cold rent per month)"),
    "local.stuttgart.angemessene_wohnflaeche": _("Adequate living space (m²)"),
    "local.stuttgart.mietenstufe": _("Mietenstufe for Wohngeld"),
    "bills.heizspiegel_zu_hoch": _("Heating limit per m² and year"),
}
assert set(PARAMETER_LABELS) == set(LOCAL_PARAMETERS)  # noqa: S101 - a new parameter needs a label


class LocalValue(models.Model):
    municipality = models.CharField(_("municipality"), max_length=100, default="Stuttgart")
    parameter = models.CharField(_("which value"), max_length=80, choices=[(name, PARAMETER_LABELS[name]) for name in LOCAL_PARAMETERS])
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    # The contract's notation: decimals as text ("563.00"), whole numbers as numbers.
    value = models.JSONField(_("value"))
    source_document = models.CharField(_("source document"), max_length=300)
    source_url = models.URLField(_("address of the source"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="local_values_entered", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_values_confirmed",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # A wrong record is withdrawn, never deleted: the audit trail keeps what was used when.
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_values_withdrawn",
        verbose_name=_("withdrawn by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    form_token = models.CharField(max_length=36, unique=True, null=True, blank=True, editable=False)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("local value")
        verbose_name_plural = _("local values")
        ordering = ["municipality", "parameter", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")), name="local_value_range_ascends"
            ),
            # The second person: whoever entered a record cannot confirm it.
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("entered_by")), name="local_value_two_people"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True, confirmed_at__isnull=True)
                | Q(confirmed_by__isnull=False, confirmed_at__isnull=False),
                name="local_value_confirmed_together",
            ),
        ]

    def __str__(self):
        return f"{self.parameter} {self.municipality} ab {self.valid_from:%d.%m.%Y}"

    @property
    def status(self) -> str:
        if self.withdrawn_at:
            return "withdrawn"
        return "confirmed" if self.confirmed_at else "pending"

    def covers(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


auditlog.register(LocalValue)
