"""Writes of the forms catalogue: staff add, edit, replace the PDF, retire and reactivate."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from infopoint.lib.once import once
from openarea.models import PrintableForm

_EDITABLE = {
    *(f"{field}_{code}" for field in ("title", "who_needs_it", "guide") for code in ("de", "en", "tr", "ar", "uk", "ru")),
    "benefit",
    "office_kind",
    "office",
    "online_url",
    "online_url_checked",
    "order",
}


def _unique_slug(title: str) -> str:
    base = slugify(title)[:70] or "formular"
    slug, number = base, 2
    while PrintableForm.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _delete_after_commit(storage, name: str) -> None:
    # The old PDF stays until the replacement is safely saved; a rollback keeps it.
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def printable_form_save(*, actor, form: PrintableForm | None = None, pdf=None, token=None, **fields) -> PrintableForm:
    """Create a form (``form=None``) or change one. ``pdf`` is a new upload that replaces the old file.

    ``actor`` is taken for the audit trail: the auditlog middleware records the request's user.
    An add form sent twice (same one-time ``token``) gives the entry of the first submission.
    """
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if form is None:
        return once(PrintableForm, token, lambda: _save(PrintableForm(form_token=token), pdf, fields))
    return _save(form, pdf, fields)


def _save(form: PrintableForm, pdf, fields: dict) -> PrintableForm:
    old_pdf_name = form.pdf.name if form.pdf else ""
    for name, value in fields.items():
        setattr(form, name, value)
    if not form.slug:
        form.slug = _unique_slug(form.title_de)
    if pdf is not None:
        form.pdf = pdf
        form.pdf_uploaded_at = timezone.now()
    form.full_clean(exclude=["form_token"])
    form.save()
    if pdf is not None and old_pdf_name and old_pdf_name != form.pdf.name:
        _delete_after_commit(form.pdf.storage, old_pdf_name)
    return form


@transaction.atomic
def printable_form_set_active(*, actor, form: PrintableForm, active: bool) -> PrintableForm:
    """Retire a form (the kiosk stops showing it) or bring it back."""
    if form.is_active != active:
        form.is_active = active
        form.save(update_fields=["is_active", "updated_at"])
    return form
