"""Money as people type it at a German counter: "1.234,56", "1234,5", "1234.50", "1 234 €"."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

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
