"""Money helpers: Decimal only, rounding only at named steps."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
CENT = Decimal("0.01")
EURO = Decimal("1")


def money(value) -> Decimal:
    """A Decimal from a YAML/JSON value (string or int); floats are refused."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    return Decimal(str(value))


def cents(value: Decimal) -> Decimal:
    """Kaufmännisch auf Cent (§ 41 Abs. 2 SGB II practice)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def euros(value: Decimal) -> Decimal:
    """Kaufmännisch auf volle Euro (e.g. Wohngeld, Anlage 3 Nr. 3 WoGG)."""
    return value.quantize(EURO, rounding=ROUND_HALF_UP)


def euros_down(value: Decimal) -> Decimal:
    """Abgerundet auf volle Euro (e.g. § 11 Abs. 2 BKGG)."""
    return value.quantize(EURO, rounding=ROUND_DOWN)


def positive(value: Decimal) -> Decimal:
    return value if value > ZERO else ZERO


def de(value: Decimal) -> str:
    """German notation for messages: 1380 -> "1.380,00 €"."""
    english = f"{cents(Decimal(value)):,.2f}"  # "-1,380.00": swap the separators
    return english.replace(",", "\0").replace(".", ",").replace("\0", ".") + " €"


def fmt(value: Decimal | None) -> str | None:
    """Two decimal places as a string, the contract's money format."""
    return None if value is None else str(cents(value))
