"""Issue 19 in the browser: an advisor enters a heating bill for the single mother of issue 18;
the one-month claim shows above the unchanged route, on the saved check in German and Arabic,
and the printout carries it."""

import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from referrals.models import OfficeKind
from tests import factories
from tests.browser.conftest import log_in
from tests.browser.test_staff_pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Screenshots for people to look at (not compared): set INFOPOINT_SHOTS to a folder.
SHOTS = os.environ.get("INFOPOINT_SHOTS")


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_a_heating_bill_gives_a_one_month_claim_above_the_unchanged_route(watched, live_server, tmp_path):
    factories.OfficeFactory(name="Jobcenter Stuttgart Mitte", kind=OfficeKind.JOBCENTER)
    factories.OfficeFactory(name="Familienkasse Baden-Württemberg", kind=OfficeKind.FAMILIENKASSE)
    page = log_in(watched, live_server, factories.advisor())
    page.goto(f"{live_server.url}/screening/new/")
    page.fill("#f-m0-age", "34")
    page.select_option("#f-m0-i0-kind", "employment")
    page.fill("#f-m0-i0-gross", "1.150,00")
    page.fill("#f-m0-i0-net", "900,00")
    page.fill("#f-housing-rent_cold", "650")
    page.fill("#f-housing-service_charges", "150")
    page.fill("#f-housing-heating", "90")
    for index, age in ((1, "4"), (2, "9")):
        page.click("button[value='add_member:child']")
        page.wait_for_selector(f"#f-m{index}-age")
        page.fill(f"#f-m{index}-age", age)
    result = page.locator("#result")
    expect(result).to_contain_text("Beantragen Sie, in dieser Reihenfolge")
    route_before = page.locator("#result .route").inner_text()

    # The folded section holds one empty bill row to fill in (more rows: "Add a bill").
    page.locator("#bills-heading").click()
    page.wait_for_selector("#f-bill0-kind")
    page.wait_for_load_state("networkidle")
    page.select_option("#f-bill0-kind", "heating_backpayment")
    page.fill("#f-bill0-amount", "800,00")
    page.fill("#f-bill0-due", "2026-12-15")
    claim = page.locator("#result .one-month-claim")
    expect(claim).to_contain_text("Dezember 2026", timeout=15000)
    expect(claim).to_contain_text("31.12.2026")
    # The box stands above the route, and the route for the other months is the same as before.
    assert page.locator("#result").inner_text().index("Dezember 2026") < page.locator("#result").inner_text().index("Beantragen Sie")
    assert page.locator("#result .route").inner_text() == route_before
    assert_accessible(page)
    _shot(page, "bills-counter-de")

    page.click("button[value='save']")
    page.wait_for_url("**/screening/runs/*/")
    expect(page.locator(".one-month-claim")).to_contain_text("Dezember 2026")
    saved = page.url
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])
    page.goto(saved)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".one-month-claim")).to_be_visible()
    assert_accessible(page)
    _shot(page, "bills-counter-ar")

    action = page.locator(".print-form").get_attribute("action")
    response = page.request.get(f"{live_server.url}{action}?lang=ar")
    assert response.ok and response.body().startswith(b"%PDF")
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "31.12.2026" in text
    if SHOTS:
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(Path(SHOTS) / "bills-print-de-ar")], check=True)
    assert watched.csp_violations() == []
