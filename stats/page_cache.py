"""The rendered figures of a closed month, shared by every worker (settings.CACHES["stats"]).

A closed month's figures are frozen; rendering its 21 figures with their charts is what the
page costs. The key names everything the section is drawn from: the language, the code that
draws it, and for every month the page reads (the shown one, the earlier months of its year,
the same month a year earlier) whether it is closed, when, and when its corrections were last
checked. Closing, re-closing or recording corrections therefore leads to a new key; the old
entry is never read again and expires. While one of the other months is still open, its live
counts are part of the section, so the entry lives only as long as those are reused
(INFOPOINT_STATS_CACHE_SECONDS).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import translation

from stats.models import ClosedMonth
from stats.selectors import stats_cache

# The code and translations that draw the section: a deployment that changes them never shows
# an older drawing.
_SOURCES = (
    *sorted((Path(settings.BASE_DIR) / "templates" / "stats").glob("*.html")),
    *sorted((Path(__file__).resolve().parent).glob("*.py")),
    *sorted((Path(settings.BASE_DIR) / "locale").glob("*/LC_MESSAGES/django.mo")),
)
CODE_VERSION = hashlib.sha256(b"".join(path.read_bytes() for path in _SOURCES)).hexdigest()[:16]
CLOSED_SECONDS = 24 * 3600


def _stamp(value) -> str:
    return value.isoformat() if value else "-"


def section_key(month: date, months: list[date], closed: dict[date, ClosedMonth]) -> str:
    states = []
    for each in sorted(set(months)):
        entry = closed.get(each)
        state = f"{entry.pk}@{_stamp(entry.closed_at)}/{_stamp(entry.corrections_checked_at)}" if entry else "open"
        states.append(f"{each:%Y-%m}={state}")
    fingerprint = hashlib.sha256(";".join(states).encode()).hexdigest()[:24]
    return f"stats-month:{month:%Y-%m}:{translation.get_language()}:{CODE_VERSION}:{fingerprint}"


def section_seconds(months: list[date], closed: dict[date, ClosedMonth]) -> int:
    """How long the section may be reused: long when every month read is frozen, else as live counts are."""
    if all(each in closed for each in months):
        return CLOSED_SECONDS
    return settings.INFOPOINT_STATS_CACHE_SECONDS


def cached_section(key: str) -> dict | None:
    return stats_cache().get(key)


def store_section(key: str, section: dict, seconds: int) -> None:
    if seconds:
        stats_cache().set(key, section, seconds)
