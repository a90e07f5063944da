"""Issue 21, the kiosk that forgets: replayed forms, floods from one device, autocomplete.

The pages are used as a browser uses them: the forms are read from the HTML and sent with the
hidden values they carry (``submit``), so the value of the kiosk session is the one the page
really shows. "Back + reload + resend" after "Fertig" is the same POST sent again.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from intake.models import Visit
from openarea import kiosk_guard
from openarea.models import HandInDraft, KioskRateCount, YellowCard
from tests import factories, summary
from tests.conftest import KioskFormClient, put_kiosk_cookie

pytestmark = pytest.mark.django_db


# --- Reading forms from a page, as a browser does ------------------------------------------

class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"attrs": attrs, "controls": []}
            self.forms.append(self._form)
        elif tag in ("input", "textarea", "select", "button") and self._form is not None:
            self._form["controls"].append({"tag": tag, **attrs})

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def forms_on(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def form_to(html: str, action: str) -> dict:
    """The form that posts to ``action`` (for the reset: the last one, the page's own "Fertig"/"Done")."""
    found = [f for f in forms_on(html) if f["attrs"].get("action", "").split("#")[0] == action]
    assert found, f"no form to {action}"
    assert len(found) == 1 or action == reverse("kiosk:reset"), f"{len(found)} forms to {action}"
    return found[-1]


def form_data(form: dict, **typed) -> dict:
    """What the browser sends: hidden values and what the person typed or chose."""
    data = {c["name"]: c.get("value", "") for c in form["controls"] if c["tag"] == "input" and c.get("type") == "hidden"}
    data.update({key: value for key, value in typed.items() if value is not None})
    return data


def submit(client, html: str, action: str, **typed):
    data = form_data(form_to(html, action), **typed)
    return client.post(action, data, fill_kiosk_session=False), data


@pytest.fixture
def security_events(caplog):
    caplog.set_level(logging.INFO, logger="infopoint.security")
    return lambda event: [r for r in caplog.records if r.name == "infopoint.security" and getattr(r, "event", "") == event]


# --- (1) A form from before "Fertig" lands on the start page ---------------------------------

def _done(client, html: str):
    """Press "Fertig" (the header's reset form on the page shown)."""
    response, _data = submit(client, html, reverse("kiosk:reset"))
    assert response.status_code == 302 and response["Location"] == reverse("kiosk:start")


def _walk_quick_check(client) -> tuple[str, dict]:
    """The quick check through its pages, always the first answer; the result page and the POST that showed it."""
    check = reverse("kiosk:check")
    response, data = submit(client, client.get(check).content.decode(), check)
    for _step in range(30):
        page = response.content.decode()
        if reverse("kiosk:check-print") in page:
            return page, data
        form = form_to(page, check)
        answers = [c for c in form["controls"] if c.get("name") == "answer" and c.get("value") != "exact"]
        first = answers[0]
        response, data = submit(client, page, check, answer=first["value"])
        assert response.status_code == 200, page
    raise AssertionError("the quick check did not end")


def test_the_quick_check_answers_do_not_come_back_after_fertig(kiosk_client, security_events):
    result_page, last_post = _walk_quick_check(kiosk_client)
    assert "quick-check__result" in result_page or "quick-check__" in result_page
    print_data = form_data(form_to(result_page, reverse("kiosk:check-print")))
    assert any(key.startswith("a-") for key in print_data)
    _done(kiosk_client, result_page)

    # Back + reload + "resend": the result POST and the print POST of the previous visitor.
    for url, data in ((reverse("kiosk:check"), last_post), (reverse("kiosk:check-print"), print_data)):
        response = kiosk_client.post(url, data, fill_kiosk_session=False)
        assert response.status_code == 302 and response["Location"] == reverse("kiosk:start")
        start = kiosk_client.get(response["Location"]).content.decode()
        assert 'name="a-' not in start and "quick-check__result" not in start
    events = security_events("kiosk_form_replayed")
    assert [e.view for e in events] == ["check", "check-print"]
    assert all(e.device_id is not None and e.had_value for e in events)
    summary.record("kiosk_replays", len(events))


def test_the_quick_check_pages_are_never_kept_in_the_browser_cache(kiosk_client):
    result_page, last_post = _walk_quick_check(kiosk_client)
    response = kiosk_client.post(reverse("kiosk:check"), last_post, fill_kiosk_session=False)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    printed = kiosk_client.post(reverse("kiosk:check-print"), form_data(form_to(result_page, reverse("kiosk:check-print"))))
    assert printed.status_code == 200 and "no-store" in printed["Cache-Control"]
    response = kiosk_client.post(reverse("kiosk:reset"))
    assert '"cache"' in response["Clear-Site-Data"]


def test_a_replayed_hand_in_gives_the_next_person_neither_a_draft_nor_the_code(kiosk_client, security_events):
    hand_in = reverse("kiosk:hand-in")
    response, posted = submit(
        kiosk_client, kiosk_client.get(hand_in).content.decode(), hand_in,
        benefit="wohngeld", applicant_name="Canary Erste", description="Antrag", pages="3",
    )  # fmt: skip
    assert response.status_code == 302
    code = HandInDraft.objects.get().code
    done_page = kiosk_client.get(reverse("kiosk:hand-in-done")).content.decode()
    assert code in done_page
    _done(kiosk_client, done_page)

    response = kiosk_client.post(hand_in, posted, fill_kiosk_session=False)  # the same form, the same one-time token
    assert response.status_code == 302 and response["Location"] == reverse("kiosk:start")
    assert HandInDraft.objects.count() == 1
    after = kiosk_client.get(reverse("kiosk:hand-in-done"))
    assert after.status_code == 302 and after["Location"] == hand_in
    assert code not in kiosk_client.get(reverse("kiosk:start")).content.decode()
    assert code not in kiosk_client.get(hand_in).content.decode()
    assert len(security_events("kiosk_form_replayed")) == 1
    summary.record("kiosk_replays")


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("kiosk:advice", {"called_as": "Canary Wartend", "language": "tr", "topic": "wohngeld"}),
        ("kiosk:feedback", {"kind": "praise", "text": "Canary Karte", "wants_answer": "no"}),
        ("kiosk:receipt-check", {"number": "2026-000001"}),
        ("kiosk:accessibility", {"text": "Canary Barriere"}),
        ("kiosk:set-language", {}),
    ],
)
def test_every_kiosk_form_sent_again_after_fertig_lands_on_the_start_page(kiosk_client, security_events, name, typed):
    url = reverse(name)
    page_url = reverse("kiosk:start") if name == "kiosk:set-language" else url
    page = kiosk_client.get(page_url).content.decode()
    if name == "kiosk:set-language":
        form = next(f for f in forms_on(page) if f["attrs"]["action"] == url and any(c.get("value") == "ar" for c in f["controls"]))
        data = form_data(form)
    else:
        data = form_data(form_to(page, url), **typed)
    assert data[kiosk_guard.FIELD] == kiosk_client.session[kiosk_guard.SESSION_KEY]
    _done(kiosk_client, page)
    visits, cards = Visit.objects.count(), YellowCard.objects.count()

    response = kiosk_client.post(url, data, fill_kiosk_session=False)

    assert response.status_code == 302 and response["Location"] == reverse("kiosk:start")
    assert (Visit.objects.count(), YellowCard.objects.count()) == (visits, cards)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies  # not even the previous visitor's language
    start = kiosk_client.get(reverse("kiosk:start")).content.decode()
    assert "Canary" not in start and '<html lang="de"' in start
    [event] = security_events("kiosk_form_replayed")
    assert event.view == name.split(":")[1]
    summary.record("kiosk_replays")


