"""Log-in: throttling after failures (security.md B4) and a new session id (B2)."""

import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from infopoint.models import LoginThrottle
from infopoint.signals import username_pseudonym
from tests import factories

PASSWORD = "correct horse battery staple"
WRONG_PASSWORD_MESSAGE = "Bitte Benutzername und Passwort eingeben. Beide Felder berücksichtigen die Groß-/Kleinschreibung."
START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def user(db):
    return factories.advisor(username="kim.muster")


def _log_in(client, username, password, address="10.1.2.3"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def _is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _comparable(response, username) -> str:
    """The page without what differs for reasons other than the account (CSRF token, echoed name)."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    return html.replace(username, "<typed name>")


def test_the_right_password_logs_in(user):
    client = Client()
    response = _log_in(client, "kim.muster", PASSWORD)
    assert response.status_code == 302
    assert _is_logged_in(client)


def test_an_unknown_user_gets_exactly_the_answer_of_a_wrong_password(user):
    wrong_password = _log_in(Client(), "kim.muster", "not the password")
    unknown_user = _log_in(Client(), "nobody.here", "not the password")
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert WRONG_PASSWORD_MESSAGE in wrong_password.content.decode()
    assert _comparable(wrong_password, "kim.muster") == _comparable(unknown_user, "nobody.here")


def test_after_five_failures_even_the_right_password_is_refused(user):
    client = Client()
    with time_machine.travel(START, tick=False):
        for _attempt in range(4):
            page = _log_in(client, "kim.muster", "wrong").content.decode()
            assert "Zu viele" not in page
        fifth = _log_in(client, "kim.muster", "wrong").content.decode()
        assert "Zu viele fehlgeschlagene Versuche: Bitte versuchen Sie es in 15 Minuten erneut." in fifth
        sixth = _log_in(client, "kim.muster", PASSWORD)
    page = sixth.content.decode()
    assert sixth.status_code == 200
    assert WRONG_PASSWORD_MESSAGE in page
    assert "in 15 Minuten erneut" in page
    assert not _is_logged_in(client)


def test_the_lock_ends_with_the_window_and_tells_the_minutes_left(user):
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        for _attempt in range(5):
            clock.shift(timedelta(minutes=1))
            _log_in(client, "kim.muster", "wrong")
        # Window started at 09:01; locked until 09:16. Now it is 09:05.
        clock.move_to(START + timedelta(minutes=12, seconds=30))
        assert "in 4 Minuten erneut" in _log_in(client, "kim.muster", PASSWORD).content.decode()
        clock.move_to(START + timedelta(minutes=15, seconds=30))
        assert "in 1 Minute erneut" in _log_in(client, "kim.muster", PASSWORD).content.decode()
        clock.move_to(START + timedelta(minutes=16))
        assert _log_in(client, "kim.muster", PASSWORD).status_code == 302
        # Checked at the travelled time: later that day the session is past its absolute limit.
        assert _is_logged_in(client)


def test_failures_spread_over_more_than_the_window_do_not_lock(user):
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        for _attempt in range(4):
            _log_in(client, "kim.muster", "wrong")
        clock.shift(timedelta(minutes=15))
        for _attempt in range(4):
            _log_in(client, "kim.muster", "wrong")
        assert _log_in(client, "kim.muster", PASSWORD).status_code == 302


def test_a_successful_log_in_clears_the_users_counter(user):
    with time_machine.travel(START, tick=False):
        for _attempt in range(4):
            _log_in(Client(), "kim.muster", "wrong")
        assert _log_in(Client(), "kim.muster", PASSWORD).status_code == 302
        for _attempt in range(4):
            _log_in(Client(), "kim.muster", "wrong")
        assert _log_in(Client(), "kim.muster", PASSWORD).status_code == 302


def test_an_unknown_username_is_locked_like_a_real_one(db):
    client = Client()
    for _attempt in range(5):
        _log_in(client, "nobody.here", "wrong")
    page = _log_in(client, "nobody.here", "wrong").content.decode()
    assert WRONG_PASSWORD_MESSAGE in page
    assert "Zu viele fehlgeschlagene Versuche" in page


def test_a_locked_user_can_still_log_in_elsewhere_only_after_the_lock(user):
    # The username is locked, whatever address the next attempt comes from.
    for _attempt in range(5):
        _log_in(Client(), "kim.muster", "wrong", address="10.0.0.1")
    assert _log_in(Client(), "kim.muster", PASSWORD, address="10.0.0.2").status_code == 200


def test_one_address_trying_many_names_is_locked_after_twenty_failures(user, settings):
    client = Client()
    for number in range(settings.INFOPOINT_LOGIN_MAX_FAILURES_PER_ADDRESS):
        _log_in(client, f"guess{number}", "wrong", address="10.9.9.9")
    refused = _log_in(client, "kim.muster", PASSWORD, address="10.9.9.9")
    assert "Zu viele fehlgeschlagene Versuche" in refused.content.decode()
    assert _log_in(Client(), "kim.muster", PASSWORD, address="10.9.9.8").status_code == 302


def test_the_limits_come_from_the_settings(user, settings):
    settings.INFOPOINT_LOGIN_MAX_FAILURES = 2
    settings.INFOPOINT_LOGIN_LOCK_MINUTES = 30
    client = Client()
    _log_in(client, "kim.muster", "wrong")
    page = _log_in(client, "kim.muster", "wrong").content.decode()
    assert "in 30 Minuten erneut" in page


def test_counts_are_kept_under_a_pseudonym_never_the_name_or_address(user):
    for _attempt in range(2):
        _log_in(Client(), "kim.muster", "wrong", address="10.7.7.7")
    keys = set(LoginThrottle.objects.values_list("kind", "key"))
    assert keys == {("username", username_pseudonym("kim.muster")), ("address", username_pseudonym("address:10.7.7.7"))}
    stored = " ".join(f"{kind} {key}" for kind, key in keys)
    assert "kim" not in stored and "10.7.7.7" not in stored
    assert LoginThrottle.objects.get(kind="username").failures == 2


def test_behind_the_proxy_the_address_it_appended_counts(user, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client()
    client.post(
        reverse("login"), {"username": "x", "password": "y"}, REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.20.30.40"
    )
    assert LoginThrottle.objects.filter(kind="address", key=username_pseudonym("address:10.20.30.40")).exists()


def test_the_lock_is_logged_without_the_username(user, caplog):
    caplog.set_level(logging.INFO, logger="infopoint.security")
    client = Client()
    for _attempt in range(5):
        _log_in(client, "kim.muster", "wrong")
    _log_in(client, "kim.muster", PASSWORD)
    events = [record.event for record in caplog.records if record.name == "infopoint.security"]
    assert events.count("login_failed") == 5
    assert events.count("login_locked") == 1
    assert "login_refused_while_locked" in events
    locked = next(record for record in caplog.records if getattr(record, "event", "") == "login_locked")
    assert locked.key == username_pseudonym("kim.muster")
    assert all("kim.muster" not in str(vars(record)) for record in caplog.records)


def test_a_missing_password_is_a_field_error_and_no_failure(user):
    response = Client().post(reverse("login"), {"username": "kim.muster", "password": ""})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not LoginThrottle.objects.exists()


def test_the_session_id_changes_at_log_in(user):
    client = Client()
    client.get(reverse("login"))
    session = client.session
    session["before_login"] = True
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    old_key = session.session_key

    assert _log_in(client, "kim.muster", PASSWORD).status_code == 302

    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_old_session_id_is_useless_after_log_out(user):
    client = Client()
    _log_in(client, "kim.muster", PASSWORD)
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = stolen
    response = replay.get(reverse("intake:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
