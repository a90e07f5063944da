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


def test_one_form_records_what_came_of_all_open_referrals(watched, live_server):
    advisor = factories.advisor()
    visit = factories.VisitFactory(visitor=factories.VisitorFactory(name="Olena Koval"))
    jobcenter = factories.ReferralFactory(visitor=visit.visitor, visit=visit, created_by=advisor, office=factories.OfficeFactory(name="Jobcenter Mitte"))
    wohngeld = factories.ReferralFactory(
        visitor=visit.visitor, visit=visit, created_by=advisor, benefit=Benefit.WOHNGELD, office=factories.OfficeFactory(name="Wohngeldstelle")
    )
    page = log_in(watched, live_server, advisor)
    page.goto(f"{live_server.url}{visit.visitor.get_absolute_url()}")
    page.get_by_role("link", name="Nachfragen, was aus den offenen Weitervermittlungen wurde").click()
    page.wait_for_url("**/outcomes/")
    assert_accessible(page)

    # "Did nothing" without the reason is refused at that row, and nothing is saved.
    page.check(f"#id_referral-{jobcenter.pk}-answer_2")  # applied
    page.check(f"#id_referral-{wohngeld.pk}-answer_4")  # did nothing
    page.locator("#main form[method=post] button[type=submit]").click()
    expect(page.locator(f"#row-{wohngeld.pk} .kern-error")).to_contain_text("Bitte erfassen Sie den Grund")
    expect(page.locator(f"#row-{jobcenter.pk} .kern-error")).to_have_count(0)
    assert_accessible(page)

    page.select_option(f"#id_referral-{wohngeld.pk}-reason", "forms")
    page.locator("#main form[method=post] button[type=submit]").click()
    page.wait_for_url(f"**{visit.visitor.get_absolute_url()}")
    expect(page.locator("#main")).to_contain_text("Antrag gestellt")
    expect(page.locator("#main")).to_contain_text("abgeschlossen")
    assert watched.csp_violations() == []


def test_a_talk_is_moved_from_the_day_view_and_a_taken_slot_is_refused(watched, live_server):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from referrals.appointments.services import appointment_book

    advisor = factories.advisor()
    visitor = factories.VisitFactory(visitor=factories.VisitorFactory(name="Herr Novak")).visitor
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    at = lambda hour: datetime.combine(monday, datetime.min.time(), tzinfo=timezone.get_default_timezone()).replace(hour=hour)  # noqa: E731
    appointment_book(advisor=advisor, visitor=visitor, starts_at=at(9), purpose="forms", actor=advisor)
    appointment_book(advisor=advisor, visitor=factories.VisitorFactory(), starts_at=at(10), purpose="forms", actor=advisor)
    page = log_in(watched, live_server, advisor)
    page.goto(f"{live_server.url}/appointments/?day={monday.isoformat()}&advisor={advisor.pk}")
    page.get_by_role("link", name="Gespräch um 09:00 absagen oder verschieben").click()
    assert_accessible(page)

    page.select_option("#id_time", "10:00")
    page.locator("form[action*='/move/'] button[type=submit]").click()
    expect(page.locator("#id_time_error")).to_contain_text("gebucht")
    assert_accessible(page)
    page.select_option("#id_time", "11:30")
    page.locator("form[action*='/move/'] button[type=submit]").click()
    expect(page.locator("#main")).to_contain_text("Das Gespräch wurde verschoben.")
    expect(page.locator("#main tr", has_text="11:30")).to_contain_text("Herr Novak")
    assert watched.csp_violations() == []
