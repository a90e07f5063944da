"""What the statistics publish: figures made of suppressed cells, ready for screen, chart and export.

A ``Figure`` is one table of the dashboard ("contacts by channel", "people advised on SGB II
against the target", …). Its cells are already suppressed (security.md H4): a count of 1 or 2
is never published, neither on screen nor in an export; it is shown as "< 3". Where a total is
published and only one cell of a row group would be hidden, the next smallest cell is hidden
as well, so that no hidden cell can be worked out from the total (secondary suppression).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

SMALL_CELL_LIMIT = 3


@dataclass(frozen=True)
class Cell:
    """One published number. ``value`` is None when it is suppressed (a count of 1 or 2)."""

    value: int | Decimal | None
    # A percentage or a ratio is shown with one decimal and a unit; a count as an integer.
    unit: str = ""  # "" for counts, "%" for shares, other units as text (e.g. "per post")
    corrected: int | Decimal | None = None  # a later correction of a closed month's figure

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def display(self) -> str:
        return format_value(self.value, self.unit)

    @property
    def corrected_display(self) -> str:
        return format_value(self.corrected, self.unit)


def format_value(value, unit: str = "") -> str:
    if value is None:
        return "< 3" if unit == "" else "–"
    return _formatted(value, unit, get_language())


# A dashboard formats some 5,000 numbers, most of them small and repeated; number_format looks
# up the language's separators each time. typed: 1 and Decimal("1.0") are written differently.
@functools.lru_cache(maxsize=8192, typed=True)
def _formatted(value, unit: str, language: str) -> str:
    if isinstance(value, Decimal):
        text = number_format(
            value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), decimal_pos=1, use_l10n=True, force_grouping=True
        )
    else:
        text = number_format(value, use_l10n=True, force_grouping=True)
    if unit == "%":
        return f"{text} %"
    return f"{text} {unit}".strip()


@dataclass(frozen=True)
class Row:
    key: str  # stable code (a choice value, an office name, "2026-10"): used by exports and tests
    label: str  # translated label
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Target:
    """A goal drawn into a chart: a value per column (e.g. the pro-rata target per month)."""

    label: str
    values: tuple[Decimal | int | None, ...]


@dataclass
class Figure:
    key: str  # slug, unique on a page, used in URLs of exports ("contacts-by-channel")
    title: str
    counting: str  # one or two sentences: how this figure is counted
    columns: tuple[str, ...]  # column headings of the data cells (the row label column comes first)
    rows: list[Row] = field(default_factory=list)
    total: Row | None = None
    # How to draw it: "bars" (horizontal bars of the first column), "columns" (one column per
    # row, e.g. months, with the optional target line), "lines" (each data column one line
    # over the rows, e.g. cumulative against target), "funnel", or "" for a table only.
    chart: str = "bars"
    target: Target | None = None
    # How many data columns the chart draws (0: all it can); a rate beside its counts charts only the rate.
    chart_columns: int = 0
    note: str = ""  # e.g. "Closed on 3 November 2026; later corrections are marked."
    export_links: list[tuple[str, str]] = field(default_factory=list)  # (label, url) under the table
    # Heading of the row-label column in the table ("Channel", "Month"); "Category" when empty.
    row_heading: str = ""

    @property
    def is_empty(self) -> bool:
        return all((cell.value in (None, 0)) for row in self.rows for cell in row.cells) and not any(
            cell.suppressed for row in self.rows for cell in row.cells
        )


def gives_hidden_cells_away(hidden: list[int]) -> bool:
    """Would a published total minus the published cells pin down the hidden cells?

    Zero is always published, so everybody knows a hidden cell is at least 1: one hidden cell
    alone is the difference itself, and hidden cells that add up to their own number are 1 each.
    """
    return bool(hidden) and (len(hidden) == 1 or sum(hidden) == len(hidden))


def suppress_counts(values: list[int], *, total_published: bool = True) -> list[int | None]:
    """Hide counts of 1 and 2; with a published total also hide the next smallest cell where the
    hidden ones could otherwise be worked out from the total (secondary suppression).

    Zero stays visible: "nobody" discloses nothing about a person.
    """
    published: list[int | None] = [None if 0 < value < SMALL_CELL_LIMIT else value for value in values]
    if total_published:
        while gives_hidden_cells_away([value for value, shown in zip(values, published, strict=True) if shown is None]):
            candidates = [(value, index) for index, value in enumerate(published) if value]
            if not candidates:
                break  # nothing left to hide: total_needs_hiding() hides the total instead
            _smallest, index = min(candidates)
            published[index] = None
    return published


def total_needs_hiding(values: list[int]) -> bool:
    """A total is hidden when it is small, or when even with secondary suppression it would give
    the hidden cells away (e.g. three cells of 1 each and nothing else)."""
    total = sum(values)
    if 0 < total < SMALL_CELL_LIMIT:
        return True
    shown = suppress_counts(values, total_published=True)
    return gives_hidden_cells_away([value for value, cell in zip(values, shown, strict=True) if cell is None])


def share(part: int | None, whole: int | None) -> Decimal | None:
    """A percentage, published only when both counts are published and the whole is not zero."""
    if part is None or whole is None or whole == 0:
        return None
    if 0 < part < SMALL_CELL_LIMIT or 0 < whole < SMALL_CELL_LIMIT:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def not_recorded_label() -> str:
    return _("not recorded")
