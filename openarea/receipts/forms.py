"""Input for receipts: parsing and field checks only (the services enforce the rules)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infopoint.forms import FormTokenField, KernFormMixin
from openarea.models import ForwardingWay, HandInChannel
from openarea.receipts.informal import INFORMAL_VARIANTS
from openarea.receipts.selectors import parse_receipt_number
from referrals.models import Benefit, Office

ATTACHMENT_ROWS = 6
MAX_PAGES = 999
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ItemKind:
    APPLICATION_FORM = "application_form"
    ATTACHMENT = "attachment"
    INFORMAL_APPLICATION = "informal_application"
    OTHER = "other"


def _pages_field(label):
    return forms.IntegerField(label=label, required=False, min_value=1, max_value=MAX_PAGES, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))


class ReceiptForm(KernFormMixin, forms.Form):
    """A hand-in at the desk, as it will be printed on the receipt."""

    applicant_name = forms.CharField(label=_("Applicant (as written on the application)"), max_length=200)
    benefit = forms.ChoiceField(label=_("Benefit"), choices=Benefit.choices)
    office = forms.ModelChoiceField(
        label=_("Forwarded to"), queryset=Office.objects.none(), required=False,
        help_text=_("Leave empty for the office responsible for the benefit and the visitor's district."),
    )
    application_form = forms.CharField(
        label=_("Application form"), max_length=200, required=False, help_text=_("For example: Hauptantrag Bürgergeld")
    )
    application_pages = _pages_field(_("Pages of the application form"))
    other = forms.CharField(label=_("Anything else handed in"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    originals_returned = forms.BooleanField(label=_("Originals were returned to the visitor"), required=False)
    channel = forms.ChoiceField(label=_("Handed in"), choices=HandInChannel.choices, initial=HandInChannel.IN_PERSON)
    language = forms.ChoiceField(label=_("Visitor's language (second language on the receipt)"), choices=settings.LANGUAGES, initial="de")
    remarks = forms.CharField(label=_("Remarks"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    token = FormTokenField()
    draft = forms.CharField(widget=forms.HiddenInput, required=False, max_length=8)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(is_active=True)
        for row in range(1, ATTACHMENT_ROWS + 1):
            self.fields[f"attachment_{row}"] = forms.CharField(label=_("Attachment %(row)s") % {"row": row}, max_length=200, required=False)
            self.fields[f"attachment_{row}_pages"] = _pages_field(_("Pages of attachment %(row)s") % {"row": row})
            self.fields[f"attachment_{row}"].widget.attrs["class"] = "kern-form-input__input"
            self.fields[f"attachment_{row}_pages"].widget.attrs["class"] = "kern-form-input__input"

    def attachment_rows(self):
        return [(self[f"attachment_{row}"], self[f"attachment_{row}_pages"]) for row in range(1, ATTACHMENT_ROWS + 1)]

    def clean(self):
        cleaned = super().clean()
        items = []
        if cleaned.get("application_form"):
            if not cleaned.get("application_pages"):
                self.add_error("application_pages", _("Please count the pages."))
            items.append({"kind": ItemKind.APPLICATION_FORM, "description": cleaned["application_form"], "pages": cleaned.get("application_pages")})
        elif cleaned.get("application_pages"):
            self.add_error("application_form", _("Please name the form these pages belong to."))
        for row in range(1, ATTACHMENT_ROWS + 1):
            description, pages = cleaned.get(f"attachment_{row}"), cleaned.get(f"attachment_{row}_pages")
            if description and not pages:
                self.add_error(f"attachment_{row}_pages", _("Please count the pages."))
            elif pages and not description:
                self.add_error(f"attachment_{row}", _("Please name the paper these pages belong to."))
            elif description:
                items.append({"kind": ItemKind.ATTACHMENT, "description": description, "pages": pages})
        if cleaned.get("other"):
            items.append({"kind": ItemKind.OTHER, "description": cleaned["other"], "pages": None})
        if not items and not self.errors:
            self.add_error("application_form", _("Please list at least one paper that was handed in."))
        cleaned["items"] = items
        return cleaned


class DraftCodeForm(KernFormMixin, forms.Form):
    draft = forms.CharField(label=_("Code from the kiosk"), max_length=10)


class InformalApplicationForm(KernFormMixin, forms.Form):
    """The informal application (formloser Antrag) written with the visitor at the desk."""

    variant = forms.ChoiceField(label=_("Application for"), choices=[(key, v.label) for key, v in INFORMAL_VARIANTS.items()])
    applicant_name = forms.CharField(label=_("Applicant's name"), max_length=200)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    address = forms.CharField(label=_("Address"), max_length=300, required=False, help_text=_("Street, postcode and city"))
    office = forms.ModelChoiceField(label=_("Forwarded to"), queryset=Office.objects.none())
    language = forms.ChoiceField(label=_("Translation beside the German text"), choices=settings.LANGUAGES, initial="de")
    token = FormTokenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(is_active=True)

    def clean_birth_date(self):
        born = self.cleaned_data.get("birth_date")
        if born and born > timezone.localdate():
            raise forms.ValidationError(_("This date lies in the future."), code="future")
        return born


class CancelForm(KernFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why is the receipt cancelled?"), max_length=300)
    token = FormTokenField()


class ForwardingForm(KernFormMixin, forms.Form):
    forwarded_on = forms.DateField(label=_("Forwarded on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    way = forms.ChoiceField(label=_("Way"), choices=ForwardingWay.choices)


class VerifyUploadForm(KernFormMixin, forms.Form):
    pdf = forms.FileField(label=_("PDF file of the receipt"))

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large for a receipt (at most 5 MB)."), code="too_large")
        return upload


def kiosk_autocomplete_off(form) -> None:
    """Kiosk forms (issue 21): the shared browser must neither suggest nor keep what a visitor typed.

    Radio buttons and checkboxes take no ``autocomplete`` in HTML; the form element's
    ``autocomplete="off"`` (in the templates) covers them.
    """
    for field in form.fields.values():
        widget = field.widget
        if not widget.is_hidden and not isinstance(widget, (forms.RadioSelect, forms.CheckboxInput, forms.CheckboxSelectMultiple)):
            widget.attrs["autocomplete"] = "off"


# Kiosk: only what the visitor chooses to type, all optional but the benefit.
KIOSK_BENEFITS = [Benefit.SGB2, Benefit.SGB12, Benefit.WOHNGELD, Benefit.KINDERZUSCHLAG, Benefit.UNTERHALTSVORSCHUSS]


class KioskHandInForm(KernFormMixin, forms.Form):
    # One code per submitted pre-fill, even on a double tap (security.md I5).
    token = FormTokenField()
    benefit = forms.ChoiceField(label=_("What are you applying for?"), choices=[(b.value, b.label) for b in KIOSK_BENEFITS], widget=forms.RadioSelect)
    applicant_name = forms.CharField(label=_("Your name, as written on the application"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What are you handing in?"), max_length=300, required=False, help_text=_("For example: application form, tenancy agreement, bank statements")
    )
    pages = _pages_field(_("Number of pages in total"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kiosk_autocomplete_off(self)

    def items(self) -> list[dict]:
        description = self.cleaned_data.get("description")
        if not description and not self.cleaned_data.get("pages"):
            return []
        return [{"kind": ItemKind.OTHER, "description": description or "", "pages": self.cleaned_data.get("pages")}]


class ReceiptNumberCheckForm(KernFormMixin, forms.Form):
    number = forms.CharField(label=_("Receipt number"), max_length=20, help_text=_("As printed on your receipt, for example 2026-000123"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kiosk_autocomplete_off(self)

    def clean_number(self):
        parsed = parse_receipt_number(self.cleaned_data["number"])
        if parsed is None:
            raise forms.ValidationError(_("Please enter the number as printed, for example 2026-000123."), code="format")
        return parsed
