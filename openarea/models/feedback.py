"""The yellow card (Gelbe Karte): complaints, praise and suggestions from visitors."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from infopoint.lib.audited_bulk import AuditedManager


class CardKind(models.TextChoices):
    COMPLAINT = "complaint", _("complaint")
    PRAISE = "praise", _("praise")
    SUGGESTION = "suggestion", _("suggestion")


class CardStatus(models.TextChoices):
    NEW = "new", _("new")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")


class YellowCard(models.Model):
    """One card from the kiosk. Contact details exist only if the visitor chose to give them."""

    kind = models.CharField(_("kind"), max_length=20, choices=CardKind.choices)
    text = models.TextField(_("text"), max_length=3000)
    contact_name = models.CharField(_("name"), max_length=100, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=CardStatus.choices, default=CardStatus.NEW)
    answer_note = models.TextField(_("internal note on the answer"), blank=True)
    # One card per submitted form, even on a double tap on the kiosk's touch screen.
    form_token = models.CharField(max_length=36, unique=True, null=True, blank=True, editable=False)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("yellow card")
        verbose_name_plural = _("yellow cards")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_at"], name="yellow_card_created_idx")]

    def __str__(self):
        # Pseudonymous on purpose: the audit log keeps this text (security.md, auditlog).
        return f"Gelbe Karte {self.pk}"

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_phone or self.contact_email)


class YellowCardStatusChange(models.Model):
    """Who moved a card to which status, and when."""

    card = models.ForeignKey(YellowCard, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=CardStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=CardStatus.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    changed_at = models.DateTimeField(_("when"), auto_now_add=True)

    objects = AuditedManager()

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"Gelbe Karte {self.card_id}: {self.from_status} → {self.to_status}"


_PRIVATE = ["text", "contact_name", "contact_phone", "contact_email", "answer_note"]
auditlog.register(YellowCard, mask_fields=_PRIVATE)
auditlog.register(YellowCardStatusChange)
