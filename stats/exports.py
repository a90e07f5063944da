"""Figures as CSV and XLSX files: only published (suppressed) cells, never a formula.

A spreadsheet program runs a cell that starts with = + - @ (or a tab or carriage return) as
a formula; labels such as office names come from staff input, so every text cell that starts
like that gets a leading apostrophe (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from stats.figures import Cell, Figure

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(text: str) -> str:
    text = str(text)
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def _has_corrections(figure: Figure) -> bool:
    rows = [*figure.rows, *([figure.total] if figure.total else [])]
    return any(cell.corrected is not None for row in rows for cell in row.cells)


def header(figure: Figure) -> list[str]:
    columns = [_("Group")]
    for column in figure.columns:
        columns.append(column)
        if _has_corrections(figure):
            columns.append(_("%(column)s, corrected later") % {"column": column})
    return [neutralise(column) for column in columns]


def _cell_values(figure: Figure, cell: Cell, *, for_csv: bool) -> list:
    def plain(value):
        if value is None:
            return cell.display if cell.value is None else ""
        if for_csv:
            return number_format(value, decimal_pos=1 if isinstance(value, Decimal) else None, use_l10n=True)
        return float(value) if isinstance(value, Decimal) else value

    values = [plain(cell.value)]
    if _has_corrections(figure):
        values.append("" if cell.corrected is None else plain(cell.corrected))
    return values


def table(figure: Figure, *, for_csv: bool) -> list[list]:
    rows = [header(figure)]
    for row in [*figure.rows, *([figure.total] if figure.total else [])]:
        line = [neutralise(row.label)]
        for cell in row.cells:
            line.extend(_cell_values(figure, cell, for_csv=for_csv))
        rows.append(line)
    return rows


def figure_csv(figure: Figure) -> bytes:
    """Semicolon-separated with a byte-order mark, as German spreadsheet programs expect."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(table(figure, for_csv=True))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(text: str, used: set[str]) -> str:
    # Excel allows 31 characters and no []:*?/\ in a sheet's name, and names must be unique.
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in text).strip()[:31] or "Figure"
    candidate, number = cleaned, 2
    while candidate.lower() in used:
        suffix = f" ({number})"
        candidate, number = cleaned[: 31 - len(suffix)] + suffix, number + 1
    used.add(candidate.lower())
    return candidate


def figures_xlsx(figures: list[Figure], *, heading: str) -> bytes:
    """One sheet per figure: its title, how it is counted, the table, and the closing note."""
    from openpyxl import Workbook  # noqa: PLC0415 - only exports need it
    from openpyxl.styles import Font  # noqa: PLC0415

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for figure in figures:
        sheet = workbook.create_sheet(_sheet_title(figure.title, used))
        sheet.append([neutralise(heading)])
        sheet.append([neutralise(figure.title)])
        sheet["A2"].font = Font(bold=True)
        sheet.append([neutralise(_("How this is counted: %(counting)s") % {"counting": figure.counting})])
        sheet.append([neutralise(_("Cells with 1 or 2 cases are shown as \"< 3\"."))])
        sheet.append([])
        first_table_row = sheet.max_row + 1
        for line in table(figure, for_csv=False):
            # openpyxl turns a str starting with "=" into a formula; neutralise() has made that impossible.
            sheet.append(line)
        for cell in sheet[first_table_row]:
            cell.font = Font(bold=True)
        if figure.note:
            sheet.append([])
            sheet.append([neutralise(figure.note)])
        sheet.column_dimensions["A"].width = 45
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
