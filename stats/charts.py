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
from stats.figures import Figure, Row, format_value, share
from stats.svg import FONT_SIZE, PAD, SMALL_FONT_SIZE, WIDTH, element, fmt, number_text, text, text_width, wrap

CHART_KINDS = ("bars", "columns", "lines", "funnel")
SUPPRESSED_TEXT = "< 3"

# Each series differs in more than colour: fill lightness or outline, dash pattern and marker.
SERIES_STYLES = (
    {"colour": svg.DARKBLUE_700, "fill": svg.DARKBLUE_700, "dash": None, "marker": "circle"},
    {"colour": svg.ORANGE_600, "fill": svg.ORANGE_TINT, "dash": "9 4", "marker": "square"},
    {"colour": svg.LIGHTBLUE_600, "fill": svg.LIGHTBLUE_600, "dash": "2 3", "marker": "triangle"},
    {"colour": svg.GREEN_600, "fill": "#ffffff", "dash": "10 3 2 3", "marker": "diamond"},
)
TARGET_DASH = "6 4"


def chart_id(figure: Figure) -> str:
    return f"chart-{slugify(figure.key)}"


def render_chart(figure: Figure) -> SafeString:
    """The figure drawn as ``figure.chart`` says; empty for a table-only figure or one without rows."""
    if not figure.chart or not figure.rows:
        return mark_safe("")  # noqa: S308 - a constant
    drawers = {"bars": _draw_bars, "columns": _draw_columns, "lines": _draw_lines, "funnel": _draw_funnel}
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


# --- the description (what a screen reader reads instead of the picture) -------------------


def _item(label: str, value: str) -> str:
    # Translators: one value in a chart description, e.g. "Walk-in: 120".
    return _("%(label)s: %(value)s") % {"label": label, "value": value}


def _series(figure: Figure) -> list[tuple[str, list]]:
    """(column heading, cells over the rows) for each data column."""
    count = min([len(figure.columns)] + [len(row.cells) for row in figure.rows])
    return [(figure.columns[index], [row.cells[index] for row in figure.rows]) for index in range(count)]


def _target_values(figure: Figure, unit: str) -> str:
    pairs = zip(figure.rows, figure.target.values, strict=False)
    return "; ".join(_item(row.label, format_value(value, unit)) for row, value in pairs if value is not None)


def describe(figure: Figure) -> str:
    """A sentence per series listing every value, e.g. "Walk-in: 120; phone: 31; e-mail: < 3."."""
    series = _series(figure)
    if not series:
        return _("No figures.")
    if figure.chart == "funnel":
        parts = ["; ".join(_item(row.label, _funnel_text(row, figure.rows[0], long=True)) for row in figure.rows) + "."]
    elif figure.chart == "lines" or len(series) > 1 and figure.chart == "columns":
        parts = [
            # Translators: one line or column series in a chart description: "2026 – January: 12; February: 14."
            _("%(series)s – %(values)s.")
            % {
                "series": heading,
                "values": "; ".join(_item(r.label, c.display) for r, c in zip(figure.rows, cells, strict=True)),
            }
            for heading, cells in series
        ]
    else:
        parts = [
            "; ".join(_item(row.label, cell.display) for row, cell in zip(figure.rows, series[0][1], strict=True)) + "."
        ]
    if figure.target and figure.chart in ("columns", "lines"):
        values = _target_values(figure, _unit(series))
        if values:
            # Translators: the goal drawn into a chart, e.g. "Target (pro rata): January: 40; February: 80."
            parts.append(_("%(target)s: %(values)s.") % {"target": figure.target.label, "values": values})
    if any(cell.suppressed for _heading, cells in series for cell in cells):
        parts.append(_("“< 3” stands for one or two cases; such small numbers are not published."))
    return " ".join(parts)


# --- shared pieces ---------------------------------------------------------------------------


def _unit(series) -> str:
    for _heading, cells in series:
        for cell in cells:
            if cell.value is not None:
                return cell.unit
    return ""


