"""The forms catalogue: application forms the Infopoint keeps, for staff and the kiosk."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from infopoint.lib.audited_bulk import AuditedManager
from referrals.models import Benefit, OfficeKind

MAX_PDF_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def validate_pdf(upload) -> None:
    """A real PDF of sensible size: the first bytes must be the PDF signature, whatever the name says."""
    if upload.size > MAX_PDF_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB). At most %(limit)s MB are allowed."),
            code="too_large",
            params={"size": round(upload.size / 1024 / 1024, 1), "limit": MAX_PDF_BYTES // 1024 // 1024},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(position)
    if head != PDF_MAGIC:
        raise ValidationError(_("This file is not a PDF. Please upload the form as a PDF file."), code="not_pdf")


validate_https_url = URLValidator(schemes=["https"], message=_("Enter a complete address that starts with https://."))


class PrintableForm(models.Model):
    """An application form: printable as a PDF, or to be filled in online at the official address."""

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True, editable=False)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_tr = models.CharField(_("title (Turkish)"), max_length=200, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=200, blank=True)
    title_uk = models.CharField(_("title (Ukrainian)"), max_length=200, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    who_needs_it_de = models.TextField(_("who needs it (German)"), max_length=600)
    who_needs_it_en = models.TextField(_("who needs it (English)"), max_length=600, blank=True)
    who_needs_it_tr = models.TextField(_("who needs it (Turkish)"), max_length=600, blank=True)
    who_needs_it_ar = models.TextField(_("who needs it (Arabic)"), max_length=600, blank=True)
    who_needs_it_uk = models.TextField(_("who needs it (Ukrainian)"), max_length=600, blank=True)
    who_needs_it_ru = models.TextField(_("who needs it (Russian)"), max_length=600, blank=True)
    guide_de = models.TextField(_("fill-in guide (German)"), blank=True)
    guide_en = models.TextField(_("fill-in guide (English)"), blank=True)
    guide_tr = models.TextField(_("fill-in guide (Turkish)"), blank=True)
    guide_ar = models.TextField(_("fill-in guide (Arabic)"), blank=True)
    guide_uk = models.TextField(_("fill-in guide (Ukrainian)"), blank=True)
    guide_ru = models.TextField(_("fill-in guide (Russian)"), blank=True)
    benefit = models.CharField(_("benefit"), max_length=20, choices=Benefit.choices)
    office_kind = models.CharField(_("goes to"), max_length=30, choices=OfficeKind.choices)
    office = models.ForeignKey(
        "referrals.Office",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
        help_text=_("Optional: the office in Stuttgart that takes the form."),
    )
    pdf = models.FileField(_("PDF form"), upload_to="forms/", blank=True, validators=[validate_pdf])
    pdf_uploaded_at = models.DateTimeField(_("PDF uploaded"), null=True, blank=True, editable=False)
    online_url = models.URLField(_("online application address"), max_length=500, blank=True, validators=[validate_https_url])
    online_url_checked = models.BooleanField(
        _("online address checked"),
        default=False,
        help_text=_("Tick only after checking the address against the office's own website. Unchecked addresses are not shown on the kiosk."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100, help_text=_("Smaller numbers come first."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # One entry per submitted add form, even on a double click (security.md I5).
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("application form")
        verbose_name_plural = _("application forms")
        ordering = ["order", "title_de"]

    def __str__(self):
        return self.title_de

    def clean(self):
        if not self.pdf and not self.online_url:
            raise ValidationError(
                {"online_url": _("Upload the PDF form or enter the official online address – at least one of the two.")},
                code="pdf_or_url",
            )

    def text(self, field: str, language: str) -> tuple[str, str]:
        """The text in the visitor's language and the language it is really in (German when missing)."""
        value = getattr(self, f"{field}_{language}", "") if language in LANGUAGE_CODES else ""
        if value.strip():
            return value, language
        return getattr(self, f"{field}_de"), "de"


auditlog.register(PrintableForm)
