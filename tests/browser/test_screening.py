"""An advisor checks a single parent with two children and a wage, live, and prints the sheet."""

import pytest

from referrals.models import OfficeKind
from tests import factories
from tests.browser.conftest import log_in
from tests.browser.test_staff_pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_single_parent_with_two_children_and_a_wage(watched, live_server):
    factories.OfficeFactory(name="Familienkasse Baden-Württemberg", kind=OfficeKind.FAMILIENKASSE)
    factories.OfficeFactory(name="Wohngeldstelle Stuttgart", kind=OfficeKind.WOHNGELDSTELLE)
    page = log_in(watched, live_server, factories.advisor())
    page.goto(f"{live_server.url}/screening/new/")
    assert_accessible(page)

    page.fill("#f-m0-age", "34")
    page.select_option("#f-m0-i0-kind", "employment")
    page.fill("#f-m0-i0-gross", "1.800,00")
    page.fill("#f-housing-rent_cold", "750")
    page.fill("#f-housing-service_charges", "150")
    page.fill("#f-housing-heating", "90")
    page.locator("#result .program").first.wait_for()
    first_result = page.locator("#result").inner_text()

    # Keyboard: Enter on the focused "add a child" button adds a row and focuses its age.
    page.focus("button[value='add_member:child']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#f-m1-age")
    assert page.evaluate("document.activeElement.id") == "f-m1-age"
    page.keyboard.type("6")
    page.click("button[value='add_member:child']")
    page.wait_for_selector("#f-m2-age")
    page.fill("#f-m2-age", "9")
    page.wait_for_function("document.querySelector('#result').innerText.includes('Kinderzuschlag')")
    page.wait_for_function(f"document.querySelector('#result').innerText !== {first_result!r}")
    assert "Bitte in dieser Reihenfolge beantragen" in page.locator("#result").inner_text()

    summary = page.locator("#result details.steps summary").first
    summary.click()
    assert page.locator("#result details.steps[open] table").first.is_visible()
    assert_accessible(page)

    page.fill("#f-m2-age", "90")  # a child older than the parent
    page.wait_for_selector("#err-m2-age:not([hidden])")
    assert "12 Jahre jünger" in page.locator("#err-m2-age").inner_text()
    page.fill("#f-m2-age", "9")
    page.wait_for_selector("#err-m2-age[hidden]", state="attached")

    page.click("button[value='save']")
    page.wait_for_url("**/screening/runs/*/")
    assert "594,00" in page.content()
    assert_accessible(page)

    page.select_option("#print-language", "ar")
    with page.expect_download() as download_info:
        page.evaluate("document.querySelector('.print-form').submit()")
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert watched.csp_violations() == []