def _is_integer(values) -> bool:
    return all(value is None or float(value).is_integer() for value in values)


def _scale_for(values, unit: str) -> svg.Scale:
    published = [value for value in values if value is not None]
    return svg.nice_scale(max(published, default=0), integer=unit != "%" and _is_integer(published))


def _row_group(parent: ET.Element, tooltip: str) -> ET.Element:
    group = element(parent, "g", class_="stats-chart__row")
    element(group, "title").text = tooltip
    return group


def _label_lines(parent, lines: list[str], x: float, centre: float, *, size=FONT_SIZE):
    """A wrapped label right-aligned at ``x`` and vertically centred on ``centre``."""
    line_height = size * 1.15
    first = centre - (len(lines) - 1) * line_height / 2 + size * 0.35
    for index, line in enumerate(lines):
        text(parent, x, first + index * line_height, line, anchor="end", font_size=size)


def _value_axis_vertical(parent, scale: svg.Scale, unit: str, x0: float, x1: float, top: float, bottom: float):
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


def _legend(parent, items: list[tuple[str, dict]], y: float) -> float:
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
                _marker(group, swatch["marker"], x + 13, centre, swatch["colour"], "stats-chart__legend-marker")
        text(group, x + 34, centre + 4.5, label, font_size=SMALL_FONT_SIZE)
        x += width
    return y + line_height + 6


def _marker(parent, kind: str, x: float, y: float, colour: str, css_class="stats-chart__point"):
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


def _label_width(rows: list[Row]) -> float:
    """Room for the row labels of bars and funnels: the longest label, at most a third of the width."""
    longest = max(text_width(row.label) for row in rows)
    return min(longest, WIDTH / 3)


# --- bars --------------------------------------------------------------------------------------


def _draw_bars(root: ET.Element, figure: Figure) -> float:
    cells = [row.cells[0] for row in figure.rows]
    unit = _unit([("", cells)])
    scale = _scale_for([cell.value for cell in cells], unit)
    label_width = _label_width(figure.rows)
    labels = [wrap(row.label, label_width) for row in figure.rows]
    row_height = 44 if any(len(lines) > 1 for lines in labels) else 32
    value_room = max(text_width(cell.display) for cell in cells) + 12
    x0 = PAD + label_width + 10
    x1 = WIDTH - PAD - max(value_room, text_width(svg.tick_label(scale.maximum, unit), SMALL_FONT_SIZE) / 2)
    top, bottom = PAD, PAD + row_height * len(figure.rows)
    _value_axis_vertical(root, scale, unit, x0, x1, top, bottom)
    for index, (row, cell, lines) in enumerate(zip(figure.rows, cells, labels, strict=True)):
        group = _row_group(root, _item(row.label, cell.display))
        centre = top + index * row_height + row_height / 2
        _label_lines(group, lines, x0 - 10, centre)
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
    label_width = _label_width(figure.rows)
    labels = [wrap(row.label, label_width) for row in figure.rows]
    row_height = 44 if any(len(lines) > 1 for lines in labels) else 36
    texts = [_funnel_text(row, figure.rows[0]) for row in figure.rows]
    x0 = PAD + label_width + 12
    x1 = WIDTH - PAD - max(text_width(value) for value in texts) - 14
    largest = max((float(cell.value) for cell in cells if cell.value is not None), default=0)
    middle = (x0 + x1) / 2
    for index, (row, cell, lines, value_text) in enumerate(zip(figure.rows, cells, labels, texts, strict=True)):
        group = _row_group(root, _item(row.label, _funnel_text(row, figure.rows[0], long=True)))
        centre = PAD + index * row_height + row_height / 2
        _label_lines(group, lines, x0 - 12, centre)
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


# --- columns and lines: rows along the x axis ---------------------------------------------------

PLOT_HEIGHT = 220


