"""Issue 20 in the browser: the team lead starts a re-screening on the page, sees the list by
visitor code in German and Arabic (right to left); a bad date is shown at the field."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from screening.models import RunKind, ScreeningRun
from tests import factories
from tests.browser.conftest import log_in
from tests.browser.test_staff_pages import assert_accessible
from tests.screening.rescreen_data import check, saved_result

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Screenshots for people to look at (not compared): set INFOPOINT_SHOTS to a folder.
SHOTS = os.environ.get("INFOPOINT_SHOTS")


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_the_team_lead_rescreens_and_reads_the_list_in_german_and_arabic(watched, live_server):
    first = factories.advisor(first_name="Jonas", last_name="Berater")
    second = factories.advisor(first_name="Ayşe", last_name="Demir")
    check(by=first, result=saved_result("60.00", without_kiz=True))
    check(by=second, result=saved_result("-45.00"))
    check(by=second, result=saved_result("3.00"))  # below 10 €: not listed
    page = log_in(watched, live_server, factories.teamlead())
    page.goto(f"{live_server.url}/screening/rescreen/")
    page.fill("#id_as_of", "")
    page.click("form.rescreen-form button[type=submit]")
    assert page.locator("#id_as_of_error").is_visible()
    _shot(page, "rescreen-bad-date-de")
    page.fill("#id_as_of", "2026-06-01")
    page.click("form.rescreen-form button[type=submit]")
    page.wait_for_load_state()
    assert ScreeningRun.objects.filter(kind=RunKind.RESCREEN).count() == 2
    text = page.locator("main").inner_text()
    assert "Wohngeld steigt um etwa 60 €" in text and "Kinderzuschlag neu möglich (etwa 325 €)" in text
    assert "Wohngeld sinkt um etwa 45 €" in text
    assert "Canary Testperson" not in text  # the team lead sees codes, not names
    assert_accessible(page)
    _shot(page, "rescreen-de")
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/screening/rescreen/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "إعادة الحساب عند تغيّر القانون" in page.locator("h1").inner_text()
    _shot(page, "rescreen-ar")
