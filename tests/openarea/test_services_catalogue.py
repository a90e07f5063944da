"""Catalogue services: saving, validation, replacing the PDF, retiring."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from openarea.catalogue.services import printable_form_save, printable_form_set_active
from openarea.models import PrintableForm
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("official_portals")]
BASE = {"title_de": "Antrag auf Wohngeld", "who_needs_it_de": "Für Mieter.", "benefit": "wohngeld", "office_kind": "wohngeldstelle"}


def test_a_new_form_gets_a_slug_from_its_german_title(advisor):
    form = printable_form_save(actor=advisor, online_url="https://www.service-bw.de", **BASE)
    assert form.slug == "antrag-auf-wohngeld"
    again = printable_form_save(actor=advisor, online_url="https://www.service-bw.de", **BASE)
    assert again.slug == "antrag-auf-wohngeld-2"


def test_a_form_needs_a_pdf_or_an_online_address(advisor):
    with pytest.raises(ValidationError) as error:
        printable_form_save(actor=advisor, **BASE)
    assert "online_url" in error.value.message_dict
    assert not PrintableForm.objects.exists()


def test_an_online_address_must_use_https(advisor):
    with pytest.raises(ValidationError) as error:
        printable_form_save(actor=advisor, online_url="http://www.service-bw.de", **BASE)
    assert "https://" in error.value.message_dict["online_url"][0]


def test_a_file_that_is_not_a_pdf_is_refused_even_if_named_pdf(advisor):
    with pytest.raises(ValidationError) as error:
        printable_form_save(actor=advisor, pdf=factories.pdf_upload(content=b"MZ\x90\x00 not a pdf"), **BASE)
    assert "pdf" in error.value.message_dict


def test_a_pdf_above_the_size_limit_is_refused(advisor, monkeypatch):
    monkeypatch.setattr("openarea.models.catalogue.MAX_PDF_BYTES", 10)
    with pytest.raises(ValidationError) as error:
        printable_form_save(actor=advisor, pdf=factories.pdf_upload(), **BASE)
    assert "pdf" in error.value.message_dict


def test_replacing_the_pdf_removes_the_old_file_only_after_the_save(advisor, django_capture_on_commit_callbacks):
    form = printable_form_save(actor=advisor, pdf=factories.pdf_upload(content=factories.real_pdf("old")), **BASE)
    old_name = form.pdf.name
    storage = form.pdf.storage
    with django_capture_on_commit_callbacks(execute=True):
        printable_form_save(actor=advisor, form=form, pdf=factories.pdf_upload(content=factories.real_pdf("new")))
    form.refresh_from_db()
    assert form.pdf.read() == factories.real_pdf("new")
    assert not storage.exists(old_name)


def test_a_refused_replacement_keeps_the_old_pdf(advisor):
    form = printable_form_save(actor=advisor, pdf=factories.pdf_upload(content=factories.real_pdf("old")), **BASE)
    with pytest.raises(ValidationError):
        printable_form_save(actor=advisor, form=form, pdf=factories.pdf_upload(content=b"GIF89a"))
    form = PrintableForm.objects.get(pk=form.pk)
    assert form.pdf.storage.exists(form.pdf.name)
    assert form.pdf.read() == factories.real_pdf("old")


def test_retiring_and_reactivating_is_audited(advisor):
    form = factories.PrintableFormFactory()
    printable_form_set_active(actor=advisor, form=form, active=False)
    form.refresh_from_db()
    assert form.is_active is False
    printable_form_set_active(actor=advisor, form=form, active=True)
    updates = LogEntry.objects.get_for_object(form).filter(action=LogEntry.Action.UPDATE)
    assert [entry.changes_dict["is_active"] for entry in updates.order_by("pk")] == [["True", "False"], ["False", "True"]]
