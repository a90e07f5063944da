"""Turning counts into published figures: labels, suppression, shares and corrections."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from stats.counting import NOT_RECORDED
from stats.figures import (
    SMALL_CELL_LIMIT,
    Cell,
    Figure,
    Row,
    Target,
    not_recorded_label,
    share,
    suppress_counts,
    total_needs_hiding,
)
from stats.selectors import MonthCounts


def published(value: int | None) -> int | None:
    """One count on its own (no row group): hidden when it is 1 or 2."""
    if value is None or 0 < value < SMALL_CELL_LIMIT:
        return None
    return value


def correction_of(counts: MonthCounts, metric: str, subgroup: str = "") -> int | None:
    corrected = counts.correction(metric, subgroup)
    return None if corrected is None else (published(corrected) if corrected else 0)


def labelled_subgroups(
    values: dict[str, int], choices: Iterable[tuple[str, object]], *, keep_empty: bool = True
) -> list[tuple[str, str]]:
    """(code, label) in the order of the choices, then codes the choices no longer know, then "not recorded"."""
    known = [(str(code), str(label)) for code, label in choices if code != ""]
    known_codes = {code for code, _label in known}
    rows = [(code, label) for code, label in known if keep_empty or values.get(code)]
    rows += [(code, code) for code in sorted(values) if code not in known_codes and code != NOT_RECORDED]
    if values.get(NOT_RECORDED):
        rows.append((NOT_RECORDED, not_recorded_label()))
    return rows


def distribution(
    counts: MonthCounts,
    *,
    key: str,
    title: str,
    counting: str,
    metric: str,
    choices: Iterable[tuple[str, object]] | None = None,
    column: str,
    total_label: str | None = None,
    chart: str = "bars",
    keep_empty: bool = True,
    by_size: bool = False,
    with_share: str | None = None,
) -> Figure:
    """One count per subgroup of a metric, suppressed as a group, with an optional total and share column."""
    values = counts.group(metric)
    subgroups = labelled_subgroups(
        values, choices if choices is not None else [(code, code) for code in sorted(values)], keep_empty=keep_empty
    )
    if by_size:
        subgroups.sort(key=lambda item: -values.get(item[0], 0))
    raw = [values.get(code, 0) for code, _label in subgroups]
    total = sum(raw)
    hide_total = total_needs_hiding(raw)
    shown = suppress_counts(raw, total_published=total_label is not None and not hide_total)
    total_value = None if hide_total else total
    rows = []
    for (code, label), value in zip(subgroups, shown, strict=True):
        cells = [Cell(value, corrected=correction_of(counts, metric, code))]
        if with_share:
            cells.append(Cell(share(value, total_value), "%"))
        rows.append(Row(code, label, tuple(cells)))
    columns = (column, with_share) if with_share else (column,)
    total_row = None
    if total_label is not None:
        total_cells = [Cell(total_value)]
        if with_share:
            total_cells.append(Cell(Decimal(100) if total_value else None, "%"))
        total_row = Row("total", total_label, tuple(total_cells))
    return Figure(key=key, title=title, counting=counting, columns=columns, rows=rows, total=total_row, chart=chart)


def suppressed_column(values: Sequence[int]) -> list[int | None]:
    """A column of counts that has no published total: each small count hidden on its own."""
    return [published(value) for value in values]


def target_line(label: str, values: Iterable[Decimal | int | None]) -> Target:
    return Target(label=label, values=tuple(values))
