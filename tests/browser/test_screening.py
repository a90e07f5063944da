"""An advisor checks a single parent with two children and a wage, live, and prints the sheet."""

import pytest
from playwright.sync_api import expect

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
    # Adding children unfolds none of the folded sections (nothing was entered there), and the
    # form shows no error box while the rows are being filled in.
    assert page.locator("#household-fields details.more[open]").count() == 0
    expect(page.locator("#result .kern-alert--danger")).to_have_count(0)
    # Enter in a text field recalculates without reloading the page (the typed values stay).
    page.focus("#f-housing-heating")
    page.keyboard.press("Enter")
    assert page.input_value("#f-m2-age") == "9"
    result = page.locator("#result")
    expect(result).not_to_have_text(first_result)
    expect(result).to_contain_text("Beantragen Sie, in dieser Reihenfolge")
    expect(result).to_contain_text("In dieser Reihenfolge:")  # Kinderzuschlag for two children, as paid in the route

    summary = page.locator("#result details.steps summary").first
    summary.click()
    expect(page.locator("#result details.steps[open] table").first).to_be_visible()
    assert_accessible(page)

    page.fill("#f-m2-age", "90")  # a child older than the parent
    page.wait_for_selector("#err-m2-age:not([hidden])")
    assert "12 Jahre jünger" in page.locator("#err-m2-age").inner_text()
    page.fill("#f-m2-age", "9")
    page.wait_for_selector("#err-m2-age[hidden]", state="attached")

    # Removing a row puts the focus on a sensible place, not on the page's body.
    page.click("button[value='add_member:relative']")
    page.wait_for_selector("#f-m3-age")
    page.click("button[value='remove_member:3']")
    page.wait_for_selector("#f-m3-age", state="detached")
    expect(page.locator("button[value='add_member:child']")).to_be_focused()

    page.click("button[value='save']")
    page.wait_for_url("**/screening/runs/*/")
    assert "In dieser Reihenfolge:" in page.content()
    assert_accessible(page)

    page.select_option("#print-language", "ar")
    action = page.locator(".print-form").get_attribute("action")
    response = page.request.get(f"{live_server.url}{action}?lang=ar")
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert watched.csp_violations() == []


def test_a_live_error_marks_its_field_invalid_and_the_form_is_accessible_then(watched, live_server):
    page = log_in(watched, live_server, factories.advisor())
    page.goto(f"{live_server.url}/screening/new/")
    page.fill("#f-m0-age", "34")
    page.fill("#f-housing-rent_cold", "viel")
    expect(page.locator("#err-housing-rent_cold")).to_be_visible()
    expect(page.locator("#f-housing-rent_cold")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.fill("#f-housing-rent_cold", "600")
    expect(page.locator("#err-housing-rent_cold")).to_be_hidden()
    expect(page.locator("#f-housing-rent_cold")).not_to_have_attribute("aria-invalid", "true")
