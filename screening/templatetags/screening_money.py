"""Amounts and percentages in the notation of the language being rendered.

The printout has a German section and one in the visitor's language, each inside
``{% language %}``; the kiosk speaks the visitor's language. ``money`` in
``screening_labels`` is always German (the counter's notation); these follow the active
language: German "1.371,00 €", English "€1,371.00", Ukrainian "1 371,00 €".
Digits stay Western (Latin) in every language, as on the offices' own letters.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()

NBSP = "\u00a0"
# language: (thousands separator, decimal separator, money pattern, percent pattern) — CLDR,
# with a plain space before "€" as in ``screening.rules.money.de`` (the .money class keeps
# the amount on one line).
NOTATION = {
    "de": (".", ",", "{n} €", "{n} %"),
    "en": (",", ".", "€{n}", "{n}%"),
    "tr": (".", ",", "€{n}", "%{n}"),
    "ar": (".", ",", "{n} €", "{n} %"),
    "uk": (NBSP, ",", "{n} €", "{n}%"),
    "ru": (NBSP, ",", "{n} €", "{n} %"),
}


def _notation(language: str | None) -> tuple[str, str, str, str]:
    return NOTATION.get((language or "de").split("-")[0], NOTATION["de"])


def _number(value: Decimal, places: int, thousands: str, decimal: str) -> str:
    quantum = Decimal(1).scaleb(-places)
    english = f"{Decimal(value).quantize(quantum, ROUND_HALF_UP):,.{places}f}"  # "-1,371.00"
    return english.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def format_money(value, language: str | None = None) -> str:
    """1371 -> "1.371,00 €" (de), "€1,371.00" (en); ``language`` defaults to the active one."""
    thousands, decimal, pattern, _percent = _notation(language or get_language())
    return pattern.format(n=_number(Decimal(str(value)), 2, thousands, decimal))


def format_percent(value, language: str | None = None, places: int = 2) -> str:
    """62.76 -> "62,76 %" (de), "62.76%" (en), "%62,76" (tr)."""
    thousands, decimal, _money, pattern = _notation(language or get_language())
    return pattern.format(n=_number(Decimal(str(value)), places, thousands, decimal))


@register.filter
def money_local(value):
    """An amount in the active language's notation, isolated left-to-right for Arabic text."""
    if value is None or value == "":
        return ""
    return format_html('<bdi dir="ltr" class="money">{}</bdi>', format_money(value))


@register.filter
def percent_local(value):
    if value is None or value == "":
        return ""
    return format_html('<bdi dir="ltr" class="percent">{}</bdi>', format_percent(value))
