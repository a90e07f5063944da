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


QUICK_CHECK_ANSWERS = ["25-49", "no", "1", "0-5", "no", "employed", "1-500", "400-600", "no", "0-5000"]


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
    # The route for this single parent with a small wage: Unterhaltsvorschuss, then Bürgergeld /
    # Grundsicherungsgeld (Wohngeld would not end the need, so it is not offered as money on top).
    result = page.locator("main").inner_text()
    assert result.index("Unterhaltsvorschuss") < result.index("Grundsicherungsgeld")


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


def _log_in_by_keyboard(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.keyboard.type(user.username)  # the log-in page starts in its user name field
    tab_to(page, by_id("id_password"))
    page.keyboard.type("correct horse battery staple")
    press_and_wait(page)
    assert page.url == f"{live_server.url}/"


def _type_date(page, day):
    """Into a focused date field (the browser runs in en-US: month, day, year)."""
    page.keyboard.type(f"{day.month:02d}{day.day:02d}{day.year}")


def test_an_advisor_refers_a_visitor_records_the_appointment_and_follows_up_by_keyboard(watched, live_server):
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from referrals.models import Benefit, Referral

    office = factories.OfficeFactory(name="Wohngeldstelle Stuttgart", kind=OfficeKind.WOHNGELDSTELLE, benefits=[Benefit.WOHNGELD])
    advisor = factories.advisor()
    visit = factories.VisitFactory(visitor=factories.VisitorFactory(name="Herr Tastatur"), status="in_conversation", advisor=advisor)
    page = watched.page
    _log_in_by_keyboard(page, live_server, advisor)
    page.goto(f"{live_server.url}{visit.visitor.get_absolute_url()}")

    # From the visitor page to the referral form.
    tab_to(page, by_text("An eine Stelle weitervermitteln"))
    press_and_wait(page)
    assert "/referrals/new/" in page.url
    tab_to(page, by_id("id_benefit"))
    choose_with_arrows(page, "id_benefit", Benefit.WOHNGELD)
    tab_to(page, by_id("id_office"))
    choose_with_arrows(page, "id_office", str(office.pk))
    # Data handed over, with the day of the consent.
    first_shared = page.locator("input[name=shared_fields]").first.get_attribute("id")
    tab_to(page, by_id(first_shared))
    page.keyboard.press("Space")
    assert page.is_checked(f"#{first_shared}")
    tab_to(page, by_id("id_consent_on"))
    _type_date(page, timezone.localdate())
    tab_to(page, by_text("Weitervermittlung speichern"))
    press_and_wait(page)
    referral = Referral.objects.get(visitor=visit.visitor)
    detail_url = reverse("referrals:referral-detail", kwargs={"pk": referral.pk})
    assert page.url.endswith(detail_url)
    assert "Wohngeldstelle Stuttgart" in page.get_by_role("heading", level=1).inner_text()
    assert "Einwilligung erteilt am" in page.locator("main").inner_text()

    # The office gave an appointment: recorded with the status.
    day = timezone.localdate() + timedelta(days=10)
    tab_to(page, by_id("id_to"))
    choose_with_arrows(page, "id_to", "appointment_made")
    tab_to(page, by_id("id_appointment_at"))
    _type_date(page, day)
    page.keyboard.press("Tab")  # on to the hours
    page.keyboard.type("0930AM")
    tab_to(page, by_text("Status ändern"))
    press_and_wait(page)
    assert "Termin vereinbart" in page.locator("main").inner_text()
    referral.refresh_from_db()
    assert timezone.localtime(referral.appointment_at).strftime("%Y-%m-%d %H:%M") == f"{day.isoformat()} 09:30"

    # Later: the follow-up list, the referral, and what came of it.
    tab_to(page, lambda info: info["href"] == "/referrals/" and info["tag"] == "a")
    press_and_wait(page)
    row = page.locator("main tr", has_text="Herr Tastatur")
    assert "Termin vereinbart" in row.inner_text()
    tab_to(page, lambda info: info["href"] == detail_url and "Herr Tastatur" in info["text"])
    press_and_wait(page)
    tab_to(page, lambda info: info["name"] == "answer")
    # Arrow keys move through a radio group and choose as they go.
    for _ in range(10):
        if page.evaluate("document.activeElement.value") == "applied":
            break
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.checked && document.activeElement.value") == "applied"
    tab_to(page, by_text("Ergebnis erfassen"))
    press_and_wait(page)
    assert "Antrag gestellt" in page.locator("main").inner_text()
    assert watched.csp_violations() == []


def test_the_desk_issues_prints_and_forwards_a_receipt_by_keyboard(watched, live_server):
    from openarea.models import Receipt
    from referrals.models import Benefit

    office = factories.OfficeFactory(name="Wohngeldstelle Stuttgart", kind=OfficeKind.WOHNGELDSTELLE, benefits=[Benefit.WOHNGELD])
    advisor = factories.advisor()
    page = watched.page
    _log_in_by_keyboard(page, live_server, advisor)

    # To the desk's receipts and its form.
    tab_to(page, lambda info: info["href"] == "/openarea/receipts/" and info["tag"] == "a")
    press_and_wait(page)
    tab_to(page, lambda info: info["href"] == "/openarea/receipts/new/")
    press_and_wait(page)
    tab_to(page, by_id("id_applicant_name"))
    page.keyboard.type("Frau Tastatur")
    tab_to(page, by_id("id_benefit"))
    choose_with_arrows(page, "id_benefit", Benefit.WOHNGELD)
    tab_to(page, by_id("id_office"))
    choose_with_arrows(page, "id_office", str(office.pk))
    tab_to(page, by_id("id_application_form"))
    page.keyboard.type("Wohngeldantrag")
    tab_to(page, by_id("id_application_pages"))
    page.keyboard.type("4")
    tab_to(page, by_id("id_originals_returned"))
    page.keyboard.press("Space")
    tab_to(page, by_text("Eingangsbestätigung ausstellen"))
    press_and_wait(page)
    receipt = Receipt.objects.get()
    assert page.url.endswith(receipt.get_absolute_url())
    assert receipt.display_number in page.get_by_role("heading", level=1).inner_text()
    assert receipt.applicant_name == "Frau Tastatur" and receipt.originals_returned

    # The PDF opens from its link with Enter.
    pdf_url = f"/openarea/receipts/{receipt.pk}/pdf/"
    tab_to(page, lambda info: info["href"] == pdf_url)
    with page.expect_response(lambda response: response.url.endswith(pdf_url)) as answer:
        page.keyboard.press("Enter")
    assert answer.value.ok and answer.value.headers["content-type"] == "application/pdf"
    page.wait_for_url(f"**{pdf_url}")  # the browser shows it; back to the receipt as with Alt+Left
    page.go_back()
    page.wait_for_url(f"**{receipt.get_absolute_url()}")

    # Forwarded today (the form proposes today), by courier.
    tab_to(page, by_id("id_forwarded_on"))
    tab_to(page, by_id("id_way"))
    page.keyboard.press("ArrowDown")
    tab_to(page, by_text("^Weiterleitung eintragen"))
    press_and_wait(page)
    receipt.refresh_from_db()
    assert receipt.forwarding_record is not None
    assert "Weitergeleitet am" in page.locator("#forwarding-heading + p").inner_text()
    assert watched.csp_violations() == []
