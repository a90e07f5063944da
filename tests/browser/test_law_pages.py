"""Issue 20 in the browser: the state-of-the-law line on a saved check unfolds without JavaScript
tricks, the Rechtsstand page reads in German and Arabic, the printout carries the estimate line
(screenshots on request via INFOPOINT_SHOTS)."""

import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import log_in
from tests.screening.law_fixtures import stored_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("INFOPOINT_SHOTS")


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _language(page, live_server, code: str) -> None:
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}])


def test_the_law_line_unfolds_and_the_rechtsstand_page_reads_in_german_and_arabic(watched, live_server, tmp_path):
    advisor = factories.advisor()
    run = stored_run(advisor=advisor, name="mother_2027-01-15")
    page = log_in(watched, live_server, advisor)
    for code in ("de", "ar"):
        _language(page, live_server, code)
        page.goto(f"{live_server.url}/screening/runs/{run.pk}/")
        alert = page.locator(".law-state__incomplete")
        expect(alert).to_be_visible()
        page.locator(".law-state__line summary").click()
        expect(page.locator(".law-state__unverified")).to_be_visible()
        _shot(page, f"result-law-line-{code}")
        page.goto(f"{live_server.url}/screening/law/?as_of=2026-12-07")
        expect(page.locator(".law-table")).to_be_visible()
        _shot(page, f"rechtsstand-{code}")
    page.goto(f"{live_server.url}/screening/law/?as_of=2027-01-15&show=unverified")
    _shot(page, "rechtsstand-ar-unverified-2027")
    if SHOTS:
        response = page.request.get(f"{live_server.url}/screening/runs/{run.pk}/print.pdf?lang=ar")
        pdf = Path(SHOTS) / "printout.pdf"
        pdf.write_bytes(response.body())
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(Path(SHOTS) / "printout")], check=True)
