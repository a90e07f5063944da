"""What the dashboard costs does not grow with the data, and a closed month is drawn once for every worker.

Query counts, not timings (timings are measured in benchmarks/stats.py and `make bench`). A
closed month's rendered figures live in the shared "stats" cache (a database table, so in
tests it is rolled back with each test); closing or recording corrections gives a new key.
"""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intake.models import Channel, VisitStatus
from stats.services import month_close
from tests import factories

pytestmark = pytest.mark.django_db
MONTHS_2026 = [date(2026, number, 1) for number in range(1, 11)]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=UTC), tick=False):
        yield


def _contacts(month: date, count: int, *, channel=Channel.WALK_IN, concern="sgb2"):
    for index in range(count):
        visitor = factories.VisitorFactory(district="mitte")
        arrived = datetime(month.year, month.month, 1 + index % 27, 9, tzinfo=UTC)
        factories.VisitFactory(visitor=visitor, arrived_at=arrived, status=VisitStatus.DONE, concerns=[concern], channel=channel, service="advice")


def _close(*months: date):
    for month in months:
        month_close(month=month)


def _view(client, month: date):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("stats:month", kwargs={"month": f"{month:%Y-%m}"}))
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries]


def test_a_closed_month_costs_the_same_queries_with_little_and_with_much_data(teamlead_client):
    _contacts(date(2026, 9, 1), 3)
    _contacts(date(2026, 10, 1), 40)
    _contacts(date(2026, 10, 1), 25, channel=Channel.PHONE, concern="sgb12")
    _close(*MONTHS_2026, date(2025, 9, 1), date(2025, 10, 1))
    for month in (date(2026, 9, 1), date(2026, 10, 1)):
        _view(teamlead_client, month)  # drawn once
    _response, little = _view(teamlead_client, date(2026, 9, 1))
    response, much = _view(teamlead_client, date(2026, 10, 1))
    assert len(little) == len(much)
    assert not any("stats_monthlyfigure" in sql for sql in much)  # the drawing came from the cache
    assert 'data-row="walk_in"' in response.content.decode()


def test_the_open_month_costs_the_same_queries_with_little_and_with_much_data(teamlead_client):
    _close(*MONTHS_2026, date(2025, 11, 1))
    _contacts(date(2026, 11, 1), 3)
    teamlead_client.get(reverse("stats:dashboard"))  # the session's first view may do one-off work
    _response, little = _view(teamlead_client, date(2026, 11, 1))
    _contacts(date(2026, 11, 1), 60, channel=Channel.PHONE)
    response, much = _view(teamlead_client, date(2026, 11, 1))
    assert len(little) == len(much) <= 15
    channels = next(figure for figure in response.context["figures"] if figure.key == "contacts-by-channel")
    assert {row.key: row.cells[0].display for row in channels.rows}["phone"] == "60"  # counted live


def test_a_closed_month_is_drawn_once_and_then_read_from_the_shared_cache(teamlead_client):
    _contacts(date(2026, 10, 1), 5)
    _close(*MONTHS_2026, date(2025, 10, 1))
    first, _queries = _view(teamlead_client, date(2026, 10, 1))
    again, _queries = _view(teamlead_client, date(2026, 10, 1))
    assert first.context["figures"] is not None
    assert again.context["figures"] is None  # nothing was counted or drawn

    def figures_section(response):
        return response.content.decode().split('<ul class="stats-headlines"', 1)[1].rsplit("</section>", 1)[0]

    assert figures_section(again) == figures_section(first)


def test_corrections_recorded_later_show_on_the_next_view(teamlead_client):
    _contacts(date(2026, 10, 1), 5)
    _close(*MONTHS_2026, date(2025, 10, 1))
    before, _queries = _view(teamlead_client, date(2026, 10, 1))
    assert "stats-correction" not in before.content.decode()
    _contacts(date(2026, 10, 1), 2)  # two contacts typed in after the month was closed
    call_command("stats_check_corrections", "2026-10", stdout=StringIO())
    after, _queries = _view(teamlead_client, date(2026, 10, 1))
    page = after.content.decode()
    assert after.context["figures"] is not None  # drawn afresh
    assert 'class="stats-correction"' in page
    assert "7" in page.split('class="stats-correction"', 1)[1].split("</span></span>", 1)[0]


def test_a_closed_month_is_drawn_afresh_while_an_earlier_month_of_its_year_is_still_open(teamlead_client):
    _contacts(date(2026, 9, 1), 4)
    _contacts(date(2026, 10, 1), 5)
    _close(*[month for month in MONTHS_2026 if month != date(2026, 9, 1)], date(2025, 10, 1))
    _view(teamlead_client, date(2026, 10, 1))
    _contacts(date(2026, 9, 1), 3)  # September is open: its live count is part of October's year line
    response, _queries = _view(teamlead_client, date(2026, 10, 1))  # INFOPOINT_STATS_CACHE_SECONDS is 0 in tests
    cumulative = next(figure for figure in response.context["figures"] if figure.key == "advised-cumulative")
    assert next(row for row in cumulative.rows if row.key == "2026-09").cells[0].display == "7"
