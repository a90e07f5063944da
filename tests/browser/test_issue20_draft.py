"""Issue 20 in the browser: a saved check of 15.01.2027 shows the Wohngeld draft line below the
card and the early-pension reason with the referral to the Deutsche Rentenversicherung, in
German and Arabic (RTL)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from referrals.models import OfficeKind
from screening.services import screening_run_create
from tests import factories
from tests.browser.conftest import log_in
from tests.browser.test_staff_pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("INFOPOINT_SHOTS")
HOUSEHOLD = {
    "as_of": "2027-01-15",
    "members": [{"id": "p1", "relation": "self", "age": 64, "incomes": [{"kind": "pension", "pension_type": "survivor", "gross": "700.00"}]}],
    "housing": {"tenure": "rent", "rent_cold": "480.00", "service_charges": "120.00", "heating": "80.00"},
}  # fmt: skip


def _shot(page, name: str) -> None:
    if SHOTS:
        page.locator("#result, .result, main").first.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def test_draft_line_and_early_pension_reason_on_a_saved_check(watched, live_server):
    factories.OfficeFactory(name="Jobcenter Stuttgart Mitte", kind=OfficeKind.JOBCENTER)
    factories.OfficeFactory(name="Deutsche Rentenversicherung (Beratung)", kind=OfficeKind.RENTENVERSICHERUNG)
    advisor = factories.advisor()
    run = screening_run_create(household=HOUSEHOLD, actor=advisor, visit=factories.VisitFactory())
    page = log_in(watched, live_server, advisor)
    page.goto(f"{live_server.url}{run.get_absolute_url()}")
    draft = page.locator("[data-program=wohngeld] .program__draft")
    expect(draft).to_contain_text("Nach dem Gesetzentwurf für 2027: etwa 477,00")
    expect(draft).to_contain_text("BT-Drs. 21/8284")
    sgb2 = page.locator("[data-program=sgb2]").last
    expect(sgb2.locator("[data-office-kind=rentenversicherung]")).to_be_visible()
    page.locator("[data-program=sgb2] details.steps").last.evaluate("d => d.open = true")
    expect(sgb2).to_contain_text("Deutsche Rentenversicherung")
    assert_accessible(page)
    _shot(page, "draft-and-early-pension-de")

    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}{run.get_absolute_url()}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("[data-program=wohngeld] .program__draft")).to_contain_text("مشروع القانون لعام 2027")
    page.locator("[data-program=sgb2] details.steps").last.evaluate("d => d.open = true")
    assert_accessible(page)
    _shot(page, "draft-and-early-pension-ar")
