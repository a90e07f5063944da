"""Staff sessions: idle log-out, absolute limit, "Stay logged in", lost accounts (security.md B3, B7)."""

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from infopoint.lib.roles import GROUP_ADVISOR
from infopoint.staff_session import ENDED_COOKIE, REMAINING_HEADER
from tests import factories

START = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
IDLE_MESSAGE = "Sie wurden nach 15 Minuten ohne Aktivität abgemeldet; nichts, was Sie gespeichert haben, ist verloren."
ABSOLUTE_MESSAGE = "Sie wurden abgemeldet, weil Ihre Sitzung die Höchstdauer von 10 Stunden erreicht hat"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def staff(clock, advisor):
    client = Client(raise_request_exception=False)
    client.force_login(advisor)
    assert client.get(reverse("intake:home")).status_code == 200
    return client


def _after(clock, **delta):
    clock.move_to(START + timedelta(**delta))


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def _login_page_text(client, response) -> str:
    return client.get(response["Location"]).content.decode()


def test_a_request_just_before_the_idle_limit_keeps_the_session(staff, clock):
    _after(clock, minutes=14, seconds=59)
    assert staff.get(reverse("intake:home")).status_code == 200
    _after(clock, minutes=29, seconds=58)
    assert staff.get(reverse("intake:home")).status_code == 200


def test_fifteen_minutes_without_a_request_end_the_session_with_a_message(staff, clock):
    _after(clock, minutes=15, seconds=1)
    response = staff.get(reverse("referrals:follow-up-list"))
    assert _is_login_redirect(response)
    assert "next=/referrals/" in response["Location"] or "next=" in response["Location"]
    assert IDLE_MESSAGE in _login_page_text(staff, response)
    # Logged out for real: going back does not bring the session back.
    assert _is_login_redirect(staff.get(reverse("intake:home")))


def test_a_post_after_the_idle_limit_goes_to_the_log_in_and_saves_nothing(staff, clock, advisor):
    from intake.models import Visit

    before = Visit.objects.count()
    _after(clock, minutes=16)
    response = staff.post(reverse("intake:walk-in"), {"name": "Erika", "language": "de"})
    assert _is_login_redirect(response)
    assert Visit.objects.count() == before


def test_the_polled_waiting_list_does_not_count_as_activity(staff, clock):
    for minute in range(1, 15):
        _after(clock, minutes=minute)
        assert staff.get(reverse("intake:waiting"), HTTP_HX_REQUEST="true").status_code == 200
    _after(clock, minutes=15, seconds=1)
    polled = staff.get(reverse("intake:waiting"), HTTP_HX_REQUEST="true")
    # htmx swaps nothing but sends the whole browser to the log-in page.
    assert polled.status_code == 200
    assert polled["HX-Redirect"] == reverse("login")
    assert IDLE_MESSAGE in staff.get(reverse("login")).content.decode()


def test_other_htmx_requests_count_as_activity(staff, clock, advisor):
    household = {"as_of": "2026-03-01", "members": [{"relation": "self", "age": 40}]}
    _after(clock, minutes=10)
    staff.post(reverse("screening:calculate"), {"household": json.dumps(household)}, HTTP_HX_REQUEST="true")
    _after(clock, minutes=24)
    assert staff.get(reverse("intake:home")).status_code == 200


