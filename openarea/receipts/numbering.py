"""Gapless receipt numbers per calendar year (security.md I1, I2, K3; measurement in 6.1).

One counter row per (series, year) is locked and incremented by the database function
``openarea_receipt_draw_number()`` in the same transaction as the receipt insert. A transaction that fails after drawing its number rolls
the counter back with it, so the committed numbers have no gaps; ``UNIQUE(year, number)``
is the backstop. A sequence would leave gaps on every rollback.

The receipt time is taken *after* the lock: the next request cannot draw a number before this
one commits, so number order equals time order. The year is the local (Europe/Berlin) year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from openarea.models.receipts import RECEIPT_SERIES


@dataclass(frozen=True)
class DrawnNumber:
    year: int
    number: int
    received_at: datetime

    @property
    def display(self) -> str:
        return f"{self.year}-{self.number:06d}"


class _NewYearPassed(Exception):
    pass


def draw_number(*, series: str = RECEIPT_SERIES) -> DrawnNumber:
    """The next number and the receipt time; must run inside the transaction that inserts the receipt.

    Issue 21: the app role cannot write the counter. ``openarea_receipt_draw_number()`` (infopoint
    migration 0006, SECURITY DEFINER) locks the counter row of the year, increments it and
    returns year, number and the time of issue from the database's clock, taken after the lock.
    Only an owner session (test fixtures travelling in time) may choose the year; it then gets
    no time back and takes its own clock's."""
    if not connection.in_atomic_block:
        raise RuntimeError("draw_number() must run inside transaction.atomic() with the receipt insert")
    while True:
        year = timezone.localdate().year
        try:
            # A savepoint: if New Year passed while we waited, the drawn number goes back.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT year, number, received_at FROM openarea_receipt_draw_number(%s, %s)", [series, year]
                )
                year, number, received_at = cursor.fetchone()
                received_at = received_at or timezone.now()
                if timezone.localtime(received_at).year != year:
                    raise _NewYearPassed
        except _NewYearPassed:
            continue
        return DrawnNumber(year=year, number=number, received_at=received_at)
