"""The team lead's dashboard in a real browser: charts, the table toggle, the month picker, closing, axe."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from intake.models import VisitStatus
from stats.counting import first_of_month
from tests import factories
from tests.browser.conftest import log_in
from tests.browser.test_staff_pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _last_month_contacts():
    last_month = first_of_month(first_of_month(timezone.localdate()) - timedelta(days=1))
    for day in range(1, 8):
        arrived = datetime(last_month.year, last_month.month, day, 9, tzinfo=UTC)
        factories.VisitFactory(arrived_at=arrived, status=VisitStatus.DONE, concerns=["sgb2" if day % 2 else "sgb12"], channel="walk_in")
    factories.VisitFactory(arrived_at=datetime(last_month.year, last_month.month, 9, 9, tzinfo=UTC), channel="phone")
    # Three e-mails: beside the total, the one phone call hides the next smallest cell (e-mail) too.
    for day in (10, 11, 12):
        factories.VisitFactory(arrived_at=datetime(last_month.year, last_month.month, day, 9, tzinfo=UTC), channel="email")
    return last_month


def test_the_team_lead_reads_the_dashboard_opens_a_table_and_closes_the_month(watched, live_server):
    last_month = _last_month_contacts()
    page = log_in(watched, live_server, factories.teamlead())
    page.get_by_role("link", name="Statistik").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Statistik für")
    assert_accessible(page)

    page.fill("#month-picker", f"{last_month:%Y-%m}")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/stats/{last_month:%Y-%m}/")

    figure = page.locator("#figure-contacts-by-channel")
    chart = figure.locator("svg[role=img]")
    assert chart.is_visible()
    assert "< 3" in chart.locator("desc").text_content()  # the one phone contact
    table = figure.locator("table")
    assert not table.is_visible()
    figure.locator("summary").click()
    assert table.is_visible()
    assert "7" in table.locator("tr[data-row=walk_in]").inner_text()
    assert_accessible(page)

    page.locator("form[action$='/close/'] button").click()
    page.wait_for_load_state()
    assert "abgeschlossen" in page.locator(".stats-status").inner_text()
    assert_accessible(page)
    assert watched.csp_violations() == []


def test_the_year_view_is_accessible(watched, live_server):
    _last_month_contacts()
    page = log_in(watched, live_server, factories.teamlead())
    page.goto(f"{live_server.url}/stats/year/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Statistik für das Jahr")
    assert page.locator("#figure-year-months table").is_visible()  # a table-only figure shows its table
    assert_accessible(page)
