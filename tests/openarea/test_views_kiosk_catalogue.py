"""The forms catalogue on the kiosk: list, detail, print and online counting."""

import pytest
from django.urls import reverse
from django.utils import timezone

from openarea.models import KioskUsage, UsageKind
from tests import factories

pytestmark = pytest.mark.django_db


def _count(kind, key):
    row = KioskUsage.objects.filter(day=timezone.localdate(), kind=kind, key=key).first()
    return row.count if row else 0


def test_the_kiosk_lists_active_forms_in_the_visitors_language(kiosk_client):
    factories.PrintableFormFactory(title_de="Antrag auf Wohngeld", title_tr="Wohngeld başvurusu")
    factories.PrintableFormFactory(title_de="Zurückgezogen", is_active=False)
    kiosk_client.post(reverse("kiosk:set-language"), {"language": "tr"})
    page = kiosk_client.get(reverse("kiosk:forms")).content.decode()
    assert "Wohngeld başvurusu" in page
    assert "Zurückgezogen" not in page


def test_the_detail_page_shows_the_guide_and_both_actions(kiosk_client):
    form = factories.PrintableFormFactory(pdf=factories.pdf_upload(), guide_de="Erster Schritt.\n\nZweiter Schritt.")
    response = kiosk_client.get(reverse("kiosk:form-detail", kwargs={"slug": form.slug}))
    page = response.content.decode()
    assert "<p>Erster Schritt.</p>" in page and "<p>Zweiter Schritt.</p>" in page
    assert reverse("kiosk:form-print", kwargs={"slug": form.slug}) in page
    assert reverse("kiosk:form-online", kwargs={"slug": form.slug}) in page
    assert response["Cache-Control"].count("no-store") == 1


def test_a_retired_form_is_not_found_on_the_kiosk(kiosk_client):
    form = factories.PrintableFormFactory(is_active=False, pdf=factories.pdf_upload())
    assert kiosk_client.get(reverse("kiosk:form-detail", kwargs={"slug": form.slug})).status_code == 404
    assert kiosk_client.get(reverse("kiosk:form-print", kwargs={"slug": form.slug})).status_code == 404


def test_printing_counts_once_and_serves_the_pdf_inline_to_a_frame_of_the_kiosk(kiosk_client):
    form = factories.PrintableFormFactory(pdf=factories.pdf_upload())
    response = kiosk_client.get(reverse("kiosk:form-print", kwargs={"slug": form.slug}))
    assert response.status_code == 302
    assert _count(UsageKind.FORM_PRINTED, form.slug) == 1
    pdf = kiosk_client.get(response["Location"])
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("inline")
    assert pdf["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in pdf["Content-Security-Policy"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert _count(UsageKind.FORM_PRINTED, form.slug) == 1


def test_a_form_without_pdf_has_no_print_address(kiosk_client):
    form = factories.PrintableFormFactory()
    assert kiosk_client.get(reverse("kiosk:form-print", kwargs={"slug": form.slug})).status_code == 404
    assert kiosk_client.get(reverse("kiosk:form-pdf", kwargs={"slug": form.slug})).status_code == 404


def test_opening_the_online_application_counts_and_goes_to_the_official_address(kiosk_client):
    form = factories.PrintableFormFactory(online_url="https://www.jobcenter.digital")
    response = kiosk_client.get(reverse("kiosk:form-online", kwargs={"slug": form.slug}))
    assert response.status_code == 302
    assert response["Location"] == "https://www.jobcenter.digital"
    assert _count(UsageKind.ONLINE_APPLICATION_OPENED, form.slug) == 1


def test_an_unchecked_online_address_is_not_redirected_to(kiosk_client):
    form = factories.PrintableFormFactory(online_url="https://example.org", online_url_checked=False)
    assert kiosk_client.get(reverse("kiosk:form-online", kwargs={"slug": form.slug})).status_code == 404


def test_the_kiosk_forms_pages_are_closed_to_anonymous_browsers(anonymous_client):
    form = factories.PrintableFormFactory(pdf=factories.pdf_upload())
    for url in [reverse("kiosk:forms"), reverse("kiosk:form-pdf", kwargs={"slug": form.slug})]:
        assert anonymous_client.get(url).status_code == 404
