"""The desk in a browser: a kiosk pre-fill, confirmed at the desk into a receipt, printed and verified."""

import subprocess

import pytest
from playwright.sync_api import expect

from openarea.models import Receipt
from referrals.models import Benefit
from tests import factories
from tests.browser.conftest import log_in
from tests.browser.test_staff_pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_the_kiosk_pre_fill_to_a_verified_receipt(watched, live_server, tmp_path):
    factories.OfficeFactory(name="Wohngeldstelle Stuttgart", benefits=[Benefit.WOHNGELD])
    advisor = factories.advisor()
    page = log_in(watched, live_server, advisor)

    # The visitor's side (staff may look at the kiosk pages): pre-fill and get a code.
    page.goto(f"{live_server.url}/kiosk/hand-in/")
    page.locator("input[name=benefit][value=wohngeld]").check()
    page.fill("#id_applicant_name", "Canary Browser")
    page.fill("#id_description", "Wohngeldantrag")
    page.fill("#id_pages", "5")
    assert_accessible(page)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/kiosk/hand-in/code/")
    code = page.locator(".kiosk-code strong").inner_text()
    assert len(code) == 6

    # The desk: open the pre-fill by its code, check, issue.
    page.goto(f"{live_server.url}/openarea/receipts/")
    assert_accessible(page)
    page.fill("#id_draft", code)
    page.locator("#main form[action$='/receipts/new/'] button[type=submit]").click()
    expect(page.locator("#id_applicant_name")).to_have_value("Canary Browser")
    assert_accessible(page)
    page.locator("#main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/openarea/receipts/*/")
    receipt = Receipt.objects.get()
    expect(page.locator("#main")).to_contain_text(receipt.display_number)
    assert_accessible(page)

    response = page.request.get(f"{live_server.url}/openarea/receipts/{receipt.pk}/pdf/")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    (tmp_path / "receipt.pdf").write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(tmp_path / "receipt.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert receipt.display_number in text and "Canary Browser" in text

    page.get_by_role("link", name="Prüfen, ob die Bestätigung echt und unverändert ist").click()
    expect(page.locator("#main")).to_contain_text("Echt und unverändert")
    assert_accessible(page)
    assert watched.csp_violations() == []