def test_a_post_without_the_value_or_with_a_forged_one_does_nothing(kiosk_client, security_events):
    kiosk_client.get(reverse("kiosk:advice"))
    for value in (None, "", "forged", kiosk_client.session[kiosk_guard.SESSION_KEY] + "x"):
        data = {"called_as": "Canary", "language": "de", "topic": "other", "token": str(uuid.uuid4())}
        if value is not None:
            data[kiosk_guard.FIELD] = value
        response = kiosk_client.post(reverse("kiosk:advice"), data, fill_kiosk_session=False)
        assert response.status_code == 302 and response["Location"] == reverse("kiosk:start")
    assert not Visit.objects.exists()
    assert len(security_events("kiosk_form_replayed")) == 4
    summary.record("kiosk_replays", 4)


def test_the_same_visitor_keeps_going_and_the_next_one_gets_a_new_value(kiosk_client):
    first = kiosk_client.get(reverse("kiosk:advice")).content.decode()
    value = form_data(form_to(first, reverse("kiosk:advice")))[kiosk_guard.FIELD]
    again = kiosk_client.get(reverse("kiosk:feedback")).content.decode()
    assert form_data(form_to(again, reverse("kiosk:feedback")))[kiosk_guard.FIELD] == value  # one visitor, one value
    _done(kiosk_client, again)
    after = kiosk_client.get(reverse("kiosk:advice")).content.decode()
    assert form_data(form_to(after, reverse("kiosk:advice")))[kiosk_guard.FIELD] != value


