"""Pieces shared by the chart kinds: series styles, the legend, markers, row groups, descriptions."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from django.utils.translation import gettext as _

from stats import svg
from stats.figures import Figure, Row, format_value
from stats.svg import FONT_SIZE, PAD, SMALL_FONT_SIZE, WIDTH, element, fmt, number_text, text, text_width

SUPPRESSED_TEXT = "< 3"

# Each series differs in more than colour: fill lightness or outline, dash pattern and marker.
SERIES_STYLES = (
    {"colour": svg.DARKBLUE_700, "fill": svg.DARKBLUE_700, "dash": None, "marker": "circle"},
    {"colour": svg.ORANGE_600, "fill": svg.ORANGE_TINT, "dash": "9 4", "marker": "square"},
    {"colour": svg.LIGHTBLUE_600, "fill": svg.LIGHTBLUE_600, "dash": "2 3", "marker": "triangle"},
    {"colour": svg.GREEN_600, "fill": "#ffffff", "dash": "10 3 2 3", "marker": "diamond"},
)
TARGET_DASH = "6 4"


def item(label: str, value: str) -> str:
    # Translators: one value in a chart description, e.g. "Walk-in: 120".
    return _("%(label)s: %(value)s") % {"label": label, "value": value}


def figure_series(figure: Figure) -> list[tuple[str, list]]:
    """(column heading, cells over the rows) for each data column."""
    count = min([len(figure.columns)] + [len(row.cells) for row in figure.rows])
    if figure.chart_columns:
        count = min(count, figure.chart_columns)
    return [(figure.columns[index], [row.cells[index] for row in figure.rows]) for index in range(count)]


def target_values(figure: Figure, unit: str) -> str:
    pairs = zip(figure.rows, figure.target.values, strict=False)
    return "; ".join(item(row.label, format_value(value, unit)) for row, value in pairs if value is not None)


def series_unit(series) -> str:
    for _heading, cells in series:
        for cell in cells:
            if cell.value is not None:
                return cell.unit
    return ""


def is_integer(values) -> bool:
    return all(value is None or float(value).is_integer() for value in values)


def scale_for(values, unit: str) -> svg.Scale:
    published = [value for value in values if value is not None]
    return svg.nice_scale(max(published, default=0), integer=unit != "%" and is_integer(published))


def row_group(parent: ET.Element, tooltip: str) -> ET.Element:
    group = element(parent, "g", class_="stats-chart__row")
    element(group, "title").text = tooltip
    return group


def label_lines(parent, lines: list[str], x: float, centre: float, *, size=FONT_SIZE):
    """A wrapped label right-aligned at ``x`` and vertically centred on ``centre``."""
    line_height = size * 1.15
    first = centre - (len(lines) - 1) * line_height / 2 + size * 0.35
    for index, line in enumerate(lines):
        text(parent, x, first + index * line_height, line, anchor="end", font_size=size)


def value_axis_vertical(parent, scale: svg.Scale, unit: str, x0: float, x1: float, top: float, bottom: float):
    """Vertical gridlines with their numbers underneath (bars)."""
    for tick in scale.ticks:
        x = x0 + scale.fraction(tick) * (x1 - x0)
        element(
            parent, "line", class_="stats-chart__grid", x1=x, x2=x, y1=top, y2=bottom, stroke=svg.GRID, stroke_width=1
        )
        number_text(
            parent,
            x,
            bottom + 16,
            svg.tick_label(tick, unit),
            anchor="middle",
            fill=svg.MUTED_TEXT,
            font_size=SMALL_FONT_SIZE,
        )


def legend(parent, items: list[tuple[str, dict]], y: float) -> float:
    """Legend entries left to right, wrapping; returns the height used. Each item: (label, swatch)."""
    x, line_height = PAD, 22
    for label, swatch in items:
        width = 34 + text_width(label, SMALL_FONT_SIZE) + 18
        if x + width > WIDTH - PAD and x > PAD:
            x, y = PAD, y + line_height
        group = element(parent, "g", class_="stats-chart__legend-item")
        centre = y + 8
        if swatch["kind"] == "box":
            element(
                group,
                "rect",
                x=x + 6,
                y=centre - 7,
                width=14,
                height=14,
                fill=swatch["fill"],
                stroke=swatch["colour"],
                stroke_width=2,
            )
        else:
            element(
                group,
                "line",
                x1=x,
                x2=x + 26,
                y1=centre,
                y2=centre,
                stroke=swatch["colour"],
                stroke_width=2.5,
                stroke_dasharray=swatch.get("dash"),
            )
            if swatch.get("marker"):
                marker(group, swatch["marker"], x + 13, centre, swatch["colour"], "stats-chart__legend-marker")
        text(group, x + 34, centre + 4.5, label, font_size=SMALL_FONT_SIZE)
        x += width
    return y + line_height + 6


def marker(parent, kind: str, x: float, y: float, colour: str, css_class="stats-chart__point"):
    if kind == "circle":
        element(parent, "circle", class_=css_class, cx=x, cy=y, r=4.5, fill=colour)
    elif kind == "square":
        element(parent, "rect", class_=css_class, x=x - 4, y=y - 4, width=8, height=8, fill=colour)
    else:
        size = 5.5
        if kind == "triangle":
            points = [(x, y - size), (x + size, y + size * 0.8), (x - size, y + size * 0.8)]
        else:
            points = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
        element(
            parent,
            "polygon",
            class_=css_class,
            points=" ".join(f"{fmt(px)},{fmt(py)}" for px, py in points),
            fill=colour,
        )


def label_room(rows: list[Row]) -> float:
    """Room for the row labels of bars and funnels: the longest label, at most a third of the width."""
    longest = max(text_width(row.label) for row in rows)
    return min(longest, WIDTH / 3)
