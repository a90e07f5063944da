"""When the Infopoint is open: the weekly hours and closed days are data (admin), read here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format

from infopoint.lib.audited_bulk import audited_bulk
from infopoint.lib.holidays import public_holidays
from infopoint.lib.stuttgart import WEEKDAY_NAMES

# How far ahead "opens on …" looks; longer closures are announced by staff, not computed.
_LOOKAHEAD_DAYS = 21

Periods = list[tuple[time, time]]


def seed_concept_hours(opening_period_model=None) -> int:
    """Fill an empty opening-hours table with the concept's hours; returns how many periods were added."""
    from infopoint.lib.stuttgart import CONCEPT_OPENING_HOURS  # noqa: PLC0415
    from infopoint.models import OpeningPeriod  # noqa: PLC0415

    model = opening_period_model or OpeningPeriod
    if model.objects.exists():
        return 0
    periods = [
        model(weekday=weekday, opens=opens, closes=closes)
        for weekday, day_periods in CONCEPT_OPENING_HOURS.items()
        for opens, closes in day_periods
    ]
    with audited_bulk("concept opening hours seeded"):
        model.objects.bulk_create(periods)
    return len(periods)


def weekly_periods() -> dict[int, Periods]:
    from infopoint.models import OpeningPeriod  # noqa: PLC0415 - lib modules load before the app registry

    week: dict[int, Periods] = {}
    for weekday, opens, closes in OpeningPeriod.objects.order_by("weekday", "opens").values_list("weekday", "opens", "closes"):
        week.setdefault(weekday, []).append((opens, closes))
    return week


def closed_days(start: date, end: date) -> dict[date, str]:
    """Public holidays in Baden-Württemberg and the closed days staff entered, with the reason."""
    from infopoint.models import ClosedDay  # noqa: PLC0415

    closed = {
        day: name
        for year in range(start.year, end.year + 1)
        for day, name in public_holidays(year).items()
        if start <= day <= end
    }
    closed.update(ClosedDay.objects.filter(day__gte=start, day__lte=end).values_list("day", "reason"))
    return closed


def periods_on(day: date, *, week: dict[int, Periods] | None = None, closed: dict[date, str] | None = None) -> Periods:
    """The opening periods of one calendar day (none on a closed day)."""
    week = weekly_periods() if week is None else week
    closed = closed_days(day, day) if closed is None else closed
    return [] if day in closed else week.get(day.weekday(), [])


def opening_hours_table(week: dict[int, Periods] | None = None) -> list[dict]:
    """Rows for templates: every weekday that has opening periods, Monday first."""
    week = weekly_periods() if week is None else week
    return [{"weekday": WEEKDAY_NAMES[day], "periods": week[day]} for day in range(7) if week.get(day)]


@dataclass(frozen=True)
class OpeningStatus:
    is_open: bool
    closes_at: datetime | None  # when open: the end of the current period
    next_opening: datetime | None  # when closed: the start of the next period (None: not within three weeks)
    closed_reason: str  # when today is a closed day: why

    @property
    def next_opening_day(self) -> str:
        """"Donnerstag, 26. November 2026" in the active language (for "we open again on …")."""
        if self.next_opening is None:
            return ""
        local = timezone.localtime(self.next_opening)
        return f"{date_format(local, 'l')}, {date_format(local, 'DATE_FORMAT')}"

    @property
    def opens_today(self) -> bool:
        return self.next_opening is not None and self.next_opening.date() == timezone.localdate()


def opening_status(now: datetime | None = None, week: dict[int, Periods] | None = None) -> OpeningStatus:
    """Open now (until when) or closed (and when it opens next), in Europe/Berlin."""
    now = timezone.localtime(now)
    today = now.date()
    week = weekly_periods() if week is None else week
    closed = closed_days(today, today + timedelta(days=_LOOKAHEAD_DAYS))
    tz = now.tzinfo
    for opens, closes in periods_on(today, week=week, closed=closed):
        if opens <= now.time() < closes:
            return OpeningStatus(True, datetime.combine(today, closes, tzinfo=tz), None, "")
    for offset in range(_LOOKAHEAD_DAYS + 1):
        day = today + timedelta(days=offset)
        for opens, _closes in periods_on(day, week=week, closed=closed):
            start = datetime.combine(day, opens, tzinfo=tz)
            if start > now:
                return OpeningStatus(False, None, start, closed.get(today, ""))
    return OpeningStatus(False, None, None, closed.get(today, ""))
