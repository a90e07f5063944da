"""Browser tests: the forms tile and the yellow card on an enrolled kiosk, in German and Arabic."""

import pytest

from openarea.models import KioskUsage, UsageKind, YellowCard
from tests import factories
from tests.browser.test_kiosk import enrol_kiosk
from tests.browser.test_staff_pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _choose_language(page, code):
    page.click(f"button[lang={code}]")
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_visitor_finds_a_form_and_prints_it(watched, live_server, language):
    form = factories.PrintableFormFactory(
        title_de="Antrag auf Wohngeld", title_ar="طلب Wohngeld", pdf=factories.pdf_upload(), guide_de="Erster Schritt."
    )
    page = enrol_kiosk(watched, live_server)
    _choose_language(page, language)
    page.goto(f"{live_server.url}/kiosk/forms/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert_accessible(page)
    for tile in page.locator(".forms-list__tile").all():
        box = tile.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
    page.click(".forms-list__tile")
    page.wait_for_load_state()
    expected = "طلب Wohngeld" if language == "ar" else "Antrag auf Wohngeld"
    assert page.locator("h1").inner_text() == expected
    assert_accessible(page)

    # The served PDF itself is tested in tests/security/test_catalogue_files.py. Here the frame gets a
    # stand-in page: printing a real PDF from a hidden frame crashes headless Chromium's renderer.
    pdf_requests = []

    def stand_in(route):
        counted = route.fetch(max_redirects=0)  # the counting redirect runs on the server as usual
        pdf_requests.append(counted.headers.get("location", ""))
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>PDF</title><p>PDF</p>")

    page.route("**/kiosk/forms/*/print/", stand_in)
    page.click("a[data-kiosk-print]")
    page.locator("#kiosk-print-frame").wait_for(state="attached")
    page.locator("[data-kiosk-print-status]").wait_for(state="visible")
    assert page.url.endswith(f"/kiosk/forms/{form.slug}/"), "the visitor stays on the kiosk page"
    assert watched.csp_violations() == []
    page.wait_for_timeout(500)
    assert pdf_requests and pdf_requests[0].endswith(f"/kiosk/forms/{form.slug}/form.pdf")
    assert KioskUsage.objects.get(kind=UsageKind.FORM_PRINTED, key=form.slug).count == 1


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_visitor_hands_in_a_yellow_card(watched, live_server, language):
    page = enrol_kiosk(watched, live_server)
    _choose_language(page, language)
    page.goto(f"{live_server.url}/kiosk/feedback/")
    assert page.locator("form.yellow-card").get_attribute("autocomplete") == "off"
    assert_accessible(page)
    for choice in page.locator(".yellow-card__choice").all():
        box = choice.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44

    page.click("label[for=id_wants_answer_1]")
    page.click("form.yellow-card button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#id_text_error").is_visible()
    assert_accessible(page)

    page.click("label[for=id_kind_1]")
    page.fill("#id_text", "شكرا" if language == "ar" else "Sehr freundlich")
    page.click("label[for=id_wants_answer_0]")
    page.click("form.yellow-card button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/kiosk/feedback/thanks/")
    assert_accessible(page)
    card = YellowCard.objects.get()
    assert (card.kind, card.language, card.has_contact) == ("praise", language, False)

    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/kiosk/"
    assert page.locator("html").get_attribute("lang") == "de"
