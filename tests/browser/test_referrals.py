"""From a saved check to a referral, its appointment and the slip in German and Turkish."""

import subprocess

import pytest
from playwright.sync_api import expect

from infopoint.lib.stuttgart import District
from referrals.models import Benefit, Office, OfficeKind
from screening.services import screening_run_create
from tests import factories
from tests.browser.conftest import log_in
from tests.browser.test_staff_pages import assert_accessible
from tests.screening.test_views_runs import HOUSEHOLD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_the_check_to_the_appointment_slip(watched, live_server, tmp_path):
    factories.OfficeFactory(name="Wohngeldstelle Stuttgart", kind=OfficeKind.WOHNGELDSTELLE, benefits=[Benefit.WOHNGELD], street="Eberhardstraße 33")
    factories.OfficeFactory(name="Familienkasse Baden-Württemberg", kind=OfficeKind.FAMILIENKASSE, benefits=[Benefit.KINDERGELD])
    advisor = factories.advisor()
    visit = factories.VisitFactory(visitor=factories.VisitorFactory(name="Ayşe Demir", district=District.MITTE), language="tr")
    run = screening_run_create(household=HOUSEHOLD, actor=advisor, visit=visit)
    page = log_in(watched, live_server, advisor)
    page.goto(f"{live_server.url}{run.get_absolute_url()}")
    page.locator(f"a[href*='benefit=wohngeld&run={run.pk}']").click()
    page.wait_for_url("**/referrals/new/**")
    expect(page.locator("#id_office")).to_have_value(str(Office.objects.get(name="Wohngeldstelle Stuttgart").pk))
    assert_accessible(page)

    page.fill("#id_appointment_at", "2026-12-03T09:30")
    page.fill("#id_appointment_contact", "Frau Keller")
    page.locator("#main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/referrals/*/")
    expect(page.locator("#main")).to_contain_text("Eberhardstraße 33")

    # Move it on: the appointment was made.
    page.select_option("#id_to", "appointment_made")
    page.locator("form[action*='/move/'] button[type=submit]").click()
    expect(page.locator("#main")).to_contain_text("Termin vereinbart")
    assert_accessible(page)

    expect(page.locator("#print-language")).to_have_value("tr")  # the language of the conversation
    action = page.locator(".print-form").get_attribute("action")
    response = page.request.get(f"{live_server.url}{action}?lang=tr")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "slip.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Ihr Terminzettel" in text and "Randevu kâğıdınız" in text and "Frau Keller" in text
    assert "Bitte bringen Sie mit" in text and "Lütfen yanınızda getirin" in text  # the check's document list
    assert watched.csp_violations() == []
