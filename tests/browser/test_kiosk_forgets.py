"""Issue 21 in a real browser: back + reload after "Fertig" shows nothing of the previous visitor;
the 429 page in German and Arabic (axe-checked)."""

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from openarea.models import HandInDraft
from tests import summary
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_kiosk import enrol_kiosk
from tests.browser.test_kiosk_tiles import answer_quick_check, choose_language
from tests.browser.test_staff_pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _back_and_reload(page, live_server) -> list[str]:
    """The next visitor presses "back", then reloads: Chromium resends the previous visitor's form.

    Returns the kiosk URLs the browser POSTed to (the resent forms)."""
    posted = []
    listener = lambda request: request.method == "POST" and posted.append(request.url)  # noqa: E731
    page.on("request", listener)
    try:
        page.go_back()
    except PlaywrightError:
        pass  # net::ERR_CACHE_MISS: the page was not kept (no-store), Chromium asks to resubmit
    expect(page.locator("h1")).to_have_count(1)  # the "Confirm Form Resubmission" page has arrived
    page.reload()
    page.wait_for_load_state()
    page.remove_listener("request", listener)
    return posted


def test_back_and_reload_after_fertig_brings_back_no_quick_check_answers(watched, live_server):
    page = enrol_kiosk(watched, live_server)
    page.locator("a.kiosk-tile[href='/kiosk/check/']").click()
    answer_quick_check(page)
    expect(page.locator(".quick-check__result").first).to_be_visible()
    assert "Unterhaltsvorschuss" in page.locator("main").inner_text()

    page.click("#kiosk-reset-form button")
    page.wait_for_url(f"{live_server.url}/kiosk/")
    resent = _back_and_reload(page, live_server)
    assert resent and set(resent) == {f"{live_server.url}/kiosk/check/"}  # the answers really went out again
    assert page.url == f"{live_server.url}/kiosk/"  # ... and landed on the start page

    assert page.locator(".quick-check__result").count() == 0
    assert "Unterhaltsvorschuss" not in page.content()
    assert page.locator("input[name^='a-']").count() == 0


def test_back_and_reload_after_fertig_gives_no_desk_code(watched, live_server):
    page = enrol_kiosk(watched, live_server)
    page.goto(f"{live_server.url}/kiosk/hand-in/")
    page.check("#id_benefit_0")
    page.fill("#id_applicant_name", "Canary Erste")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/kiosk/hand-in/code/")
    code = HandInDraft.objects.get().code
    assert code in page.content()

    page.click("main form button[type=submit]")  # "Fertig" on the code page
    page.wait_for_url(f"{live_server.url}/kiosk/")
    # The hand-in was post/redirect/get: back leads to the code page, which has forgotten the code
    # (the resent hand-in POST itself is tested in tests/openarea/test_kiosk_forgets.py).
    for _twice in range(2):
        _back_and_reload(page, live_server)
        assert code not in page.content()
        assert "Canary Erste" not in page.content()
    assert HandInDraft.objects.count() == 1


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_429_page_is_friendly_accessible_and_in_the_kiosk_language(watched, live_server, settings, language):
    settings.INFOPOINT_KIOSK_RATE_LIMITS = {**settings.INFOPOINT_KIOSK_RATE_LIMITS, "receipt_check": 1}
    page = enrol_kiosk(watched, live_server)
    choose_language(page, language)
    page.goto(f"{live_server.url}/kiosk/receipt-check/")
    for _n in range(2):
        page.fill("#id_number", "2026-000001")
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
    assert page.locator("h1").inner_text() == {"de": "Bitte warten Sie einen Moment", "ar": "يُرجى الانتظار قليلًا"}[language]
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert_accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"kiosk-429-{language}.png"), full_page=True)
    page.click("main a.kern-btn")  # back to the start
    page.wait_for_url(f"{live_server.url}/kiosk/")
    summary.record("kiosk_429")