def test_a_replayed_reset_still_resets(kiosk_client):
    page = kiosk_client.get(reverse("kiosk:start")).content.decode()
    _done(kiosk_client, page)
    _done(kiosk_client, page)  # the old "Fertig" form: forgetting again is harmless


def test_staff_previewing_the_kiosk_keep_their_session_but_old_forms_stop_working(advisor_client):
    page = advisor_client.get(reverse("kiosk:advice")).content.decode()
    data = form_data(form_to(page, reverse("kiosk:advice")), called_as="Probe", language="de", topic="other")
    _done(advisor_client, page)
    assert advisor_client.get(reverse("intake:home")).status_code == 200
    response = advisor_client.post(reverse("kiosk:advice"), data, fill_kiosk_session=False)
    assert response["Location"] == reverse("kiosk:start")
    assert not Visit.objects.exists()


def test_the_public_quick_check_carries_no_kiosk_value(anonymous_client):
    page = anonymous_client.get(reverse("info:check", kwargs={"lang": "de"})).content.decode()
    assert kiosk_guard.FIELD not in page


# --- (2) Per-device rate limits -------------------------------------------------------------

class _Clock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    # Two seconds before a full minute, so that the burst straddles the turn of the minute.
    clock = _Clock(datetime(2026, 12, 9, 10, 14, 58, 500000, tzinfo=UTC))
    monkeypatch.setattr(kiosk_guard, "_now", clock)
    return clock


def _advice(client, n):
    return client.post(reverse("kiosk:advice"), {"called_as": f"Canary {n}", "language": "de", "topic": "other", "token": str(uuid.uuid4())})


def test_25_talk_to_someone_posts_in_3_seconds_put_only_the_first_few_on_the_waiting_list(kiosk_client, kiosk_device, clock, security_events):
    limit = settings.INFOPOINT_KIOSK_RATE_LIMITS["advice"]
    statuses = []
    for n in range(25):
        statuses.append(_advice(kiosk_client, n).status_code)
        clock.now += timedelta(seconds=3) / 25
    assert statuses == [302] * limit + [429] * (25 - limit)
    assert Visit.objects.count() == limit
    assert sorted(Visit.objects.values_list("visitor__description", flat=True)) == sorted(f"Canary {n}" for n in range(limit))
    refused = security_events("kiosk_rate_limited")
    assert len(refused) == 25 - limit
    assert {(e.device_id, e.action, e.limit) for e in refused} == {(kiosk_device.pk, "advice", limit)}
    assert not any("Canary" in r.getMessage() or "Canary" in str(vars(r)) for r in refused)
    summary.record("kiosk_429", len(refused))


def test_after_a_minute_the_kiosk_takes_requests_again(kiosk_client, clock):
    limit = settings.INFOPOINT_KIOSK_RATE_LIMITS["advice"]
    for n in range(limit):
        assert _advice(kiosk_client, n).status_code == 302
    assert _advice(kiosk_client, "x").status_code == 429
    clock.now += timedelta(seconds=10)  # the sliding minute still remembers most of the burst
    assert _advice(kiosk_client, "y").status_code == 429
    clock.now += timedelta(seconds=61)
    assert _advice(kiosk_client, "z").status_code == 302
    summary.record("kiosk_429", 2)
    # Old minutes are not kept.
    clock.now += timedelta(minutes=5)
    _advice(kiosk_client, "later")
    assert KioskRateCount.objects.count() == 1


