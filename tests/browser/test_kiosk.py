import re

import pytest

from tests import factories
from tests.browser.conftest import log_in
from tests.browser.test_staff_pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def enrol_kiosk(watched, live_server, name="Kiosk 1"):
    lead = factories.teamlead()
    page = log_in(watched, live_server, lead)
    page.goto(f"{live_server.url}/openarea/kiosks/")
    page.fill("#id_name", name)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return page


def test_a_browser_enrolled_as_kiosk_sees_only_the_kiosk(watched, live_server):
    factories.OfficeFactory(name="Familienkasse Baden-Württemberg")
    page = enrol_kiosk(watched, live_server)
    assert page.url == f"{live_server.url}/kiosk/"
    assert page.locator("html").get_attribute("lang") == "de"
    assert_accessible(page)

    for path in ["/", "/accounts/login/", "/admin/", "/offices/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 404, path

    page.goto(f"{live_server.url}/kiosk/")
    page.get_by_role("link", name=re.compile("Ämter und Öffnungszeiten|Offices and opening hours")).click()
    assert page.get_by_role("heading", name="Familienkasse Baden-Württemberg").is_visible()
    assert_accessible(page)
    assert watched.csp_violations() == []


def test_the_kiosk_speaks_arabic_right_to_left_and_forgets_it_on_done(watched, live_server):
    page = enrol_kiosk(watched, live_server)
    page.click("button[lang=ar]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert_accessible(page)

    page.click("#kiosk-reset-form button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("html").get_attribute("dir") == "ltr"


def test_language_buttons_and_tiles_are_big_enough_to_touch(watched, live_server):
    page = enrol_kiosk(watched, live_server)
    for element in page.locator(".kiosk-language, .kiosk-tile, #kiosk-reset-form button").all():
        box = element.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44


def test_the_kiosk_works_at_200_percent_zoom_without_sideways_scrolling(watched, live_server):
    page = enrol_kiosk(watched, live_server)
    page.set_viewport_size({"width": 640, "height": 450})  # 1280 × 900 at 200 %
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 640


def test_an_idle_kiosk_warns_and_then_starts_over(watched, live_server):
    page = enrol_kiosk(watched, live_server)
    page.click("button[lang=uk]")
    page.wait_for_load_state()
    page.clock.install()
    page.goto(f"{live_server.url}/kiosk/offices/")
    page.clock.fast_forward("01:35")
    dialog = page.locator("#kiosk-idle-dialog")
    dialog.wait_for(state="visible")
    page.click("#kiosk-idle-continue")
    assert not dialog.is_visible()

    page.clock.fast_forward("01:35")
    dialog.wait_for(state="visible")
    page.keyboard.press("Escape")  # closing the warning with Escape also means "continue"
    assert not dialog.is_visible()
    page.clock.fast_forward("00:31")
    assert page.url == f"{live_server.url}/kiosk/offices/"

    page.clock.fast_forward("01:35")
    dialog.wait_for(state="visible")
    page.clock.fast_forward("00:31")
    page.wait_for_url(f"{live_server.url}/kiosk/")
    assert page.locator("html").get_attribute("lang") == "de"
