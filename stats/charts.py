"""Server-rendered, accessible SVG charts of a published ``Figure`` (issue 9).

``render_chart(figure)`` returns an inline ``<svg role="img">`` with a title and a description
that lists every value, so a screen reader gets the numbers and the table is one click away.
No JavaScript, nothing loaded from elsewhere, no ``style`` attributes (strict CSP): colours,
dashes and font sizes are SVG presentation attributes, which WeasyPrint draws as well.

Suppressed cells (``cell.value is None``) never get a bar, column or point; they are written
as "< 3" where the bar would be.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from stats import svg
from stats.chart_over_time import draw_columns, draw_lines
from stats.chart_parts import (
    figure_series,
    item,
    label_lines,
    label_room,
    row_group,
    scale_for,
    series_unit,
    target_values,
    value_axis_vertical,
)
from stats.figures import Figure, Row, format_value, share
from stats.svg import FONT_SIZE, PAD, SMALL_FONT_SIZE, WIDTH, element, fmt, number_text, text_width, wrap

CHART_KINDS = ("bars", "columns", "lines", "funnel")


def chart_id(figure: Figure) -> str:
    return f"chart-{slugify(figure.key)}"


def render_chart(figure: Figure) -> SafeString:
    """The figure drawn as ``figure.chart`` says; empty for a table-only figure or one without rows."""
    if not figure.chart or not figure.rows:
        return mark_safe("")  # noqa: S308 - a constant
    drawers = {"bars": _draw_bars, "columns": draw_columns, "lines": draw_lines, "funnel": _draw_funnel}
    if figure.chart not in drawers:
        raise ValueError(f"Unknown chart kind {figure.chart!r}; use one of {CHART_KINDS} or ''.")
    base = chart_id(figure)
    root = ET.Element(
        "svg",
        {
            "xmlns": svg.SVG_NS,
            "class": f"stats-chart stats-chart--{figure.chart}",
            "role": "img",
            "aria-labelledby": f"{base}-title {base}-desc",
            "width": "100%",
            "direction": "ltr",  # the layout is left to right; Arabic labels set their own direction
            "font-size": str(FONT_SIZE),
        },
    )
    element(root, "title", id=f"{base}-title").text = figure.title
    element(root, "desc", id=f"{base}-desc").text = describe(figure)
    height = drawers[figure.chart](root, figure)
    root.set("viewBox", f"0 0 {WIDTH} {fmt(height)}")
    # ElementTree escapes every text and attribute, so the labels cannot inject markup.
    return mark_safe(ET.tostring(root, encoding="unicode"))  # noqa: S308


def describe(figure: Figure) -> str:
    """A sentence per series listing every value, e.g. "Walk-in: 120; phone: 31; e-mail: < 3."."""
    series = figure_series(figure)
    if not series:
        return _("No figures.")
    if figure.chart == "funnel":
        parts = ["; ".join(item(row.label, _funnel_text(row, figure.rows[0], long=True)) for row in figure.rows) + "."]
    elif figure.chart == "lines" or len(series) > 1 and figure.chart == "columns":
        parts = [
            # Translators: one line or column series in a chart description: "2026 – January: 12; February: 14."
            _("%(series)s – %(values)s.")
            % {
                "series": heading,
                "values": "; ".join(item(r.label, c.display) for r, c in zip(figure.rows, cells, strict=True)),
            }
            for heading, cells in series
        ]
    else:
        parts = [
            "; ".join(item(row.label, cell.display) for row, cell in zip(figure.rows, series[0][1], strict=True)) + "."
        ]
    if figure.target and figure.chart in ("columns", "lines"):
        values = target_values(figure, series_unit(series))
        if values:
            # Translators: the goal drawn into a chart, e.g. "Target (pro rata): January: 40; February: 80."
            parts.append(_("%(target)s: %(values)s.") % {"target": figure.target.label, "values": values})
    if any(cell.suppressed for _heading, cells in series for cell in cells):
        parts.append(_("“< 3” stands for one or two cases; such small numbers are not published."))
    return " ".join(parts)


# --- bars --------------------------------------------------------------------------------------


def _draw_bars(root: ET.Element, figure: Figure) -> float:
    cells = [row.cells[0] for row in figure.rows]
    unit = series_unit([("", cells)])
    scale = scale_for([cell.value for cell in cells], unit)
    label_width = label_room(figure.rows)
    labels = [wrap(row.label, label_width) for row in figure.rows]
    row_height = 44 if any(len(lines) > 1 for lines in labels) else 32
    value_room = max(text_width(cell.display) for cell in cells) + 12
    x0 = PAD + label_width + 10
    x1 = WIDTH - PAD - max(value_room, text_width(svg.tick_label(scale.maximum, unit), SMALL_FONT_SIZE) / 2)
    top, bottom = PAD, PAD + row_height * len(figure.rows)
    value_axis_vertical(root, scale, unit, x0, x1, top, bottom)
    for index, (row, cell, lines) in enumerate(zip(figure.rows, cells, labels, strict=True)):
        group = row_group(root, item(row.label, cell.display))
        centre = top + index * row_height + row_height / 2
        label_lines(group, lines, x0 - 10, centre)
        end = x0
        if cell.value is not None:
            end = x0 + scale.fraction(cell.value) * (x1 - x0)
            element(
                group,
                "rect",
                class_="stats-chart__bar",
                x=x0,
                y=centre - 10,
                width=end - x0,
                height=20,
                fill=svg.DARKBLUE_700,
            )
        # A white ground keeps gridlines from running through the number.
        element(group, "rect", x=end + 3, y=centre - 10, width=text_width(cell.display) + 6, height=20, fill="#ffffff")
        number_text(group, end + 6, centre + FONT_SIZE * 0.35, cell.display, class_="stats-chart__value")
    element(root, "line", x1=x0, x2=x0, y1=top, y2=bottom, stroke=svg.TEXT, stroke_width=1.5)
    return bottom + 26


# --- funnel ------------------------------------------------------------------------------------


def _funnel_text(row: Row, first: Row, *, long: bool = False) -> str:
    cell, base = row.cells[0], first.cells[0]
    part = share(cell.value, base.value)
    if part is None or cell.unit:
        return cell.display
    if long:
        # Translators: a stage of a funnel in a chart description, e.g. "80 (66,7 % of the first stage)".
        return _("%(count)s (%(share)s of the first stage)") % {"count": cell.display, "share": format_value(part, "%")}
    return f"{cell.display} ({format_value(part, '%')})"


def _draw_funnel(root: ET.Element, figure: Figure) -> float:
    cells = [row.cells[0] for row in figure.rows]
    label_width = label_room(figure.rows)
    labels = [wrap(row.label, label_width) for row in figure.rows]
    row_height = 44 if any(len(lines) > 1 for lines in labels) else 36
    texts = [_funnel_text(row, figure.rows[0]) for row in figure.rows]
    x0 = PAD + label_width + 12
    x1 = WIDTH - PAD - max(text_width(value) for value in texts) - 14
    largest = max((float(cell.value) for cell in cells if cell.value is not None), default=0)
    middle = (x0 + x1) / 2
    for index, (row, cell, lines, value_text) in enumerate(zip(figure.rows, cells, labels, texts, strict=True)):
        group = row_group(root, item(row.label, _funnel_text(row, figure.rows[0], long=True)))
        centre = PAD + index * row_height + row_height / 2
        label_lines(group, lines, x0 - 12, centre)
        if cell.value is not None:
            half = (float(cell.value) / largest if largest else 0) * (x1 - x0) / 2
            element(
                group,
                "rect",
                class_="stats-chart__bar",
                x=middle - half,
                y=centre - 13,
                width=2 * half,
                height=26,
                fill=svg.DARKBLUE_700,
            )
        number_text(group, x1 + 10, centre + FONT_SIZE * 0.35, value_text, class_="stats-chart__value")
    return PAD * 2 + row_height * len(figure.rows)
