"""The forms catalogue: application forms the Infopoint keeps, for staff and the kiosk."""

import logging
import re
from urllib.parse import urlsplit

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from infopoint.lib.audited_bulk import AuditedManager
from referrals.models import Benefit, OfficeKind

MAX_PDF_BYTES = 10 * 1024 * 1024
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
security_log = logging.getLogger("infopoint.security")


PDF_REFUSALS = {
    "not_pdf": _("This file is not a PDF. Please upload the form as a PDF file."),
    "encrypted": _("This PDF is protected with a password. Please upload a copy that opens without a password."),
    "javascript": _(
        "This PDF contains scripts (JavaScript), for example calculations in its form fields, and the kiosk does not print such files. "
        "Open it, print it to a new PDF file (“Print to PDF”) and upload that file."
    ),
    "embedded_file": _(
        "This PDF carries attached files, and the kiosk does not print such files. "
        "Open it, print it to a new PDF file (“Print to PDF”) and upload that file."
    ),
    "html": _(
        "This file contains web page code (HTML) besides the PDF and is refused. "
        "Please upload the form as the office publishes it, or print it to a new PDF file first."
    ),
}


def _read_upload(upload) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    data = upload.read(MAX_PDF_BYTES + 1)
    upload.seek(position)
    return data


def validate_pdf(upload) -> None:
    """A real PDF of sensible size, parsed (``openarea.catalogue.pdf_check``): no scripts, no
    attached files, no HTML, whatever the name or the first bytes say."""
    from openarea.catalogue.pdf_check import PdfRefusal, check_pdf  # noqa: PLC0415 - pypdf only where files are checked

    if upload.size > MAX_PDF_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB). At most %(limit)s MB are allowed."),
            code="too_large",
            params={"size": round(upload.size / 1024 / 1024, 1), "limit": MAX_PDF_BYTES // 1024 // 1024},
        )
    try:
        check_pdf(_read_upload(upload))
    except PdfRefusal as refusal:
        security_log.warning("pdf refused", extra={"event": "pdf_refused", "reason": refusal.code, "detail": refusal.detail[:80]})
        raise ValidationError(PDF_REFUSALS[refusal.code], code=refusal.code) from None


validate_https_url = URLValidator(schemes=["https"], message=_("Enter a complete address that starts with https://."))

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def normalise_domain(value: str) -> str:
    """``Service-BW.de.`` → ``service-bw.de``; international names in their ASCII (IDNA) form."""
    value = (value or "").strip().lower().rstrip(".")
    try:
        return value.encode("idna").decode("ascii") if value else ""
    except UnicodeError:
        return value


def validate_domain(value: str) -> None:
    labels = normalise_domain(value).split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise ValidationError(
            _("Enter a domain name such as service-bw.de: no https://, no path, no IP address."), code="invalid_domain"
        )


class OnlineApplicationDomain(models.Model):
    """A domain whose addresses the kiosk may open as an online application (issue 21).

    Administration keeps the list (Django admin, audited); an address counts when its host is
    the domain or a subdomain of it (``www.service-bw.de`` for ``service-bw.de``). Taking a
    domain off the list takes its addresses off the kiosk at once: they are checked again on
    every page and every opening.
    """

    domain = models.CharField(
        _("domain"),
        max_length=253,
        unique=True,
        validators=[validate_domain],
        help_text=_("For example service-bw.de. Addresses on this domain and its subdomains may be offered on the kiosk."),
    )
    owner = models.CharField(_("whose portal"), max_length=200, help_text=_("The authority that runs the portal, as named on its imprint."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("allowed domain for online applications")
        verbose_name_plural = _("allowed domains for online applications")
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = normalise_domain(self.domain)
        super().save(*args, **kwargs)


def allowed_domains() -> frozenset[str]:
    return frozenset(OnlineApplicationDomain.objects.values_list("domain", flat=True))


def online_url_host(url: str) -> str | None:
    """The host of an https address the kiosk could open, or None (other scheme, user name, port, IP address)."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme != "https" or parts.username is not None or parts.password is not None or port not in (None, 443):
        return None
    host = normalise_domain(parts.hostname or "")
    if not host or ":" in host or host.replace(".", "").isdigit():
        return None
    return host


def online_url_allowed(url: str, domains: frozenset[str] | None = None) -> bool:
    """Whether the kiosk may open ``url``: https on a domain of the allow-list (or a subdomain of one)."""
    host = online_url_host(url)
    if host is None:
        return False
    domains = allowed_domains() if domains is None else domains
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def validate_online_url(url: str) -> None:
    if url and not online_url_allowed(url):
        host = online_url_host(url) or url
        raise ValidationError(
            _(
                "The kiosk opens online applications only on the official portals that administration has allowed. "
                "%(host)s is not on that list; ask administration to add the domain if it is an official portal."
            ),
            code="domain_not_allowed",
            params={"host": host},
        )


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
        if self.online_url:
            try:
                validate_online_url(self.online_url)
            except ValidationError as error:
                raise ValidationError({"online_url": error}) from None

    def text(self, field: str, language: str) -> tuple[str, str]:
        """The text in the visitor's language and the language it is really in (German when missing)."""
        value = getattr(self, f"{field}_{language}", "") if language in LANGUAGE_CODES else ""
        if value.strip():
            return value, language
        return getattr(self, f"{field}_de"), "de"


auditlog.register(PrintableForm)
auditlog.register(OnlineApplicationDomain)
