"""Reads of the statistics: a month's counts, frozen when it is closed and live while it is open."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import caches
from django.utils import timezone

from stats.counting import BERLIN, Counts, first_of_month, live_counts_of_months, next_month
from stats.models import ClosedMonth, MonthlyFigure


@dataclass
class MonthCounts:
    month: date
    counts: Counts
    closed: ClosedMonth | None = None
    # For a closed month: what the case data says today where it differs from the published value.
    corrections: Counts = field(default_factory=dict)

    def get(self, metric: str, subgroup: str = "") -> int:
        return self.counts.get((metric, subgroup), 0)

    def correction(self, metric: str, subgroup: str = "") -> int | None:
        return self.corrections.get((metric, subgroup))

    def group(self, metric: str) -> dict[str, int]:
        return {subgroup: value for (name, subgroup), value in self.counts.items() if name == metric}


def current_month() -> date:
    return first_of_month(timezone.now().astimezone(BERLIN).date())


def is_complete(month: date) -> bool:
    """A month can be closed once it is over in local time."""
    return next_month(month) <= current_month()


def stats_cache():
    """The cache every worker shares (settings.CACHES["stats"], a database table)."""
    return caches["stats"]


def _live(open_months: list[date], groups: Iterable[str] | None, cache_seconds: int) -> dict[date, Counts]:
    if not cache_seconds:
        return live_counts_of_months(open_months, groups)
    key = "stats-live:" + ",".join(f"{month:%Y-%m}" for month in open_months) + ":" + ",".join(groups or ("all",))
    cache = stats_cache()
    counts = cache.get(key)
    if counts is None:
        counts = live_counts_of_months(open_months, groups)
        cache.set(key, counts, cache_seconds)
    return counts


def closed_months(months: Iterable[date]) -> dict[date, ClosedMonth]:
    """Which of the months are closed, in one query."""
    return {entry.month: entry for entry in ClosedMonth.objects.filter(month__in=sorted(set(months)))}


def frozen_counts(closed: dict[date, ClosedMonth]) -> dict[date, MonthCounts]:
    """The published figures (and corrections) of closed months, in one query."""
    if not closed:
        return {}
    frozen: dict[date, Counts] = defaultdict(dict)
    corrections: dict[date, Counts] = defaultdict(dict)
    rows = MonthlyFigure.objects.filter(month__in=list(closed)).values_list(
        "month", "metric", "subgroup", "value", "corrected_value"
    )
    for month, metric, subgroup, value, corrected in rows:
        frozen[month][(metric, subgroup)] = value
        if corrected is not None:
            corrections[month][(metric, subgroup)] = corrected
    return {month: MonthCounts(month, frozen[month], entry, corrections[month]) for month, entry in closed.items()}


def open_counts(
    open_months: Iterable[date], groups: Iterable[str] | None = None, *, cache_seconds: int = 0
) -> dict[date, MonthCounts]:
    """Live counts of open months (reused for ``cache_seconds`` by every worker if not 0)."""
    open_months = sorted(set(open_months))
    if not open_months:
        return {}
    return {month: MonthCounts(month, counts) for month, counts in _live(open_months, groups, cache_seconds).items()}


def months_counts(
    months: Iterable[date], groups: Iterable[str] | None = None, *, cache_seconds: int = 0
) -> dict[date, MonthCounts]:
    """Counts for several months: closed ones read in one query, open ones counted live.

    ``groups`` limits the live counting to the named counters (stats.counting.COUNTERS); closed
    months always come with all their frozen figures. ``cache_seconds`` lets open months' live
    counts be reused for that long (the dashboard does so for months other than the one shown).
    """
    months = sorted(set(months))
    result = frozen_counts(closed_months(months))
    result |= open_counts([month for month in months if month not in result], groups, cache_seconds=cache_seconds)
    return dict(sorted(result.items()))


def month_counts(month: date, groups: Iterable[str] | None = None) -> MonthCounts:
    return months_counts([month], groups)[month]


def closed_month(month: date) -> ClosedMonth | None:
    return ClosedMonth.objects.filter(month=month).select_related("closed_by").first()
