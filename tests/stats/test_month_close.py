"""Closing a month freezes its figures; later changes are recorded beside them as corrections."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from intake.models import Visit, VisitStatus
from stats.models import ClosedMonth, MonthlyFigure
from stats.selectors import month_counts, months_counts
from stats.services import MonthNotClosable, corrections_record, month_close
from tests import factories
from tests.stats.conftest import MARCH, at, local

UTC = ZoneInfo("UTC")
APRIL = date(2026, 4, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def close_march(**kwargs):
    with at(local(2026, 4, 2, 9)):
        return month_close(month=MARCH, **kwargs)


def late_contact(**fields):
    """A contact recorded afterwards for a day in March (e.g. a paper list typed in later)."""
    return factories.VisitFactory(arrived_at=local(2026, 3, 20), **fields)


def test_closing_stores_every_live_count(stats_data, teamlead):
    closed = close_march(actor=teamlead)

    assert closed.month == MARCH
    assert closed.closed_by == teamlead
    frozen = {(figure.metric, figure.subgroup): figure.value for figure in MonthlyFigure.objects.filter(month=MARCH)}
    assert frozen[("contacts", "")] == 7
    assert frozen[("advised", "sgb2")] == 2
    assert frozen[("applications", "all")] == 5
    assert frozen[("funnel", "granted")] == 1
    assert frozen[("receipts.forwarding", "late")] == 1
    assert frozen[("kiosk.use", "form_printed")] == 5


def test_a_closed_month_keeps_its_published_value_when_the_case_data_changes(stats_data):
    close_march()
    late_contact(channel="walk_in")

    counts = month_counts(MARCH)

    assert counts.closed is not None
    assert counts.get("contacts") == 7
    assert counts.get("contacts.channel", "walk_in") == 4
    assert counts.correction("contacts") is None  # not checked yet


def test_corrections_are_recorded_beside_the_published_value(stats_data):
    close_march()
    late_contact(channel="walk_in")

    with at(local(2026, 4, 10)):
        differing = corrections_record(month=MARCH)

    # contacts, contacts.channel walk_in, contacts.service none, contacts.language de,
    # contacts.interpreter none, and the new person in people, migration, district, age band.
    assert differing == 9
    figure = MonthlyFigure.objects.get(month=MARCH, metric="contacts", subgroup="")
    assert figure.value == 7
    assert figure.corrected_value == 8
    assert figure.corrected_at == local(2026, 4, 10)
    counts = month_counts(MARCH)
    assert counts.get("contacts") == 7
    assert counts.correction("contacts") == 8
    assert ClosedMonth.objects.get(month=MARCH).corrections_checked_at == local(2026, 4, 10)


def test_a_correction_back_to_the_published_value_is_cleared(stats_data):
    close_march()
    contact = late_contact()
    corrections_record(month=MARCH)
    assert month_counts(MARCH).correction("contacts") == 8

    Visit.objects.filter(pk=contact.pk).delete()
    differing = corrections_record(month=MARCH)

    assert differing == 0
    assert month_counts(MARCH).corrections == {}
    assert not MonthlyFigure.objects.filter(month=MARCH, corrected_value__isnull=False).exists()
    assert MonthlyFigure.objects.get(month=MARCH, metric="contacts", subgroup="").value == 7


def test_a_subgroup_new_since_closing_is_a_correction_of_zero(stats_data):
    close_march()
    late_contact(channel="chat")

    corrections_record(month=MARCH)

    figure = MonthlyFigure.objects.get(month=MARCH, metric="contacts.channel", subgroup="chat")
    assert (figure.value, figure.corrected_value) == (0, 1)
    assert month_counts(MARCH).get("contacts.channel", "chat") == 0


def test_a_later_outcome_of_a_referral_is_a_correction_of_the_funnel(stats_data):
    from referrals import lifecycle
    from referrals.models import Referral
    from referrals.services import referral_move

    close_march()
    missed = Referral.objects.get(visitor=stats_data.visitors["cem"])
    with at(local(2026, 4, 15)):
        referral_move(referral=missed, to=lifecycle.APPLIED, actor=stats_data.actor)

    corrections_record(month=MARCH)

    counts = month_counts(MARCH)
    assert counts.get("funnel", "applied") == 2
    assert counts.correction("funnel", "applied") == 3
    # The application itself was filed in April: March's applications stay as they were.
    assert counts.correction("applications", "sgb2") is None


def test_posts_are_frozen_with_the_month(stats_data, settings):
    settings.INFOPOINT_ADVISOR_POSTS = 8
    close_march()
    settings.INFOPOINT_ADVISOR_POSTS = 12

    differing = corrections_record(month=MARCH)

    assert differing == 0
    counts = month_counts(MARCH)
    assert counts.get("posts") == 8
    assert counts.correction("posts") is None
    assert month_counts(APRIL).get("posts") == 12


def test_open_months_are_counted_live_beside_closed_ones(stats_data):
    close_march()
    late_contact()
    factories.VisitFactory(arrived_at=local(2026, 2, 10))

    counts = months_counts([date(2026, 2, 1), MARCH])

    assert counts[date(2026, 2, 1)].closed is None
    assert counts[date(2026, 2, 1)].get("contacts") == 2  # Gina at 23:30 on 28 February and this one
    assert counts[MARCH].get("contacts") == 7


def test_the_running_month_cannot_be_closed(db, english):
    # 23:30 on 31 March in Stuttgart (21:30 UTC): March is still running.
    with at(datetime(2026, 3, 31, 21, 30, tzinfo=UTC)), pytest.raises(MonthNotClosable) as refused:
        month_close(month=MARCH)

    assert (
        str(refused.value) == "March 2026 is not over yet; a month can be closed from the first day of the next month."
    )
    assert not ClosedMonth.objects.exists()
    assert not MonthlyFigure.objects.exists()


def test_a_month_can_be_closed_from_local_midnight(db):
    # 00:30 on 1 April in Stuttgart is still 31 March in UTC.
    with at(datetime(2026, 3, 31, 22, 30, tzinfo=UTC)):
        closed = month_close(month=MARCH)

    assert closed.month == MARCH


def test_a_future_month_cannot_be_closed(db, english):
    with at(local(2026, 4, 2)), pytest.raises(MonthNotClosable, match="June 2026 is not over yet"):
        month_close(month=date(2026, 6, 1))


def test_a_month_cannot_be_closed_twice(stats_data, english):
    close_march()
    late_contact()

    with at(local(2026, 4, 3)), pytest.raises(MonthNotClosable) as refused:
        month_close(month=MARCH)

    assert str(refused.value).startswith("March 2026 was already closed on ")
    assert str(refused.value).endswith("its figures stay as published.")
    assert MonthlyFigure.objects.get(month=MARCH, metric="contacts", subgroup="").value == 7


def test_close_command_closes_a_finished_month(stats_data):
    out = StringIO()
    with at(local(2026, 4, 2)):
        call_command("stats_close_month", "2026-03", stdout=out)

    assert "2026-03 closed: its figures are frozen." in out.getvalue()
    assert MonthlyFigure.objects.get(month=MARCH, metric="contacts", subgroup="").value == 7


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "There is no month 13; months run from 01 to 12."),
        ("abc", "Enter a month as year and month, for example 2026-10."),
        ("2026-3", "Enter a month as year and month, for example 2026-10."),
        ("1999-05", "Enter a year from 2020 on."),
    ],
)
def test_close_command_refuses_a_bad_month_with_a_clear_message(db, text, message):
    with pytest.raises(CommandError) as refused:
        call_command("stats_close_month", text)

    assert str(refused.value) == message
    assert not ClosedMonth.objects.exists()


def test_close_command_refuses_the_running_month_and_a_second_close(db):
    with at(local(2026, 4, 15)):
        with pytest.raises(CommandError, match="April 2026 is not over yet"):
            call_command("stats_close_month", "2026-04")
        call_command("stats_close_month", "2026-03", stdout=StringIO())
        with pytest.raises(CommandError, match="March 2026 was already closed on"):
            call_command("stats_close_month", "2026-03")

    assert ClosedMonth.objects.count() == 1


def test_check_corrections_command_reports_each_closed_month(stats_data):
    close_march()
    with at(local(2026, 4, 2)):
        month_close(month=date(2026, 2, 1))
    late_contact(status=VisitStatus.WAITING)
    out = StringIO()

    call_command("stats_check_corrections", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "2026-02: 0 figure(s) differ from what was published."
    assert lines[1].startswith("2026-03: ") and not lines[1].startswith("2026-03: 0 ")
    assert MonthlyFigure.objects.get(month=MARCH, metric="contacts", subgroup="").corrected_value == 8


def test_check_corrections_command_for_one_month(stats_data):
    close_march()
    out = StringIO()

    call_command("stats_check_corrections", "2026-03", stdout=out)

    assert out.getvalue() == "2026-03: 0 figure(s) differ from what was published.\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "There is no month 13"),
        ("abc", "Enter a month as year and month"),
        ("2026-05", "2026-05 is not closed."),
    ],
)
def test_check_corrections_command_refuses_a_bad_or_open_month(db, text, message):
    with pytest.raises(CommandError, match=message):
        call_command("stats_check_corrections", text)