def test_stay_logged_in_extends_the_session(staff, clock):
    _after(clock, minutes=14)
    response = staff.post(reverse("session-extend"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {"remaining_seconds": 900, "warning_seconds": 120}
    _after(clock, minutes=28)
    assert staff.get(reverse("intake:home")).status_code == 200


def test_asking_how_long_is_left_does_not_extend_the_session(staff, clock):
    _after(clock, minutes=13)
    status = staff.get(reverse("session-extend"), HTTP_ACCEPT="application/json")
    assert status.json()["remaining_seconds"] == 120
    _after(clock, minutes=15)
    assert _is_login_redirect(staff.get(reverse("session-extend"), HTTP_ACCEPT="application/json"))


def test_stay_logged_in_without_javascript_returns_to_the_page(staff, clock):
    response = staff.post(reverse("session-extend"), {"next": "/referrals/"})
    assert response.status_code == 302
    assert response["Location"] == "/referrals/"
    elsewhere = staff.post(reverse("session-extend"), {"next": "https://evil.example/"})
    assert elsewhere["Location"] == reverse("intake:home")


def test_every_staff_response_says_how_long_the_session_has_left(staff, clock):
    _after(clock, minutes=5)
    assert staff.get(reverse("intake:waiting"))[REMAINING_HEADER] == "600"
    assert staff.get(reverse("intake:home"))[REMAINING_HEADER] == "900"


def test_staff_pages_carry_the_warning_dialog_and_script(staff):
    page = staff.get(reverse("intake:home")).content.decode()
    assert 'id="session-dialog"' in page
    assert "js/staff-session.js" in page
    assert 'data-session-remaining="900"' in page
    assert 'data-session-warning="120"' in page
    assert "Angemeldet bleiben" in page
    assert "<script>" not in page  # no inline script (CSP)


def test_the_log_in_page_has_no_warning_dialog(db):
    page = Client().get(reverse("login")).content.decode()
    assert "session-dialog" not in page


def test_the_session_ends_after_the_absolute_limit_despite_constant_activity(staff, clock):
    for minutes in range(10, 600, 10):
        _after(clock, minutes=minutes)
        assert staff.get(reverse("intake:home")).status_code == 200, minutes
    _after(clock, hours=9, minutes=59, seconds=59)
    assert staff.get(reverse("intake:home")).status_code == 200
    _after(clock, hours=10, seconds=1)
    response = staff.get(reverse("intake:home"))
    assert _is_login_redirect(response)
    assert ABSOLUTE_MESSAGE in _login_page_text(staff, response)


def test_the_limits_come_from_the_settings(clock, advisor, settings):
    settings.INFOPOINT_STAFF_IDLE_MINUTES = 5
    client = Client()
    client.force_login(advisor)
    client.get(reverse("intake:home"))
    _after(clock, minutes=5, seconds=1)
    response = client.get(reverse("intake:home"))
    assert _is_login_redirect(response)
    assert "nach 5 Minuten ohne Aktivität" in _login_page_text(client, response)


def test_the_timeout_is_logged_as_a_security_event(staff, clock, advisor, caplog):
    caplog.set_level(logging.INFO, logger="infopoint.security")
    _after(clock, minutes=20)
    staff.get(reverse("intake:home"))
    ended = [r for r in caplog.records if getattr(r, "event", "") == "session_timeout"]
    assert [(r.reason, r.user_id) for r in ended] == [("idle", advisor.pk)]


def test_a_kiosk_device_is_not_a_staff_session(kiosk_client, clock):
    assert kiosk_client.get(reverse("kiosk:start")).status_code == 200
    _after(clock, hours=11)
    response = kiosk_client.get(reverse("kiosk:start"))
    assert response.status_code == 200
    assert REMAINING_HEADER not in response


def test_a_staff_member_looking_at_the_kiosk_pages_stays_a_staff_session(staff, clock):
    _after(clock, minutes=10)
    assert staff.get(reverse("kiosk:start")).status_code == 200
    _after(clock, minutes=24)
    assert staff.get(reverse("intake:home")).status_code == 200


def test_a_deactivated_user_is_logged_out_on_the_next_request(staff, advisor):
    advisor.is_active = False
    advisor.save()
    assert _is_login_redirect(staff.get(reverse("intake:home")))
    assert _is_login_redirect(staff.post(reverse("intake:walk-in"), {"name": "Erika"}))


def test_a_user_whose_role_was_removed_is_refused_on_the_next_request(staff, advisor):
    advisor.groups.remove(Group.objects.get(name=GROUP_ADVISOR))
    assert staff.get(reverse("intake:home")).status_code == 403
    assert staff.get(reverse("openarea:receipt-list")).status_code == 403


def test_a_password_change_elsewhere_ends_the_other_sessions(staff, advisor):
    # Django binds the session to the password hash: an administrator resetting a
    # compromised password logs the account out everywhere.
    advisor.set_password("a completely new passphrase")
    advisor.save()
    assert _is_login_redirect(staff.get(reverse("intake:home")))


def test_two_users_time_out_independently(clock, advisor):
    other = factories.advisor()
    first, second = Client(), Client()
    first.force_login(advisor)
    second.force_login(other)
    first.get(reverse("intake:home"))
    second.get(reverse("intake:home"))
    _after(clock, minutes=10)
    second.get(reverse("intake:home"))
    _after(clock, minutes=16)
    assert _is_login_redirect(first.get(reverse("intake:home")))
    assert second.get(reverse("intake:home")).status_code == 200


def test_the_activity_stamp_is_written_at_most_once_a_minute(staff, clock):
    # Saves a session write per request; the session may end up to a minute early, never late.
    _after(clock, minutes=1)
    staff.get(reverse("intake:home"))  # stamped at 1:00
    _after(clock, minutes=1, seconds=59)
    staff.get(reverse("intake:home"))  # not stamped
    _after(clock, minutes=16, seconds=0)
    assert _is_login_redirect(staff.get(reverse("intake:home")))


def test_activity_a_minute_after_the_last_stamp_is_stamped(staff, clock):
    _after(clock, minutes=1)
    staff.get(reverse("intake:home"))
    _after(clock, minutes=2)
    staff.get(reverse("intake:home"))
    _after(clock, minutes=16, seconds=59)
    assert staff.get(reverse("intake:home")).status_code == 200


def test_a_request_without_a_new_stamp_does_not_write_the_session(staff, clock):
    _after(clock, minutes=1)
    staff.get(reverse("intake:home"))  # stamped
    _after(clock, minutes=1, seconds=30)
    # The session is read, never written: no UPDATE of django_session.
    with CaptureQueriesContext(connection) as captured:
        assert staff.get(reverse("intake:home")).status_code == 200
    assert not [query for query in captured if "django_session" in query["sql"] and not query["sql"].startswith("SELECT")]


def test_the_reason_stays_on_the_log_in_page_until_the_next_log_in(staff, clock, advisor):
    _after(clock, minutes=16)
    staff.get(reverse("intake:waiting"), HTTP_HX_REQUEST="true")  # the poll ends it first
    assert IDLE_MESSAGE in staff.get(reverse("login")).content.decode()
    assert IDLE_MESSAGE in staff.get(reverse("login") + "?next=/").content.decode()  # the script's reload
    staff.post(reverse("login"), {"username": advisor.username, "password": "correct horse battery staple"})
    staff.post(reverse("logout"))
    assert IDLE_MESSAGE not in staff.get(reverse("login")).content.decode()


def test_a_request_in_flight_with_the_old_session_does_not_wipe_the_reason(staff, clock):
    old_cookie = staff.cookies[settings.SESSION_COOKIE_NAME].value
    _after(clock, minutes=16)
    staff.get(reverse("intake:waiting"), HTTP_HX_REQUEST="true")  # ends the session
    late = Client()
    late.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    late_response = late.get(reverse("session-extend"))  # the script's question, sent before
    assert ENDED_COOKIE not in late_response.cookies
    staff.cookies[settings.SESSION_COOKIE_NAME] = late_response.cookies[settings.SESSION_COOKIE_NAME]  # deleted
    assert IDLE_MESSAGE in staff.get(reverse("login")).content.decode()


def test_a_forged_reason_cookie_shows_nothing(db):
    client = Client()
    for value in ("idle-x", "other-5", "idle-0", "<script>-1", "idle-99999999"):
        client.cookies[ENDED_COOKIE] = value
        page = client.get(reverse("login")).content.decode()
        assert "abgemeldet" not in page, value
