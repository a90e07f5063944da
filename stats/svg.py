"""Drawing helpers for the statistics charts: scale, text fitting, palette, SVG elements.

Pure Python (no database, no gettext). Elements are built with ElementTree, so every label is
escaped on serialisation, whatever an office or a benefit is called.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree as ET

from stats.figures import format_value

SVG_NS = "http://www.w3.org/2000/svg"

# The KERN UX palette (node_modules/@kern-ux/native, oklch) converted to sRGB, because
# WeasyPrint does not understand oklch() and presentation attributes cannot use var().
# Every colour for bars and lines has at least 6:1 contrast against white (WCAG 1.4.11: 3:1).
DARKBLUE_700 = "#2044aa"  # 8.5:1
ORANGE_600 = "#925400"  # 6.0:1
LIGHTBLUE_600 = "#006b8c"  # 6.0:1
GREEN_600 = "#007328"  # 6.0:1
NEUTRAL_800 = "#30344f"  # 12.1:1, the target line
TEXT = "#1b1e2d"
MUTED_TEXT = "#454b6b"  # neutral-700, 8.5:1: tick labels
GRID = "#c7c9d0"  # gridlines are orientation only; the values are written out or in the table
ORANGE_TINT = "#f6e7d6"

FONT_SIZE = 14  # in viewBox units; the viewBox is 640 wide and drawn at 640–770 px on screen and A4
SMALL_FONT_SIZE = 13
CHAR_WIDTH = 0.58  # average advance of a character in em, generous for Fira Sans / Noto Sans
WIDTH = 640
PAD = 8


@dataclass(frozen=True)
class Scale:
    """A value axis from 0 to a "nice" maximum with 3–5 equal steps."""

    maximum: Decimal
    step: Decimal

    @property
    def ticks(self) -> list[Decimal]:
        count = int(self.maximum / self.step)
        return [self.step * index for index in range(count + 1)]

    def fraction(self, value) -> float:
        return float(Decimal(value) / self.maximum) if self.maximum else 0.0


def nice_scale(largest, *, integer: bool) -> Scale:
    """The smallest step of 1, 2, 2.5 or 5 × 10ⁿ that reaches ``largest`` in at most five steps.

    Counts get whole-number steps only, so no gridline reads "2,5" people.
    """
    largest = Decimal(largest or 0)
    if largest <= 0:
        return Scale(maximum=Decimal(4), step=Decimal(1))
    exponent = (largest / 5).adjusted()
    for power in range(exponent - 1, exponent + 3):
        for mantissa in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)):
            step = mantissa.scaleb(power)
            if integer and step != step.to_integral_value():
                continue
            steps = math.ceil(largest / step)
            if steps <= 5:
                return Scale(maximum=step * steps, step=step)
    raise AssertionError("unreachable: 5 × 10ⁿ⁺² always covers the value")


def tick_label(value: Decimal, unit: str) -> str:
    """A gridline label formatted like ``Cell.display``: "1.250", "25 %", "2,5 %"."""
    number = int(value) if value == value.to_integral_value() else value
    return format_value(number, "%" if unit == "%" else "")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return len(text) * size * CHAR_WIDTH


def wrap(text: str, width: float, *, size: float = FONT_SIZE, lines: int = 2) -> list[str]:
    """Break a label into at most ``lines`` lines that fit ``width``; the last one ends in "…".

    The full label is always in the table and in the chart's description.
    """
    limit = max(4, int(width / (size * CHAR_WIDTH)))
    result: list[str] = []
    words = text.split()
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            result.append(current)
        current = word
        while len(current) > limit:
            result.append(current[: limit - 1] + "-")
            current = current[limit - 1 :]
    if current:
        result.append(current)
    if len(result) > lines:
        kept = result[:lines]
        kept[-1] = (kept[-1][: limit - 1]).rstrip() + "…"
        return kept
    return result or [""]


def fmt(value: float) -> str:
    """A coordinate with at most one decimal, "12" rather than "12.0"."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def element(parent: ET.Element, tag: str, **attributes) -> ET.Element:
    """A child element; attribute names use "_" for "-" (stroke_width → stroke-width)."""
    attrs = {}
    for name, value in attributes.items():
        if value is None:
            continue
        key = "class" if name == "class_" else name.replace("_", "-")
        attrs[key] = fmt(value) if isinstance(value, float) else str(value)
    return ET.SubElement(parent, tag, attrs)


def is_right_to_left(content: str) -> bool:
    """Like dir="auto": the first strongly directional character decides (Arabic → True)."""
    for character in content:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def text(parent: ET.Element, x: float, y: float, content: str, *, anchor="start", rtl=None, **attributes):
    """A text element whose ``anchor`` is meant visually (left/right edge), also for Arabic labels.

    The chart is laid out left to right in every language. A label in Arabic script gets
    direction="rtl" so that its words are ordered right, and its anchor is swapped to keep the
    same visual edge; a German office name stays left to right, also in the Arabic interface.
    """
    if rtl is None:
        rtl = is_right_to_left(content)
    if rtl and anchor in ("start", "end"):
        anchor = "end" if anchor == "start" else "start"
    node = element(
        parent,
        "text",
        x=float(x),
        y=float(y),
        text_anchor=anchor,
        direction="rtl" if rtl else None,
        fill=attributes.pop("fill", TEXT),
        font_size=attributes.pop("font_size", FONT_SIZE),
        **attributes,
    )
    node.text = content
    return node


def number_text(parent: ET.Element, x: float, y: float, content: str, *, anchor="start", **attributes):
    """Numbers read left to right in every language ("1.234", "12,5 %")."""
    return text(parent, x, y, content, anchor=anchor, rtl=False, **attributes)
