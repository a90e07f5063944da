"""When things can happen in the demo history: opening days and moments within opening hours."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from infopoint.lib.opening_hours import closed_days, weekly_periods

BERLIN = ZoneInfo("Europe/Berlin")

# People come less often in the summer holidays and around Christmas.
SEASON = {7: 0.9, 8: 0.65, 12: 0.75, 1: 1.05}


@dataclass(frozen=True)
class OpeningDay:
    day: date
    periods: tuple[tuple[time, time], ...]

    @property
    def minutes(self) -> int:
        return sum(_minutes(closes) - _minutes(opens) for opens, closes in self.periods)

    @property
    def demand(self) -> float:
        """How busy the day is, relative to its opening minutes."""
        factor = 0.4 if self.day.month == 12 and self.day.day >= 22 else 1.0
        return self.minutes * factor


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def opening_days(start: date, end: date) -> list[OpeningDay]:
    """Every day from start to end (inclusive) on which the Infopoint is open, with its periods."""
    week = weekly_periods()
    closed = closed_days(start, end)
    days, day = [], start
    while day <= end:
        periods = week.get(day.weekday(), [])
        if periods and day not in closed:
            days.append(OpeningDay(day, tuple(periods)))
        day += timedelta(days=1)
    return days


def local(day: date, minute_of_day: int) -> datetime:
    """A Europe/Berlin wall-clock time, as the aware UTC moment it is stored as."""
    return datetime.combine(day, time(minute_of_day // 60, minute_of_day % 60), tzinfo=BERLIN).astimezone(UTC)


def moment_on(rng: random.Random, opening: OpeningDay, *, before_close: int = 15) -> datetime:
    """A random moment within the day's opening hours, at least ``before_close`` minutes before closing."""
    opens, closes = rng.choices(opening.periods, weights=[_minutes(c) - _minutes(o) for o, c in opening.periods])[0]
    first, last = _minutes(opens), max(_minutes(opens), _minutes(closes) - before_close)
    return local(opening.day, rng.randint(first, last))


def local_minute(moment: datetime) -> int:
    wall = moment.astimezone(BERLIN)
    return wall.hour * 60 + wall.minute


def first_of_month(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def month_starts(start: date, today: date) -> list[date]:
    """The first days of every month from start's month to today's month."""
    months, month = [], start.replace(day=1)
    while month <= today:
        months.append(month)
        month = first_of_month(month, -1)
    return months


def start_of_day(day: date) -> datetime:
    return local(day, 0)
