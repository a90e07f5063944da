"""Staff pages of the forms catalogue."""

import pytest
from django.urls import reverse

from openarea.models import PrintableForm
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("official_portals")]

def _post_data(**overrides):
    data = {
        "title_de": "Antrag auf Kinderzuschlag",
        "who_needs_it_de": "Für Eltern mit wenig Geld.",
        "benefit": "kiz",
        "office_kind": "familienkasse",
        "order": "10",
        "online_url": "",
    }
    data.update(overrides)
    return data


def test_an_advisor_adds_a_form_with_a_pdf(advisor_client):
    response = advisor_client.post(reverse("openarea:form-add"), {**_post_data(), "pdf": factories.pdf_upload()})
    assert response.status_code == 302
    form = PrintableForm.objects.get()
    assert form.pdf.read().startswith(b"%PDF-")
    assert "Antrag auf Kinderzuschlag" in advisor_client.get(reverse("openarea:form-list")).content.decode()


def test_a_non_pdf_upload_is_refused_at_the_field(advisor_client):
    upload = factories.pdf_upload(name="antrag.pdf", content=b"<html>not a pdf</html>")
    response = advisor_client.post(reverse("openarea:form-add"), {**_post_data(), "pdf": upload})
    assert response.status_code == 400
    assert response.context["form"].errors["pdf"] == ["Diese Datei ist kein PDF. Bitte laden Sie das Formular als PDF-Datei hoch."]
    assert 'id="id_pdf_error"' in response.content.decode()
    assert not PrintableForm.objects.exists()


def test_without_pdf_and_online_address_the_form_says_what_is_missing(advisor_client):
    response = advisor_client.post(reverse("openarea:form-add"), _post_data())
    assert response.status_code == 400
    assert "online_url" in response.context["form"].errors


def test_an_http_address_is_refused(advisor_client):
    response = advisor_client.post(reverse("openarea:form-add"), _post_data(online_url="http://www.kinderzuschlag.de"))
    assert response.status_code == 400
    assert "https://" in response.context["form"].errors["online_url"][0]


def test_editing_keeps_the_pdf_when_no_new_file_is_chosen(teamlead_client):
    form = factories.PrintableFormFactory(pdf=factories.pdf_upload(content=factories.real_pdf("original")), online_url="")
    response = teamlead_client.post(reverse("openarea:form-edit", kwargs={"form": form.pk}), _post_data(title_de="Neuer Titel"))
    assert response.status_code == 302
    form.refresh_from_db()
    assert form.title_de == "Neuer Titel"
    assert form.pdf.read() == factories.real_pdf("original")


def test_a_refused_replacement_leaves_the_saved_form_unchanged(advisor_client):
    form = factories.PrintableFormFactory(title_de="Alter Titel", pdf=factories.pdf_upload(content=factories.real_pdf("original")))
    response = advisor_client.post(
        reverse("openarea:form-edit", kwargs={"form": form.pk}),
        {**_post_data(title_de="Neuer Titel"), "pdf": factories.pdf_upload(content=b"PK\x03\x04zip")},
    )
    assert response.status_code == 400
    form.refresh_from_db()
    assert form.title_de == "Alter Titel"
    assert form.pdf.read() == factories.real_pdf("original")


def test_staff_can_open_the_uploaded_pdf(advisor_client):
    form = factories.PrintableFormFactory(pdf=factories.pdf_upload())
    response = advisor_client.get(reverse("openarea:form-pdf", kwargs={"form": form.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_retire_and_reactivate(advisor_client):
    form = factories.PrintableFormFactory()
    advisor_client.post(reverse("openarea:form-retire", kwargs={"form": form.pk}))
    form.refresh_from_db()
    assert not form.is_active
    advisor_client.post(reverse("openarea:form-reactivate", kwargs={"form": form.pk}))
    form.refresh_from_db()
    assert form.is_active


def test_the_list_marks_unchecked_online_addresses(advisor_client):
    factories.PrintableFormFactory(online_url="https://www.stuttgart.de", online_url_checked=False)
    page = advisor_client.get(reverse("openarea:form-list")).content.decode()
    assert "nicht auf dem Kiosk" in page
