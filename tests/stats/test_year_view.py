"""The year view: the months side by side, the year to date against the targets, last year beside it."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from intake.models import VisitStatus
from stats.services import month_close
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=UTC), tick=False):
        yield


def _contacts(month: int, count: int, *, year=2026, concern="sgb2"):
    for day in range(1, count + 1):
        factories.VisitFactory(arrived_at=datetime(year, month, day, 9, tzinfo=UTC), status=VisitStatus.DONE, concerns=[concern])


def test_the_year_shows_every_month_so_far(teamlead_client):
    _contacts(3, 4)
    _contacts(10, 6)
    _contacts(10, 5, year=2025)
    response = teamlead_client.get(reverse("stats:year", kwargs={"year": 2026}))
    assert response.status_code == 200
    months = next(figure for figure in response.context["figures"] if figure.key == "year-months")
    assert [row.key for row in months.rows] == [f"2026-{number:02d}" for number in range(1, 12)]
    by_month = {row.key: row.cells[0].display for row in months.rows}
    assert by_month["2026-03"] == "4"
    assert by_month["2026-10"] == "6"
    contacts = next(figure for figure in response.context["figures"] if figure.key == "year-contacts")
    october = next(row for row in contacts.rows if row.key == "2026-10")
    assert [cell.display for cell in october.cells] == ["6", "5"]


def test_a_person_advised_twice_counts_once_in_the_year(teamlead_client):
    visitor = factories.VisitorFactory()
    for month in (2, 5, 9):
        factories.VisitFactory(visitor=visitor, arrived_at=datetime(2026, month, 3, 9, tzinfo=UTC), status=VisitStatus.DONE, concerns=["sgb2"])
    _contacts(4, 3)
    response = teamlead_client.get(reverse("stats:year", kwargs={"year": 2026}))
    months = next(figure for figure in response.context["figures"] if figure.key == "year-months")
    assert months.total.cells[2].display == "4"  # advised on SGB II: 1 + 3 different people


def test_a_closed_month_is_shown_as_published(teamlead_client):
    _contacts(9, 5)
    month_close(month=datetime(2026, 9, 1).date())
    _contacts(9, 3)
    response = teamlead_client.get(reverse("stats:year", kwargs={"year": 2026}))
    months = next(figure for figure in response.context["figures"] if figure.key == "year-months")
    assert next(row for row in months.rows if row.key == "2026-09").cells[0].display == "5"
    assert response.context["closed_count"] == 1


def test_a_past_year_has_twelve_months(teamlead_client):
    response = teamlead_client.get(reverse("stats:year", kwargs={"year": 2025}))
    months = next(figure for figure in response.context["figures"] if figure.key == "year-months")
    assert len(months.rows) == 12


def test_a_year_without_figures_goes_back_to_the_current_year(teamlead_client):
    response = teamlead_client.get(reverse("stats:year", kwargs={"year": 2031}), follow=True)
    assert response.redirect_chain[-1][0] == reverse("stats:year", kwargs={"year": 2026})
    assert "2031" in response.content.decode()
