"""Security events in the ``infopoint.security`` log, without personal data (security.md G5, G3)."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from infopoint.lib.logging import JsonFormatter
from tests import factories


@pytest.fixture
def security_events(caplog):
    caplog.set_level(logging.INFO, logger="infopoint.security")

    def events():
        return [record for record in caplog.records if record.name == "infopoint.security"]

    return events


def _lines(records) -> str:
    formatter = JsonFormatter()
    return "\n".join(formatter.format(record) for record in records)


def test_a_refused_page_is_logged_with_view_and_role_only(advisor_client, advisor, security_events):
    assert advisor_client.get(reverse("stats:dashboard")).status_code == 403
    [denied] = [r for r in security_events() if r.event == "permission_denied"]
    assert (denied.view, denied.role) == ("stats:dashboard", "advisor")
    entry = json.loads(_lines([denied]))
    assert entry["level"] == "WARNING"
    assert advisor.username not in json.dumps(entry)


def test_a_refused_post_is_logged_too(teamlead_client, security_events):
    visitor = factories.VisitorFactory(name="Canary Nachname")
    response = teamlead_client.post(reverse("intake:visitor-erase", kwargs={"code": visitor.code}))
    assert response.status_code == 403
    [denied] = [r for r in security_events() if r.event == "permission_denied"]
    assert denied.view == "intake:visitor-erase"
    assert "Canary" not in _lines(security_events())


def test_an_anonymous_request_is_sent_to_the_log_in_without_a_denial_entry(anonymous_client, security_events):
    assert anonymous_client.get(reverse("stats:dashboard")).status_code == 302
    assert not [r for r in security_events() if r.event == "permission_denied"]


def test_the_kiosk_reset_is_logged_with_the_device_only(kiosk_client, kiosk_device, security_events):
    kiosk_client.post(reverse("kiosk:set-language"), {"language": "tr", "next": "/kiosk/"})
    response = kiosk_client.post(reverse("kiosk:reset"))
    assert response.status_code == 302
    [reset] = [r for r in security_events() if r.event == "kiosk_reset"]
    assert reset.device_id == kiosk_device.pk
    assert set(json.loads(_lines([reset]))) == {"time", "level", "logger", "message", "event", "device_id"}


def test_staff_looking_at_the_kiosk_reset_is_no_kiosk_reset(advisor_client, security_events):
    advisor_client.post(reverse("kiosk:reset"))
    assert not [r for r in security_events() if r.event == "kiosk_reset"]
    assert advisor_client.get(reverse("intake:home")).status_code == 200  # still logged in


def test_log_in_failure_and_success_and_log_out_are_logged_under_a_pseudonym(db, security_events):
    user = factories.advisor(username="erika.beispiel")
    client = Client()
    client.post(reverse("login"), {"username": "erika.beispiel", "password": "wrong"})
    client.post(reverse("login"), {"username": "erika.beispiel", "password": "correct horse battery staple"})
    client.post(reverse("logout"))
    events = [r.event for r in security_events()]
    assert events == ["login_failed", "login", "logout"]
    lines = _lines(security_events())
    assert "erika" not in lines
    assert f'"user_id": {user.pk}' in lines


def test_every_event_is_one_json_line_even_with_line_breaks_in_the_username(db, security_events):
    Client().post(reverse("login"), {"username": "x\r\n{\"event\": \"login\"}", "password": "wrong"})
    lines = _lines(security_events()).splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["event"] == "login_failed"
