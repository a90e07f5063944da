"""Money as people type it at a German counter: "1.234,56", "1234,5", "1234.50", "1 234 €"."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import get_language

from screening.rules.money import de

_GROUPED_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")
# Nothing a household has per month comes near this; larger inputs are typing errors.
MAX_AMOUNT = Decimal("1000000000")


class MoneyInputError(ValueError):
    pass


def parse_money_input(text: str) -> Decimal:
    """A Decimal from German or plain notation; raises MoneyInputError for anything else."""
    cleaned = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise MoneyInputError("empty")
    if "," in cleaned and "." in cleaned and cleaned.rfind(".") > cleaned.rfind(","):
        # English: "1,234.56" – commas group thousands.
        cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        # German: dots group thousands, the comma separates cents.
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _GROUPED_DOTS.match(cleaned):
        # "1.234" is one thousand two hundred thirty-four euros, not 1.234 €.
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise MoneyInputError(text) from None
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        raise MoneyInputError(text)
    return value


def format_money_de(value: Decimal | str | None) -> str:
    """1234.5 -> "1.234,50 €" (for printouts built without Django's localisation)."""
    if value is None:
        return ""
    # The screening engine formats its German messages the same way; one implementation.
    return de(Decimal(str(value)))


NBSP = "\u00a0"
# language: (thousands separator, decimal separator, money pattern, percent pattern), after
# CLDR, with Western digits in every language as on the offices' own letters.
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


def format_amount(value: Decimal | str, language: str | None = None) -> str:
    """1371 -> "1.371,00" (de), "1,371.00" (en): the number alone, as in a form field."""
    thousands, decimal, _money, _percent = _notation(language or get_language())
    return _number(Decimal(str(value)), 2, thousands, decimal)


def format_money(value: Decimal | str | None, language: str | None = None) -> str:
    """1371 -> "1.371,00 €" (de), "€1,371.00" (en); ``language`` defaults to the active one."""
    if value is None or value == "":
        return ""
    thousands, decimal, pattern, _percent = _notation(language or get_language())
    return pattern.format(n=_number(Decimal(str(value)), 2, thousands, decimal))


def format_percent(value: Decimal | str | None, language: str | None = None, places: int = 2) -> str:
    """62.76 -> "62,76 %" (de), "62.76%" (en), "%62,76" (tr)."""
    if value is None or value == "":
        return ""
    thousands, decimal, _money, pattern = _notation(language or get_language())
    return pattern.format(n=_number(Decimal(str(value)), places, thousands, decimal))
