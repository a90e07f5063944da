"""Local values the city sets (issue 20): Stuttgart's Mietobergrenzen, living-space limits,
Mietenstufe and heating limit, kept by the Infopoint's administration as dated records with
their source document and passed to the engine in ``place.local_values``.

For a date inside a record's range the engine uses the record instead of the YAML entry of the
same parameter; outside every record's range the YAML stays the fallback. A record's value has
the shape of the parameter's YAML value (same list length, same keys, a whole number where the
YAML has one, else a decimal written as text). Pure: no Django; the counter's service checks
records with the same functions before it stores them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from screening.rules.params import Entry, load

# The parameters a municipality may set by its own records, in the order the staff page shows them.
LOCAL_PARAMETERS = (
    "local.stuttgart.mietobergrenze",
    "local.stuttgart.angemessene_wohnflaeche",
    "local.stuttgart.mietenstufe",
    # The heating limit: the YAML holds the nationwide Heizspiegel as a placeholder; the city's
    # own KdU guidance, once sourced, replaces it for its households.
    "bills.heizspiegel_zu_hoch",
)
LOCAL_STATUSES = ("verified", "unverified")
# Whole-number ranges beyond "more than 0" (the WoGV knows Mietenstufen I–VII).
RANGES = {"local.stuttgart.mietenstufe": (1, 7)}
MAX_LEAF = Decimal("100000")
_DECIMAL = re.compile(r"^\d{1,6}(\.\d{1,2})?$")


class LocalValueError(ValueError):
    """A value of the wrong shape; ``where`` is the position inside the value ("", "[3]", ".heating_oil")."""

    def __init__(self, where: str, message: str):
        super().__init__(f"value{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True)
class LocalValue:
    """One record as the engine receives it: the parameter and its dated entry."""

    parameter: str
    entry: Entry


def template(parameter: str):
    """The YAML's latest value of the parameter: the shape a local record must have."""
    if parameter not in LOCAL_PARAMETERS:
        raise LocalValueError("", f"unknown local parameter {parameter!r}")
    return load()[0][parameter].entries[-1].value


def convert(parameter: str, raw):
    """The record's JSON value as the engine uses it (Decimal / int), or LocalValueError."""
    shape = template(parameter)
    low, high = RANGES.get(parameter, (None, None))
    if isinstance(shape, list):
        if not isinstance(raw, list) or len(raw) != len(shape):
            raise LocalValueError("", f"must list {len(shape)} values")
        return [_leaf(s, r, f"[{i}]", low, high) for i, (s, r) in enumerate(zip(shape, raw, strict=True))]
    if isinstance(shape, dict):
        if not isinstance(raw, dict) or set(raw) != set(shape):
            raise LocalValueError("", "must have exactly the keys " + ", ".join(shape))
        return {key: _leaf(shape[key], raw[key], f".{key}", low, high) for key in shape}
    return _leaf(shape, raw, "", low, high)


def _leaf(shape, raw, where: str, low, high):
    if isinstance(shape, int) and not isinstance(shape, bool):
        if isinstance(raw, str) and raw.strip().isdigit():
            raw = int(raw.strip())
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise LocalValueError(where, "must be a whole number")
        if raw <= 0 or raw > MAX_LEAF:
            raise LocalValueError(where, "must be more than 0")
        if low is not None and not low <= raw <= high:
            raise LocalValueError(where, f"must be between {low} and {high}")
        return raw
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise LocalValueError(where, 'must be an amount written as text, e.g. "563.00"')
    text = str(raw).strip()
    if not _DECIMAL.match(text):
        raise LocalValueError(where, 'must be an amount written as text, e.g. "563.00"')
    value = Decimal(text)
    if value <= 0 or value > MAX_LEAF:
        raise LocalValueError(where, "must be more than 0")
    return value


def to_json(value):
    """The converted value in the contract's notation: decimals as text with two places."""
    if isinstance(value, list):
        return [to_json(inner) for inner in value]
    if isinstance(value, dict):
        return {key: to_json(inner) for key, inner in value.items()}
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def by_parameter(values: tuple[LocalValue, ...]) -> dict[str, tuple[Entry, ...]]:
    """The records per parameter, as ``params_at(..., local=...)`` takes them."""
    result: dict[str, tuple[Entry, ...]] = {}
    for item in values:
        result[item.parameter] = (*result.get(item.parameter, ()), item.entry)
    return result
