"""Gapless receipt numbers per calendar year (security.md I1, I2, K3; measurement in 6.1).

One counter row per (series, year) is locked with ``SELECT … FOR UPDATE`` in the same
transaction as the receipt insert. A transaction that fails after drawing its number rolls
the counter back with it, so the committed numbers have no gaps; ``UNIQUE(year, number)``
is the backstop. A sequence would leave gaps on every rollback.

The receipt time is taken *after* the lock: the next request cannot draw a number before this
one commits, so number order equals time order. The year is the local (Europe/Berlin) year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils import timezone

from openarea.models import ReceiptCounter
from openarea.models.receipts import RECEIPT_SERIES


@dataclass(frozen=True)
class DrawnNumber:
    year: int
    number: int
    received_at: datetime

    @property
    def display(self) -> str:
        return f"{self.year}-{self.number:06d}"


def _locked_counter(*, series: str, year: int) -> ReceiptCounter:
    counters = ReceiptCounter.objects.select_for_update()
    counter = counters.filter(series=series, year=year).first()
    if counter is None:
        # The first receipt of a year: several requests may try at once. ON CONFLICT DO
        # NOTHING lets all but one wait on the unique index instead of failing.
        ReceiptCounter.objects.bulk_create([ReceiptCounter(series=series, year=year)], ignore_conflicts=True)
        counter = counters.get(series=series, year=year)
    return counter


def draw_number(*, series: str = RECEIPT_SERIES) -> DrawnNumber:
    """The next number and the receipt time; must run inside the transaction that inserts the receipt."""
    if not connection.in_atomic_block:
        raise RuntimeError("draw_number() must run inside transaction.atomic() with the receipt insert")
    year = timezone.localdate().year
    while True:
        counter = _locked_counter(series=series, year=year)
        received_at = timezone.now()
        received_year = timezone.localtime(received_at).year
        if received_year == year:
            break
        # Local midnight of New Year passed while we waited for the lock: the receipt belongs
        # to the new year and takes its number from that year's counter.
        year = received_year
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return DrawnNumber(year=year, number=counter.last_number, received_at=received_at)
