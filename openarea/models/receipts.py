"""Stamped receipts (Eingangsbestätigungen): numbered, immutable proof that an application arrived.

A receipt is written once and never changed or deleted (§ 16 SGB I: the day of arrival is
what counts). A mistake is corrected by a cancelling receipt that references the original;
both stay. The numbering lives in ``openarea/receipts/numbering.py``; the database refuses
changes through a trigger (migration 0003) as the backstop for the checks below.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infopoint.lib.audited_bulk import AuditedManager, AuditedQuerySet
from infopoint.lib.choices import ChoiceLabelsMixin
from infopoint.lib.stuttgart import Organisation
from referrals.models import Benefit

RECEIPT_SERIES = "infopoint"


class ImmutableRecordError(Exception):
    """Raised on any attempt to change or delete a receipt (or its stored PDF)."""


class ImmutableQuerySet(AuditedQuerySet):
    """Refuses every change; inserts in bulk only inside ``audited_bulk`` (one entry per row)."""

    def update(self, **kwargs):
        raise ImmutableRecordError(f"{self.model.__name__} rows cannot be changed")

    def delete(self):
        raise ImmutableRecordError(f"{self.model.__name__} rows cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise ImmutableRecordError(f"{self.model.__name__} rows cannot be changed")


class InsertOnlyModel(models.Model):
    """A row that is inserted once; ``save`` on an existing row and ``delete`` fail."""

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecordError(f"{type(self).__name__} {self.pk} cannot be changed")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError(f"{type(self).__name__} {self.pk} cannot be deleted")


class ReceiptCounter(models.Model):
    """The last number given in a series and calendar year; locked while a receipt is issued."""

    series = models.CharField(max_length=20, default=RECEIPT_SERIES)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("receipt counter")
        verbose_name_plural = _("receipt counters")
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="receipt_counter_one_per_series_year")]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last_number}"


class HandInChannel(models.TextChoices):
    IN_PERSON = "in_person", _("handed in in person")
    COMPANION = "companion", _("handed in by a companion")
    DROP_BOX = "drop_box", _("drop box")


class ReceiptKind(models.TextChoices):
    RECEIPT = "receipt", _("receipt")
    CANCELLATION = "cancellation", _("cancelling receipt")


class Receipt(ChoiceLabelsMixin, InsertOnlyModel):
    """One hand-in at the open-area desk, as printed on the receipt."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    received_at = models.DateTimeField(_("received"), editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=ReceiptKind.choices, default=ReceiptKind.RECEIPT)
    cancels = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="cancelled_by", verbose_name=_("cancels")
    )
    cancel_reason = models.CharField(_("reason for the cancellation"), max_length=300, blank=True)
    applicant_name = models.CharField(_("applicant (as written on the application)"), max_length=200)
    benefit = models.CharField(_("benefit"), max_length=20, choices=Benefit.choices)
    office = models.ForeignKey("referrals.Office", on_delete=models.PROTECT, related_name="receipts", verbose_name=_("office"))
    # What the receipt printed about the office, so that a later change of the directory
    # does not change what the visitor holds in hand.
    office_name = models.CharField(_("office"), max_length=200)
    office_address = models.CharField(_("address of the office"), max_length=300)
    items = models.JSONField(_("handed in"), default=list, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    originals_returned = models.BooleanField(_("originals returned"), default=False)
    channel = models.CharField(_("channel"), max_length=20, choices=HandInChannel.choices, default=HandInChannel.IN_PERSON)
    language = models.CharField(_("visitor's language"), max_length=10, default="de")
    informal_application = models.JSONField(_("informal application"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="receipts_issued", verbose_name=_("issued by"))
    issued_by_name = models.CharField(_("advisor"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=20, choices=Organisation.choices, blank=True)
    visit = models.ForeignKey(
        "intake.Visit", on_delete=models.SET_NULL, null=True, blank=True, related_name="receipts", verbose_name=_("contact")
    )
    verification_code = models.CharField(max_length=32, unique=True, editable=False)
    # One receipt per submitted form, even on a double click or a resent form.
    form_token = models.CharField(max_length=36, unique=True, null=True, blank=True, editable=False)
    content_digest = models.CharField(max_length=64, editable=False)
    # Set once when the retention period is over: the personal fields are blanked, the stub stays
    # (infopoint/retention.py; the trigger of migration 0007 lets exactly this update through).
    anonymised_at = models.DateTimeField(_("personal data erased"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="receipt_number_unique_per_year"),
            models.CheckConstraint(
                condition=models.Q(kind="receipt", cancels__isnull=True) | models.Q(kind="cancellation", cancels__isnull=False),
                name="receipt_cancellation_references_original",
            ),
        ]
        indexes = [models.Index(fields=["received_at"], name="receipt_received_idx")]

    def __str__(self):
        return self.display_number

    def get_absolute_url(self):
        return reverse("openarea:receipt-detail", kwargs={"pk": self.pk})

    @property
    def display_number(self) -> str:
        return f"{self.year}-{self.number:06d}"

    @property
    def is_cancellation(self) -> bool:
        return self.kind == ReceiptKind.CANCELLATION

    @property
    def cancelling_receipt(self) -> Receipt | None:
        try:
            return self.cancelled_by
        except Receipt.DoesNotExist:
            return None

    @property
    def forwarding_record(self) -> Forwarding | None:
        try:
            return self.forwarding
        except Forwarding.DoesNotExist:
            return None

    @property
    def stored_document(self) -> ReceiptDocument | None:
        try:
            return self.document
        except ReceiptDocument.DoesNotExist:
            return None

    @property
    def total_pages(self) -> int:
        return sum(int(item.get("pages") or 0) for item in self.items)


class ReceiptDocument(InsertOnlyModel):
    """The receipt PDF exactly as first printed, and its SHA-256; reprints hand out these bytes."""

    receipt = models.OneToOneField(Receipt, on_delete=models.PROTECT, primary_key=True, related_name="document")
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    rendered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("receipt PDF")
        verbose_name_plural = _("receipt PDFs")

    def __str__(self):
        return f"PDF {self.receipt_id}"


class ForwardingWay(models.TextChoices):
    INTERNAL_MAIL = "internal_mail", _("internal mail")
    EMAIL = "email", _("e-mail to the office's address")
    PORTAL = "portal", _("online portal")
    IN_PERSON = "in_person", _("handed over in person")


class Forwarding(models.Model):
    """How and when a receipt's papers went on to the responsible office (§ 16 Abs. 2 SGB I)."""

    receipt = models.OneToOneField(Receipt, on_delete=models.PROTECT, related_name="forwarding", verbose_name=_("receipt"))
    forwarded_on = models.DateField(_("forwarded on"))
    way = models.CharField(_("way"), max_length=20, choices=ForwardingWay.choices)
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("forwarded by"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("forwarding")
        verbose_name_plural = _("forwardings")

    def __str__(self):
        return f"forwarding of receipt {self.receipt_id}"


class HandInDraft(models.Model):
    """What a visitor typed on the kiosk before coming to the desk; gone at the end of the day.

    Only what the visitor deliberately submits is kept, under a short code they show at the
    desk. The advisor confirms it with the papers in hand, which turns it into a receipt and
    deletes the draft."""

    code = models.CharField(max_length=8, unique=True)
    applicant_name = models.CharField(_("applicant"), max_length=200, blank=True)
    benefit = models.CharField(_("benefit"), max_length=20, choices=Benefit.choices, blank=True)
    items = models.JSONField(default=list)
    language = models.CharField(max_length=10, default="de")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # One code per submitted pre-fill, even on a double tap (security.md I5).
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("hand-in pre-filled at the kiosk")
        verbose_name_plural = _("hand-ins pre-filled at the kiosk")

    def __str__(self):
        return f"draft {self.code}"


auditlog.register(Receipt, mask_fields=["applicant_name", "remarks", "cancel_reason"], exclude_fields=["informal_application", "items"])
auditlog.register(ReceiptDocument, exclude_fields=["pdf"])
auditlog.register(Forwarding)
