"""Keyboard-only walk-through of the main flows (security.md L2; WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7).

Only Tab, Shift+Tab, Enter, Space, arrow keys and typing: no clicks. Every stop of the focus
must be visible (an outline or a focus ring), and focus must never stay stuck on an element.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.http import HttpResponse

from openarea.kiosk_cookie import set_device_cookie
from openarea.models import YellowCard
from referrals.models import OfficeKind
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow && style.boxShadow !== "none";
  // Inside a date or time field Chromium highlights the focused part (day, month, hour) itself.
  const segment = el.tagName === "INPUT" && /^(date|time|datetime-local|month|week)$/.test(el.type);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name") || "", value: el.value || "",
    text: (el.innerText || el.getAttribute("aria-label") || "").trim().slice(0, 80),
    href: el.getAttribute("href") || "", visible: outline || ring || segment,
  };
}"""


def _describe(info):
    return f"<{info['tag']} id={info['id']!r} name={info['name']!r}> {info['text']!r}"


def tab_to(page, matches, *, limit=120, key="Tab"):
    """Press Tab until the focused element matches; each stop must show its focus, none may trap."""
    previous, repeats = None, 0
    for _ in range(limit):
        page.keyboard.press(key)
        info = page.evaluate(_FOCUSED)
        if info is None:
            previous = None
            continue  # focus passed the end of the page and comes back round
        assert info["visible"], f"focus not visible on {_describe(info)} at {page.url}"
        # Date and time inputs take several Tabs (day, month, year, hour, minute); more is a trap.
        repeats = repeats + 1 if info == previous else 0
        assert repeats < 8, f"focus stuck on {_describe(info)} at {page.url}"
        if matches(info):
            return info
        previous = info
    raise AssertionError(f"{limit} presses of {key} did not reach the element on {page.url} (last: {previous})")


def by_id(element_id):
    return lambda info: info["id"] == element_id


def is_element(page, selector):
    """The focused element is the (first) element the CSS selector finds."""
    return lambda info: page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector)


def by_text(pattern):
    return lambda info: re.search(pattern, info["text"]) is not None


def choose_with_arrows(page, select_id, value, *, limit=30):
    """On a focused <select>: arrow down until the wanted option is chosen."""
    for _ in range(limit):
        if page.evaluate(f"document.getElementById('{select_id}').value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"option {value!r} of #{select_id} not reached with the arrow keys")


def press_and_wait(page, key="Enter"):
    with page.expect_navigation():
        page.keyboard.press(key)


def test_an_advisor_logs_in_takes_a_visitor_finishes_the_contact_and_runs_a_check_by_keyboard(watched, live_server):
    factories.OfficeFactory(name="Wohngeldstelle Stuttgart", kind=OfficeKind.WOHNGELDSTELLE)
    advisor = factories.advisor()
    factories.VisitFactory(visitor=factories.VisitorFactory(name="Frau Keyboard"))
    page = watched.page
    page.goto(f"{live_server.url}/accounts/login/")

    # The log-in page puts the focus into the user name field.
    focused = page.evaluate(_FOCUSED)
    assert focused["id"] == "id_username" and focused["visible"]
    page.keyboard.type(advisor.username)
    tab_to(page, by_id("id_password"))
    page.keyboard.type("correct horse battery staple")
    press_and_wait(page)
    assert page.url == f"{live_server.url}/"

    # Take the visitor from the waiting list.
    tab_to(page, lambda info: info["id"].startswith("take-") and "Frau Keyboard" in info["text"])
    press_and_wait(page)
    assert re.search(r"/visits/\d+/$", page.url)

    # Record the contact.
    tab_to(page, by_id("id_service"))
    choose_with_arrows(page, "id_service", "advice")
    tab_to(page, by_id("id_outcome"))
    choose_with_arrows(page, "id_outcome", "screening")
    tab_to(page, by_text("Gespräch speichern|Speichern und abschließen|Save and finish"))
    press_and_wait(page)
    assert "/visitors/" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Frau Keyboard"

    # A check: age and rent typed, a child added with Enter on its button, saved with Enter.
    page.goto(f"{live_server.url}/screening/new/")
    tab_to(page, by_id("f-m0-age"))
    page.keyboard.type("34")
    tab_to(page, by_id("f-housing-rent_cold"))
    page.keyboard.type("600")
    page.locator("#result .program").first.wait_for()
    tab_to(page, lambda info: info["value"] == "save", key="Tab")
    press_and_wait(page)
    assert re.search(r"/screening/runs/\d+/$", page.url)


def _as_kiosk(watched, live_server):
    device = factories.KioskDeviceFactory()
    response = HttpResponse()
    set_device_cookie(response, device)
    cookie = response.cookies[settings.KIOSK_COOKIE_NAME]
    watched.page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return watched.page


QUICK_CHECK_ANSWERS = ["25-49", "no", "1", "0-5", "no", "employed", "1-500", "400-600", "0-5000"]


def test_a_visitor_does_the_kiosk_quick_check_by_keyboard(watched, live_server):
    factories.OfficeFactory(name="Wohngeldstelle Stuttgart", kind=OfficeKind.WOHNGELDSTELLE)
    page = _as_kiosk(watched, live_server)
    page.goto(f"{live_server.url}/kiosk/")
    tab_to(page, lambda info: info["href"] == "/kiosk/check/")
    press_and_wait(page)
    tab_to(page, is_element(page, "#main form button[type=submit]"))  # start the quick check
    press_and_wait(page)
    for value in QUICK_CHECK_ANSWERS:
        tab_to(page, lambda info, value=value: info["name"] == "answer" and info["value"] == value)
        press_and_wait(page, "Space")
    tab_to(page, by_id("answer-kindergeld"))
    page.keyboard.press("Space")
    assert page.is_checked("#answer-kindergeld")
    tab_to(page, is_element(page, "#main form.quick-check button.kern-btn--primary"))
    press_and_wait(page)
    assert page.locator(".quick-check__result").first.is_visible()
    assert "Wohngeld" in page.locator("main").inner_text()


def test_a_barrier_is_reported_on_the_statement_by_keyboard(watched, live_server):
    page = watched.page
    page.goto(f"{live_server.url}/info/de/")
    tab_to(page, lambda info: info["href"] == "/info/de/accessibility/")
    press_and_wait(page)
    tab_to(page, by_id("id_where"))
    page.keyboard.type("Formularkatalog")
    tab_to(page, by_id("id_text"))
    page.keyboard.type("Die Suche ist ohne Maus nicht erreichbar.")
    tab_to(page, by_text("Meldung absenden"))
    press_and_wait(page)
    assert "sent=1" in page.url
    assert YellowCard.objects.get().text.startswith("Barrierefreiheit – Formularkatalog")


@pytest.mark.parametrize("path", ["/info/de/", "/info/de/accessibility/", "/accounts/login/"])
def test_tab_goes_round_the_whole_page_without_a_trap(watched, live_server, path):
    page = watched.page
    page.goto(f"{live_server.url}{path}")
    first = tab_to(page, lambda info: True)
    if path != "/accounts/login/":  # the log-in page starts in its user name field
        assert first["href"] == "#main", "the skip link comes first"
    # Forward through every focusable element and round again to the first: no trap on the way.
    tab_to(page, lambda info: info == first, limit=200)
    # And backwards from there.
    tab_to(page, lambda info: info["tag"] != first["tag"] or info["href"] != first["href"], key="Shift+Tab")