def test_each_kiosk_counts_for_itself(kiosk_client, clock):
    for n in range(settings.INFOPOINT_KIOSK_RATE_LIMITS["advice"]):
        _advice(kiosk_client, n)
    assert _advice(kiosk_client, "x").status_code == 429
    other = put_kiosk_cookie(KioskFormClient(raise_request_exception=False), factories.KioskDeviceFactory())
    assert _advice(other, "other kiosk").status_code == 302
    summary.record("kiosk_429")


ACTIONS = {
    "advice": ("kiosk:advice", {"called_as": "Canary", "language": "de", "topic": "other"}),
    "feedback": ("kiosk:feedback", {"kind": "praise", "text": "Canary", "wants_answer": "no"}),
    "barrier_report": ("kiosk:accessibility", {"text": "Canary"}),
    "hand_in": ("kiosk:hand-in", {"benefit": "sgb2"}),
    "receipt_check": ("kiosk:receipt-check", {"number": "2026-000001"}),
    "quick_check": ("kiosk:check", {"question": ""}),
    "quick_check ": ("kiosk:check-print", {"a-age": "18-66"}),  # the print counts as a quick-check post
}


def test_every_rate_limited_action_is_configured():
    assert {key.strip() for key in ACTIONS} == set(settings.INFOPOINT_KIOSK_RATE_LIMITS)


@pytest.mark.parametrize("key", list(ACTIONS))
def test_every_kiosk_form_has_its_limit(kiosk_client, clock, settings, key, security_events):
    action = key.strip()
    settings.INFOPOINT_KIOSK_RATE_LIMITS = {**settings.INFOPOINT_KIOSK_RATE_LIMITS, action: 2}
    name, data = ACTIONS[key]
    for _n in range(2):
        response = kiosk_client.post(reverse(name), {**data, "token": str(uuid.uuid4())})
        assert response.status_code != 429
    response = kiosk_client.post(reverse(name), {**data, "token": str(uuid.uuid4())})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Bitte warten Sie einen Moment" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    [event] = security_events("kiosk_rate_limited")
    assert event.action == action
    # GET still works: the visitor can read, and the start page is always there.
    assert kiosk_client.get(reverse(name) if name != "kiosk:check-print" else reverse("kiosk:start")).status_code == 200
    summary.record("kiosk_429")


LANGUAGE_TITLES = {
    "de": "Bitte warten Sie einen Moment", "en": "Please wait a moment", "tr": "Lütfen biraz bekleyin",
    "ar": "يُرجى الانتظار قليلًا", "uk": "Будь ласка, зачекайте хвилинку", "ru": "Пожалуйста, подождите немного",
}  # fmt: skip


@pytest.mark.parametrize("language", list(LANGUAGE_TITLES))
def test_the_429_page_speaks_the_kiosk_language(kiosk_client, clock, settings, language):
    settings.INFOPOINT_KIOSK_RATE_LIMITS = {**settings.INFOPOINT_KIOSK_RATE_LIMITS, "receipt_check": 1}
    kiosk_client.post(reverse("kiosk:set-language"), {"language": language})
    kiosk_client.post(reverse("kiosk:receipt-check"), {"number": "2026-000001"})
    response = kiosk_client.post(reverse("kiosk:receipt-check"), {"number": "2026-000002"})
    page = response.content.decode()
    assert response.status_code == 429
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert LANGUAGE_TITLES[language] in page
    assert 'href="/kiosk/"' in page  # a way back, and the "Fertig" button is in the header
    assert reverse("kiosk:reset") in page
    summary.record("kiosk_429")


# --- (3) autocomplete="off" on every kiosk form and field ---------------------------------

_TEXT_TYPES = {"text", "search", "email", "tel", "url", "number", "password", "date"}


