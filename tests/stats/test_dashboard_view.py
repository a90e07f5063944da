"""The monthly dashboard as the team lead sees it: figures, month picker, closing, privacy."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from intake.models import Channel, MigrationBackground, VisitStatus
from stats.models import ClosedMonth, MonthlyFigure
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=UTC), tick=False):
        yield


def _advised(*, day, concern="sgb2", channel=Channel.WALK_IN, name="Canary Statistikperson", migration=MigrationBackground.YES):
    visitor = factories.VisitorFactory(name=name, migration_background=migration, district="mitte")
    return factories.VisitFactory(
        visitor=visitor, arrived_at=day, status=VisitStatus.DONE, concerns=[concern], channel=channel, service="advice"
    )


@pytest.fixture
def october():
    for day in range(1, 6):
        _advised(day=datetime(2026, 10, day, 9, tzinfo=UTC))
    for day in range(6, 10):
        _advised(day=datetime(2026, 10, day, 9, tzinfo=UTC), concern="sgb12", channel=Channel.PHONE, migration=MigrationBackground.NO)
    # 23:30 UTC on 31 October is 00:30 on 1 November in Stuttgart: a November contact.
    _advised(day=datetime(2026, 10, 31, 23, 30, tzinfo=UTC), channel=Channel.EMAIL)


def test_the_team_lead_sees_the_month_with_its_figures(teamlead_client, october):
    response = teamlead_client.get(reverse("stats:month", kwargs={"month": "2026-10"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Statistik für Oktober 2026" in page
    assert 'data-row="walk_in"' in page
    table = response.context["figures"]
    channels = next(figure for figure in table if figure.key == "contacts-by-channel")
    values = {row.key: row.cells[0].display for row in channels.rows}
    assert values["walk_in"] == "5"
    assert values["phone"] == "4"
    assert values["email"] == "0"  # the 23:30 UTC contact belongs to November
    assert channels.total.cells[0].display == "9"


def test_every_figure_says_how_it_is_counted(teamlead_client, october):
    response = teamlead_client.get(reverse("stats:month", kwargs={"month": "2026-10"}))
    page = response.content.decode()
    for figure in response.context["figures"]:
        assert figure.counting
        assert f'id="figure-{figure.key}"' in page
    assert page.count("So wird gezählt:") == len(response.context["figures"])


def test_no_name_or_visitor_code_reaches_the_page(teamlead_client, october):
    page = teamlead_client.get(reverse("stats:month", kwargs={"month": "2026-10"})).content.decode()
    assert "Canary" not in page
    from intake.models import Visitor

    for code in Visitor.objects.values_list("code", flat=True):
        assert code not in page


def test_small_counts_are_shown_as_less_than_three(teamlead_client, october):
    response = teamlead_client.get(reverse("stats:month", kwargs={"month": "2026-11"}))
    channels = next(figure for figure in response.context["figures"] if figure.key == "contacts-by-channel")
    email = next(row for row in channels.rows if row.key == "email")
    assert email.cells[0].display == "< 3"
    assert "&lt; 3" in response.content.decode()


def test_the_dashboard_opens_on_the_current_month(teamlead_client):
    response = teamlead_client.get(reverse("stats:dashboard"))
    assert response.status_code == 200
    assert "November 2026" in response.content.decode()
    assert "läuft noch" in response.content.decode()


def test_the_month_picker_goes_to_the_chosen_month(teamlead_client):
    response = teamlead_client.get(reverse("stats:dashboard"), {"month": "2026-03"})
    assert response.status_code == 302
    assert response["Location"] == reverse("stats:month", kwargs={"month": "2026-03"})


@pytest.mark.parametrize(
    ("typed", "message"),
    [("März", "zum Beispiel 2026-10"), ("2026-13", "Monat 13"), ("1999-05", "ab 2020")],
)
def test_a_bad_month_gets_a_message_at_the_picker(teamlead_client, typed, message):
    response = teamlead_client.get(reverse("stats:dashboard"), {"month": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="month-picker_error"' in page
    assert message in page
    assert 'aria-invalid="true"' in page


def test_a_future_month_shows_the_current_month_with_a_message(teamlead_client):
    response = teamlead_client.get(reverse("stats:month", kwargs={"month": "2027-02"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Februar 2027 hat noch nicht begonnen" in page
    assert response.context["month"].month == 11


def test_closing_a_finished_month_freezes_its_figures(teamlead_client, teamlead, october):
    response = teamlead_client.post(reverse("stats:month-close", kwargs={"month": "2026-10"}))
    assert response.status_code == 302
    closed = ClosedMonth.objects.get()
    assert closed.closed_by == teamlead
    assert MonthlyFigure.objects.get(month=closed.month, metric="contacts.channel", subgroup="walk_in").value == 5
    _advised(day=datetime(2026, 10, 20, 9, tzinfo=UTC))  # a contact recorded late
    page = teamlead_client.get(reverse("stats:month", kwargs={"month": "2026-10"}))
    channels = next(figure for figure in page.context["figures"] if figure.key == "contacts-by-channel")
    assert {row.key: row.cells[0].display for row in channels.rows}["walk_in"] == "5"
    assert "wurde am" in page.content.decode() and "abgeschlossen" in page.content.decode()


def test_later_corrections_are_shown_beside_the_published_value(teamlead_client, october):
    teamlead_client.post(reverse("stats:month-close", kwargs={"month": "2026-10"}))
    _advised(day=datetime(2026, 10, 20, 9, tzinfo=UTC))
    response = teamlead_client.post(reverse("stats:month-corrections", kwargs={"month": "2026-10"}), follow=True)
    page = response.content.decode()
    assert "nachträglich" in page
    channels = next(figure for figure in response.context["figures"] if figure.key == "contacts-by-channel")
    walk_in = next(row for row in channels.rows if row.key == "walk_in")
    assert walk_in.cells[0].display == "5"
    assert walk_in.cells[0].corrected_display == "6"


def test_the_running_month_cannot_be_closed(teamlead_client):
    response = teamlead_client.post(reverse("stats:month-close", kwargs={"month": "2026-11"}), follow=True)
    assert "noch nicht vorbei" in response.content.decode()
    assert not ClosedMonth.objects.exists()


def test_a_month_cannot_be_closed_twice(teamlead_client, october):
    teamlead_client.post(reverse("stats:month-close", kwargs={"month": "2026-10"}))
    response = teamlead_client.post(reverse("stats:month-close", kwargs={"month": "2026-10"}), follow=True)
    assert "bereits am" in response.content.decode()
    assert ClosedMonth.objects.count() == 1


def test_the_close_button_appears_only_for_a_finished_open_month(teamlead_client, october):
    finished = teamlead_client.get(reverse("stats:month", kwargs={"month": "2026-10"})).content.decode()
    running = teamlead_client.get(reverse("stats:month", kwargs={"month": "2026-11"})).content.decode()
    assert "Oktober 2026 abschließen" in finished
    assert "abschließen</span>" not in running


def test_advisors_do_not_see_the_statistics(advisor_client):
    assert advisor_client.get(reverse("stats:dashboard")).status_code == 403


def test_earlier_open_months_are_reused_for_a_while_but_the_shown_month_is_always_fresh(teamlead_client, settings, october):
    settings.INFOPOINT_STATS_CACHE_SECONDS = 300
    url = reverse("stats:month", kwargs={"month": "2026-11"})
    teamlead_client.get(url)
    _advised(day=datetime(2026, 10, 20, 9, tzinfo=UTC))  # October changes
    _advised(day=datetime(2026, 11, 20, 9, tzinfo=UTC))  # so does the shown month
    response = teamlead_client.get(url)
    targets = next(figure for figure in response.context["figures"] if figure.key == "targets")
    sgb2 = next(row for row in targets.rows if row.key == "sgb2")
    assert sgb2.cells[0].display == "< 3"  # November: 1 + 1 people, counted afresh
    cumulative = next(figure for figure in response.context["figures"] if figure.key == "advised-cumulative")
    october_row = next(row for row in cumulative.rows if row.key == "2026-10")
    assert october_row.cells[0].display == "5"  # October as counted a moment ago
