from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from infopoint.lib.audited_bulk import audited_bulk
from infopoint.lib.holidays import easter_sunday, public_holidays
from infopoint.lib.opening_hours import opening_hours_table, opening_status, periods_on
from infopoint.models import ClosedDay, OpeningPeriod

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("opening_hours")]
BERLIN = ZoneInfo("Europe/Berlin")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def test_the_concept_hours_are_the_initial_data():
    table = {str(row["weekday"]): row["periods"] for row in opening_hours_table()}
    assert table["Dienstag"] == [(time(8, 30), time(12, 0)), (time(14, 0), time(16, 0))]
    assert table["Donnerstag"] == [(time(8, 30), time(12, 0)), (time(14, 0), time(18, 0))]
    assert "Samstag" not in table


def test_open_now_says_until_when():
    status = opening_status(at(2026, 11, 26, 15, 0))  # Thursday afternoon
    assert status.is_open
    assert status.closes_at == at(2026, 11, 26, 18, 0)


def test_in_the_lunch_break_it_opens_again_the_same_day():
    status = opening_status(at(2026, 11, 24, 12, 30))  # Tuesday
    assert not status.is_open
    assert status.next_opening == at(2026, 11, 24, 14, 0)


def test_on_friday_afternoon_it_opens_on_monday():
    status = opening_status(at(2026, 11, 27, 13, 0))  # closing time is exclusive
    assert not status.is_open
    assert status.next_opening == at(2026, 11, 30, 8, 30)


def test_public_holidays_in_baden_wuerttemberg_are_closed():
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2027) == date(2027, 3, 28)
    assert public_holidays(2026)[date(2026, 6, 4)] == "Fronleichnam"
    assert periods_on(date(2026, 1, 6)) == []  # Heilige Drei Könige, a Tuesday
    status = opening_status(at(2026, 12, 24, 18, 30))  # Thursday evening before Christmas
    assert status.next_opening == at(2026, 12, 28, 8, 30)


def test_a_closed_day_entered_by_staff_is_skipped_with_its_reason():
    ClosedDay.objects.create(day=date(2026, 11, 30), reason="Teamtag")
    status = opening_status(at(2026, 11, 30, 9, 0))
    assert not status.is_open
    assert status.closed_reason == "Teamtag"
    assert status.next_opening == at(2026, 12, 1, 8, 30)


def test_changed_hours_take_effect_at_once():
    with audited_bulk("test setup"):
        OpeningPeriod.objects.filter(weekday=4).update(closes=time(12, 0))
    assert not opening_status(at(2026, 11, 27, 12, 30)).is_open


def test_overlapping_periods_are_refused_at_the_field():
    period = OpeningPeriod(weekday=0, opens=time(12, 0), closes=time(14, 0))
    with pytest.raises(ValidationError) as error:
        period.full_clean()
    assert "opens" in error.value.message_dict


def test_a_period_that_closes_before_it_opens_is_refused():
    period = OpeningPeriod(weekday=5, opens=time(12, 0), closes=time(10, 0))
    with pytest.raises(ValidationError) as error:
        period.full_clean()
    assert "closes" in error.value.message_dict
