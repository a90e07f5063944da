"""The team lead's start page names legal values that run out (issue 20)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def home(user, when: datetime) -> str:
    """The start page on that day, logged in that day (a session does not outlive weeks)."""
    with time_machine.travel(when, tick=False):
        client = Client()
        client.force_login(user)
        response = client.get(reverse("intake:home"))
        assert response.status_code == 200
        return response.content.decode()


def test_the_team_lead_sees_a_family_ending_within_30_days_with_a_link(teamlead):
    html = home(teamlead, datetime(2026, 12, 7, 10, tzinfo=BERLIN))
    notice = html[html.index("law-notice") :].split("</div>\n</div>")[0]
    assert "Rechtswerte laufen aus" in notice
    assert '<bdi lang="de">Wohngeld</bdi>: bekannt bis 31.12.2026.' in notice
    assert f'href="{reverse("screening:law")}?show=ending"' in notice


def test_a_family_past_its_end_is_named_as_still_used(teamlead):
    html = home(teamlead, datetime(2027, 1, 15, 10, tzinfo=BERLIN))
    assert '<bdi lang="de">Wohngeld</bdi>: bekannt bis 31.12.2026; die letzten Werte werden weiter verwendet.' in html


def test_administration_sees_the_notice_too(administrator):
    assert "law-notice" in home(administrator, datetime(2026, 12, 7, 10, tzinfo=BERLIN))


def test_an_advisor_does_not_see_the_notice(advisor):
    assert "law-notice" not in home(advisor, datetime(2026, 12, 7, 10, tzinfo=BERLIN))


def test_no_notice_long_before_any_end(teamlead):
    assert "law-notice" not in home(teamlead, datetime(2026, 10, 1, 10, tzinfo=BERLIN))