def _category_frame(root: ET.Element, figure: Figure, scale: svg.Scale, unit: str, top: float) -> dict:
    """Gridlines, value labels on the left and row labels underneath; returns the plot geometry."""
    axis_room = max(text_width(svg.tick_label(tick, unit), SMALL_FONT_SIZE) for tick in scale.ticks) + 10
    x0, x1 = PAD + axis_room, WIDTH - PAD
    y0, y1 = top, top + PLOT_HEIGHT
    band = (x1 - x0) / len(figure.rows)
    for tick in scale.ticks:
        y = y1 - scale.fraction(tick) * (y1 - y0)
        element(root, "line", class_="stats-chart__grid", x1=x0, x2=x1, y1=y, y2=y, stroke=svg.GRID, stroke_width=1)
        number_text(
            root,
            x0 - 6,
            y + 4.5,
            svg.tick_label(tick, unit),
            anchor="end",
            fill=svg.MUTED_TEXT,
            font_size=SMALL_FONT_SIZE,
        )
    longest = max(text_width(row.label, SMALL_FONT_SIZE) for row in figure.rows)
    if longest <= band - 4:
        for index, row in enumerate(figure.rows):
            text(root, x0 + band * (index + 0.5), y1 + 18, row.label, anchor="middle", font_size=SMALL_FONT_SIZE)
        bottom = y1 + 26
    else:
        # Month names and office names do not fit side by side: slant them.
        slanted = [wrap(row.label, 140, size=SMALL_FONT_SIZE, lines=1)[0] for row in figure.rows]
        for index, label in enumerate(slanted):
            x, y = x0 + band * (index + 0.5) + 4, y1 + 14
            text(root, x, y, label, anchor="end", font_size=SMALL_FONT_SIZE, transform=f"rotate(-40 {fmt(x)} {fmt(y)})")
        bottom = y1 + 20 + max(text_width(label, SMALL_FONT_SIZE) for label in slanted) * 0.65
    element(root, "line", x1=x0, x2=x1, y1=y1, y2=y1, stroke=svg.TEXT, stroke_width=1.5)
    return {"x0": x0, "x1": x1, "y0": y0, "y1": y1, "band": band, "bottom": bottom}


def _y(frame: dict, scale: svg.Scale, value) -> float:
    return frame["y1"] - scale.fraction(value) * (frame["y1"] - frame["y0"])


def _legend_items(figure: Figure, series, *, kind: str) -> list[tuple[str, dict]]:
    items = []
    for index, (heading, _cells) in enumerate(series):
        style = SERIES_STYLES[index % len(SERIES_STYLES)]
        if kind == "box":
            items.append((heading, {"kind": "box", "fill": style["fill"], "colour": style["colour"]}))
        else:
            items.append(
                (heading, {"kind": "line", "colour": style["colour"], "dash": style["dash"], "marker": style["marker"]})
            )
    if figure.target:
        items.append((figure.target.label, {"kind": "line", "colour": svg.NEUTRAL_800, "dash": TARGET_DASH}))
    return items


def _all_values(figure: Figure, series) -> list:
    values = [cell.value for _heading, cells in series for cell in cells]
    if figure.target:
        values += list(figure.target.values[: len(figure.rows)])
    return values


def _draw_target_steps(root: ET.Element, figure: Figure, frame: dict, scale: svg.Scale):
    """The target as a dashed step: one level across each row's band, joined where both are set."""
    commands, previous = [], None
    for index, value in enumerate(figure.target.values[: len(figure.rows)]):
        if value is None:
            previous = None
            continue
        left, y = frame["x0"] + frame["band"] * index, _y(frame, scale, value)
        commands.append(f"{'L' if previous is not None else 'M'}{fmt(left)} {fmt(y)} H{fmt(left + frame['band'])}")
        previous = value
    if commands:
        element(
            root,
            "path",
            class_="stats-chart__target",
            d=" ".join(commands),
            fill="none",
            stroke=svg.NEUTRAL_800,
            stroke_width=2.5,
            stroke_dasharray=TARGET_DASH,
        )


