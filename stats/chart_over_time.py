"""Charts with the rows along the x axis (usually months): grouped columns and lines, with a target."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from stats import svg
from stats.chart_parts import (
    SERIES_STYLES,
    SUPPRESSED_TEXT,
    TARGET_DASH,
    figure_series,
    item,
    legend,
    marker,
    row_group,
    scale_for,
    series_unit,
)
from stats.figures import Figure
from stats.svg import PAD, SMALL_FONT_SIZE, WIDTH, element, fmt, number_text, text, text_width, wrap

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


def draw_columns(root: ET.Element, figure: Figure) -> float:
    series = figure_series(figure)[:2]  # "this year" and "last year"; more would not be readable
    unit = series_unit(series)
    scale = scale_for(_all_values(figure, series), unit)
    top = PAD
    if len(series) > 1 or figure.target:
        top = legend(root, _legend_items(figure, series, kind="box"), PAD)
    frame = _category_frame(root, figure, scale, unit, top + 18)
    group_width = frame["band"] * (0.7 if len(series) > 1 else 0.6)
    width = group_width / len(series)
    value_labels = []
    for index, row in enumerate(figure.rows):
        tooltip = "; ".join(item(heading, cells[index].display) for heading, cells in series)
        group = row_group(root, f"{row.label} – {tooltip}")
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


def draw_lines(root: ET.Element, figure: Figure) -> float:
    series = figure_series(figure)[: len(SERIES_STYLES)]
    unit = series_unit(series)
    scale = scale_for(_all_values(figure, series), unit)
    top = legend(root, _legend_items(figure, series, kind="line"), PAD)
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
                element(point, "title").text = item(figure.rows[index].label, cell.display)
                marker(
                    point,
                    style["marker"],
                    frame["x0"] + frame["band"] * (index + 0.5),
                    _y(frame, scale, cell.value),
                    style["colour"],
                )
    return frame["bottom"]