def _kiosk_pages(client, clock) -> dict[str, str]:
    """Every kiosk page in every state a visitor can see it in (with errors, results, codes)."""
    factories.PrintableFormFactory(slug="wohngeld-antrag")
    receipt = factories.receipt()
    pages = {}

    def get(label, url):
        response = client.get(url)
        assert response.status_code == 200, (label, response.status_code)
        pages[label] = response.content.decode()

    def post(label, url, data):
        response = client.post(url, data)
        if response.status_code == 302:
            response = client.get(response["Location"])
        assert response.status_code in (200, 400, 429), (label, response.status_code)
        pages[label] = response.content.decode()

    for name in ("start", "offices", "check", "advice", "feedback", "receipt-check", "hand-in", "accessibility", "forms"):
        get(f"kiosk:{name}", reverse(f"kiosk:{name}"))
    get("kiosk:form-detail", reverse("kiosk:form-detail", kwargs={"slug": "wohngeld-antrag"}))
    get("kiosk:accessibility sent", reverse("kiosk:accessibility") + "?sent=1")
    check = reverse("kiosk:check")
    response, _data = submit(client, pages["kiosk:check"], check)
    pages["kiosk:check question"] = response.content.decode()
    response, _data = submit(client, pages["kiosk:check question"], check, answer=None)  # no answer: the error
    pages["kiosk:check question error"] = response.content.decode()
    pages["kiosk:check result"], _data = _walk_quick_check(client)
    post("kiosk:check-print", reverse("kiosk:check-print"), form_data(form_to(pages["kiosk:check result"], reverse("kiosk:check-print"))))
    post("kiosk:advice errors", reverse("kiosk:advice"), {"called_as": ""})
    post("kiosk:feedback errors", reverse("kiosk:feedback"), {"wants_answer": "yes"})
    post("kiosk:hand-in errors", reverse("kiosk:hand-in"), {"pages": "x"})
    post("kiosk:receipt-check errors", reverse("kiosk:receipt-check"), {"number": "x"})
    post("kiosk:receipt-check result", reverse("kiosk:receipt-check"), {"number": receipt.display_number})
    post("kiosk:accessibility errors", reverse("kiosk:accessibility"), {"where": "x"})
    post("kiosk:advice-sent", reverse("kiosk:advice"), {"called_as": "A", "language": "de", "topic": "other"})
    post("kiosk:feedback-thanks", reverse("kiosk:feedback"), {"kind": "idea", "text": "Idee", "wants_answer": "no"})
    post("kiosk:hand-in-done", reverse("kiosk:hand-in"), {"benefit": "sgb2"})
    clock.now += timedelta(minutes=3)
    for _n in range(settings.INFOPOINT_KIOSK_RATE_LIMITS["receipt_check"] + 1):
        client.post(reverse("kiosk:receipt-check"), {"number": "2026-000001"})
    post("kiosk:429", reverse("kiosk:receipt-check"), {"number": "2026-000001"})
    return pages


def test_every_kiosk_page_every_form_and_field_has_autocomplete_off_and_the_current_value(kiosk_client, clock):
    pages = _kiosk_pages(kiosk_client, clock)
    # Every kiosk URL that shows a page is walked (the PDF and the counting redirects show none).
    from openarea.urls import kiosk_patterns

    shown = {label.split(" ")[0] for label in pages}
    not_pages = {"kiosk:form-print", "kiosk:form-pdf", "kiosk:form-online", "kiosk:set-language", "kiosk:reset"}
    assert {f"kiosk:{p.name}" for p in kiosk_patterns} - not_pages <= shown
    assert "429" in " ".join(pages)

    current = kiosk_client.session[kiosk_guard.SESSION_KEY]
    problems, forms_seen, fields_seen = [], 0, 0
    for label, html in pages.items():
        for form in forms_on(html):
            forms_seen += 1
            where = f"{label}: form to {form['attrs'].get('action')}"
            if form["attrs"].get("autocomplete") != "off":
                problems.append(f"{where} lacks autocomplete=off")
            if form["attrs"].get("method", "get").lower() == "post":
                values = [c.get("value") for c in form["controls"] if c.get("name") == kiosk_guard.FIELD]
                if values != [current]:
                    problems.append(f"{where} carries {values}, not the session's value")
            for control in form["controls"]:
                kind = control.get("type", "text" if control["tag"] == "input" else control["tag"])
                if control["tag"] in ("textarea", "select") or (control["tag"] == "input" and kind in _TEXT_TYPES):
                    fields_seen += 1
                    if control.get("autocomplete") != "off":
                        problems.append(f"{where}: field {control.get('name')} lacks autocomplete=off")
    assert problems == []
    assert forms_seen > 100 and fields_seen >= 15, (forms_seen, fields_seen)