def _draw_columns(root: ET.Element, figure: Figure) -> float:
    series = _series(figure)[:2]  # "this year" and "last year"; more would not be readable
    unit = _unit(series)
    scale = _scale_for(_all_values(figure, series), unit)
    top = PAD
    if len(series) > 1 or figure.target:
        top = _legend(root, _legend_items(figure, series, kind="box"), PAD)
    frame = _category_frame(root, figure, scale, unit, top + 18)
    group_width = frame["band"] * (0.7 if len(series) > 1 else 0.6)
    width = group_width / len(series)
    value_labels = []
    for index, row in enumerate(figure.rows):
        tooltip = "; ".join(_item(heading, cells[index].display) for heading, cells in series)
        group = _row_group(root, f"{row.label} – {tooltip}")
        left = frame["x0"] + frame["band"] * index + (frame["band"] - group_width) / 2
        for position, (_heading, cells) in enumerate(series):
            cell, style = cells[index], SERIES_STYLES[position]
            x = left + position * width
            if cell.value is None:
                number_text(
                    group,
                    x + width / 2,
                    frame["y1"] - 6,
                    SUPPRESSED_TEXT,
                    anchor="middle",
                    font_size=12,
                    class_="stats-chart__value",
                )
                continue
            y = _y(frame, scale, cell.value)
            element(
                group,
                "rect",
                class_="stats-chart__bar",
                x=x + 1,
                y=y,
                width=width - 2,
                height=frame["y1"] - y,
                fill=style["fill"],
                stroke=style["colour"] if style["fill"] != style["colour"] else None,
                stroke_width=2,
            )
            if len(series) == 1 and text_width(cell.display, 12) <= frame["band"]:
                value_labels.append((x + width / 2, y - 5, cell.display))
    if figure.target:
        _draw_target_steps(root, figure, frame, scale)
    # Drawn after the target line, on a white ground, so the dashes never cross a number.
    for x, y, label in value_labels:
        label_width = text_width(label, 12)
        element(root, "rect", x=x - label_width / 2 - 2, y=y - 11, width=label_width + 4, height=14, fill="#ffffff")
        number_text(root, x, y, label, anchor="middle", font_size=12, class_="stats-chart__value")
    return frame["bottom"]


def _draw_lines(root: ET.Element, figure: Figure) -> float:
    series = _series(figure)[: len(SERIES_STYLES)]
    unit = _unit(series)
    scale = _scale_for(_all_values(figure, series), unit)
    top = _legend(root, _legend_items(figure, series, kind="line"), PAD)
    frame = _category_frame(root, figure, scale, unit, top + 10)
    if figure.target:
        _draw_target_steps(root, figure, frame, scale)
    for position, (heading, cells) in enumerate(series):
        style = SERIES_STYLES[position]
        group = element(root, "g", class_="stats-chart__series")
        element(group, "title").text = heading
        commands, drawn = [], False
        for index, cell in enumerate(cells):
            x = frame["x0"] + frame["band"] * (index + 0.5)
            if cell.value is None:
                # A gap in the line; the "< 3" sits at the bottom, one line per series.
                number_text(
                    group,
                    x,
                    frame["y1"] - 6 - 15 * position,
                    SUPPRESSED_TEXT,
                    anchor="middle",
                    font_size=12,
                    fill=style["colour"],
                    class_="stats-chart__value",
                )
                drawn = False
                continue
            commands.append(f"{'L' if drawn else 'M'}{fmt(x)} {fmt(_y(frame, scale, cell.value))}")
            drawn = True
        if commands:
            element(
                group,
                "path",
                class_="stats-chart__line",
                d=" ".join(commands),
                fill="none",
                stroke=style["colour"],
                stroke_width=2.5,
                stroke_dasharray=style["dash"],
            )
        for index, cell in enumerate(cells):
            if cell.value is not None:
                point = element(group, "g", class_="stats-chart__marker")
                element(point, "title").text = _item(figure.rows[index].label, cell.display)
                _marker(
                    point,
                    style["marker"],
                    frame["x0"] + frame["band"] * (index + 0.5),
                    _y(frame, scale, cell.value),
                    style["colour"],
                )
    return frame["bottom"]
