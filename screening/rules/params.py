"""Dated legal parameters from YAML (``screening/rules/params/**.yaml``).

Each file maps parameter names to a specification::

    regelbedarf:
      description: Regelbedarfsstufen 1–6
      citation: § 20 Abs. 1a SGB II; § 28 SGB XII mit Anlage   # the legal basis shown per euro
      unit: Euros
      reference_period: Month
      verified_on: 2026-11-25          # when someone last checked the values
      values:
        - valid_from: 2024-01-01
          valid_to: 2026-06-30         # optional end
          value: {rbs_1: "563.00", …}   # or a scalar
          reference: § 2 RBSFV 2024, V. v. 24.10.2023 BGBl. 2023 I Nr. 287
          status: verified             # or unverified ([S]/[M] values, placeholders)

Lookup takes the latest entry with ``valid_from <= as_of`` (and ``as_of <= valid_to`` if
given). Money is a string in YAML and a ``Decimal`` here; floats are refused so that no
binary rounding ever reaches an amount. The parameter set records which values a
calculation used, so the result can warn about unverified ones.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml

PARAMS_DIR = Path(__file__).resolve().parent / "params"
STATUSES = ("verified", "unverified")
REFERENCE_PATTERN = re.compile(r"(§|Art\.|Anlage|BGBl|BT-Drs|V\. v\.|GRDrs|Mietspiegel|Platzhalter|RBSFV|WoGV|Richtlinie)")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class ParameterError(Exception):
    pass


@dataclass(frozen=True)
class Entry:
    valid_from: date
    valid_to: date | None
    value: object
    reference: str
    status: str


@dataclass(frozen=True)
class Spec:
    name: str
    description: str
    citation: str
    unit: str
    reference_period: str
    verified_on: date
    entries: tuple[Entry, ...]
    known_until: date | None = None
    # Entries already looked up by date: an engine run asks some 70 times, a batch for few dates.
    _by_date: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    _citations: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def citation_of(self, entry: Entry) -> str:
        """The legal basis with the entry's date and reference (cached by the entry's start)."""
        try:
            return self._citations[entry.valid_from]
        except KeyError:
            text = self._citations[entry.valid_from] = f"{self.citation} (ab {entry.valid_from:%d.%m.%Y}; {entry.reference})"
            return text

    def entry_at(self, as_of: date) -> Entry | None:
        try:
            return self._by_date[as_of]
        except KeyError:
            found = self._by_date[as_of] = self._find(as_of)
            return found

    def _find(self, as_of: date) -> Entry | None:
        found = None
        for entry in self.entries:
            if entry.valid_from <= as_of:
                found = entry
        if found is None or (found.valid_to is not None and as_of > found.valid_to):
            return None
        return found


def _convert(value, where: str):
    if isinstance(value, float):
        raise ParameterError(f"{where}: write numbers with decimals as strings, not floats ({value!r})")
    if isinstance(value, str) and _NUMBER.match(value):
        return Decimal(value)
    if isinstance(value, dict):
        return {key: _convert(inner, f"{where}.{key}") for key, inner in value.items()}
    if isinstance(value, list):
        return [_convert(inner, f"{where}[{i}]") for i, inner in enumerate(value)]
    return value


def _spec(name: str, raw: dict, source: str) -> Spec:
    where = f"{source}:{name}"
    for key in ("description", "citation", "unit", "reference_period", "verified_on", "values"):
        if key not in raw:
            raise ParameterError(f"{where}: '{key}' is missing")
    entries = []
    previous = None
    for index, item in enumerate(raw["values"]):
        item_where = f"{where}.values[{index}]"
        for key in ("valid_from", "value", "reference", "status"):
            if key not in item:
                raise ParameterError(f"{item_where}: '{key}' is missing")
        if not isinstance(item["valid_from"], date):
            raise ParameterError(f"{item_where}: valid_from must be a date")
        if previous is not None and item["valid_from"] <= previous:
            raise ParameterError(f"{item_where}: dates must ascend")
        if item["status"] not in STATUSES:
            raise ParameterError(f"{item_where}: status must be one of {STATUSES}")
        if not REFERENCE_PATTERN.search(str(item["reference"])):
            raise ParameterError(f"{item_where}: reference must cite a § or an official source")
        previous = item["valid_from"]
        entries.append(
            Entry(
                valid_from=item["valid_from"],
                valid_to=item.get("valid_to"),
                value=_convert(item["value"], item_where),
                reference=str(item["reference"]),
                status=item["status"],
            )
        )
    return Spec(
        name=name,
        description=str(raw["description"]),
        citation=str(raw["citation"]),
        unit=str(raw["unit"]),
        reference_period=str(raw["reference_period"]),
        verified_on=raw["verified_on"],
        known_until=raw.get("known_until"),
        entries=tuple(entries),
    )


@functools.cache
def load() -> tuple[dict[str, Spec], str]:
    """All parameter specs by dotted name, and the digest of the files they came from."""
    specs: dict[str, Spec] = {}
    digest = hashlib.sha256()
    for path in sorted(PARAMS_DIR.rglob("*.yaml")):
        raw_bytes = path.read_bytes()
        digest.update(path.relative_to(PARAMS_DIR).as_posix().encode() + b"\0" + raw_bytes)
        prefix = ".".join(path.relative_to(PARAMS_DIR).with_suffix("").parts)
        content = yaml.safe_load(raw_bytes) or {}
        for name, raw in content.items():
            specs[f"{prefix}.{name}"] = _spec(name, raw, str(path.relative_to(PARAMS_DIR)))
    return specs, f"sha256:{digest.hexdigest()}"


@dataclass
class ParamSet:
    """The parameters in force on one date; remembers what a calculation used."""

    as_of: date
    specs: dict[str, Spec]
    used: dict[str, Entry] = field(default_factory=dict)
    # Local values the city sets (issue 20, ``local_values.py``): consulted before the YAML.
    local: dict[str, tuple[Entry, ...]] = field(default_factory=dict)

    def local_entry(self, name: str) -> Entry | None:
        """The city's own record in force on the date, which replaces the YAML entry."""
        for entry in self.local.get(name, ()):
            if entry.valid_from <= self.as_of and (entry.valid_to is None or self.as_of <= entry.valid_to):
                return entry
        return None

    def entry(self, name: str) -> Entry:
        local = self.local_entry(name) if self.local else None
        if local is not None:
            self.used[name] = local
            return local
        try:
            spec = self.specs[name]
        except KeyError:
            raise ParameterError(f"unknown parameter {name}") from None
        entry = spec.entry_at(self.as_of)
        if entry is None:
            raise ParameterError(f"{name} has no value for {self.as_of}")
        self.used[name] = entry
        return entry

    def __getitem__(self, name: str):
        return self.entry(name).value

    def has(self, name: str) -> bool:
        if self.local and self.local_entry(name) is not None:
            return True
        spec = self.specs.get(name)
        return spec is not None and spec.entry_at(self.as_of) is not None

    def cite(self, name: str) -> str:
        """The legal basis to show next to an amount, e.g. "§ 20 Abs. 2 SGB II (ab 01.01.2024; …)"."""
        entry = self.entry(name)
        if entry in self.local.get(name, ()):  # a local record: its own source, not the YAML's cached one
            return f"{self.specs[name].citation} (ab {entry.valid_from:%d.%m.%Y}; {entry.reference})"
        return self.specs[name].citation_of(entry)

    def unverified_used(self) -> list[tuple[str, Entry]]:
        return [(name, entry) for name, entry in sorted(self.used.items()) if entry.status == "unverified"]

    def beyond_known(self) -> list[str]:
        """Parameters used for a date after the last date their value is known for."""
        names = []
        for name in sorted(self.used):
            spec = self.specs[name]
            if self.as_of > (spec.known_until or spec.verified_on):
                names.append(name)
        return names


def params_at(as_of: date, *, local: dict[str, tuple[Entry, ...]] | None = None) -> ParamSet:
    specs, _digest = load()
    return ParamSet(as_of=as_of, specs=specs, local=dict(local or {}))


def digest() -> str:
    return load()[1]
