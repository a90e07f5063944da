from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from infopoint.forms import FormTokenField, KernFormMixin
from openarea.models import PrintableForm
from openarea.models.catalogue import (
    LANGUAGE_CODES,
    MAX_PDF_BYTES,
    validate_https_url,
    validate_online_url,
    validate_pdf,
)

TEXT_FIELDS = [f"{field}_{code}" for code in LANGUAGE_CODES for field in ("title", "who_needs_it", "guide")]
OTHER_FIELDS = ["benefit", "office_kind", "office", "online_url", "online_url_checked", "order"]


class PrintableFormForm(KernFormMixin, forms.Form):
    """Staff edit a catalogue entry. Parses only; ``catalogue.services`` enforces the rules.

    A plain form rather than a ModelForm: a ModelForm would put a new upload onto the
    instance while validating, before we know the replacement will be saved.
    """

    def __init__(self, *args, instance: PrintableForm | None = None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = model_to_dict(instance, fields=TEXT_FIELDS + OTHER_FIELDS)
        self.instance = instance
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = self.fields["office"].queryset.filter(is_active=True)

    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if upload:
            validate_pdf(upload)
        return upload

    def clean_online_url(self):
        url = self.cleaned_data.get("online_url", "").strip()
        if url:
            validate_https_url(url)
            # Only the official portals administration keeps on the allow-list (issue 21).
            validate_online_url(url)
        return url

    def clean(self):
        cleaned = super().clean()
        has_pdf = bool(cleaned.get("pdf")) or bool(self.instance and self.instance.pdf)
        if not has_pdf and not cleaned.get("online_url") and "online_url" not in self.errors and "pdf" not in self.errors:
            self.add_error("online_url", _("Upload the PDF form or enter the official online address – at least one of the two."))
        return cleaned

    def language_groups(self):
        """Per language, its three text fields: the template shows one fieldset per language."""
        from django.conf import settings

        names = dict(settings.LANGUAGES)
        return [(code, names[code], [self[f"{field}_{code}"] for field in ("title", "who_needs_it", "guide")]) for code in LANGUAGE_CODES]


PrintableFormForm.base_fields = {
    **fields_for_model(
        PrintableForm,
        fields=TEXT_FIELDS + OTHER_FIELDS,
        formfield_callback=lambda field, **kwargs: field.formfield(
            **({"assume_scheme": "https"} if field.name == "online_url" else {}), **kwargs
        ),
        widgets={
            **{f"who_needs_it_{code}": forms.Textarea(attrs={"rows": 3}) for code in LANGUAGE_CODES},
            **{f"guide_{code}": forms.Textarea(attrs={"rows": 8}) for code in LANGUAGE_CODES},
        },
    ),
    "pdf": forms.FileField(
        label=_("PDF form"),
        required=False,
        # Lazy: the text is rendered in the staff member's language, not the one at import time.
        help_text=format_lazy(
            _("Only PDF files, at most {limit} MB. A new file replaces the old one when you save."), limit=MAX_PDF_BYTES // 1024 // 1024
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    ),
    # One entry per submitted add form, even on a double click (security.md I5).
    "token": FormTokenField(),
}
