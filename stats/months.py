"""Months: parsing one as people type it ("2026-10"), its bounds in local time, counts keyed by (metric, subgroup)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_YEAR = 2020

Counts = dict[tuple[str, str], int]
BERLIN = ZoneInfo("Europe/Berlin")
NOT_RECORDED = "none"


class MonthInvalid(ValueError):
    pass


def parse_month(text: str) -> date:
    """'2026-10' → date(2026, 10, 1); a clear message for anything else."""
    match = MONTH_PATTERN.match((text or "").strip())
    if not match:
        raise MonthInvalid(_("Enter a month as year and month, for example 2026-10."))
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise MonthInvalid(_("There is no month %(month)s; months run from 01 to 12.") % {"month": match.group(2)})
    if not FIRST_YEAR <= year <= 2100:
        raise MonthInvalid(_("Enter a year from %(first)s on.") % {"first": FIRST_YEAR})
    return date(year, month, 1)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The aware start (inclusive) and end (exclusive) of a local calendar month."""
    following = next_month(month)
    return (
        datetime(month.year, month.month, 1, tzinfo=BERLIN),
        datetime(following.year, following.month, 1, tzinfo=BERLIN),
    )


def keyed(metric: str, rows: Iterable[tuple[str | None, int]]) -> Counts:
    counts: Counts = {}
    for subgroup, value in rows:
        key = (metric, subgroup or NOT_RECORDED)
        counts[key] = counts.get(key, 0) + value
    return counts
