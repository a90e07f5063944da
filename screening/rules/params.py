"""Dated legal parameters from YAML (``screening/rules/params/**.yaml``).

Each file maps parameter names to a specification::

    regelbedarf:
      description: Regelbedarfsstufen 1–6
      citation: § 20 Abs. 1a SGB II; § 28 SGB XII mit Anlage   # the legal basis shown per euro
      unit: Euros
      reference_period: Month
      verified_on: 2026-11-25          # when someone last checked the values
      known_until: 2026-12-31          # end of the period the source covers; null = a statutory
                                       # value that holds until the law is changed
      family: regelbedarf              # optional: specs fixed together (default: the name)
      values:
        - valid_from: 2024-01-01
          valid_to: 2026-06-30         # optional end
          value: {rbs_1: "563.00", …}   # or a scalar
          reference: § 2 RBSFV 2024, V. v. 24.10.2023 BGBl. 2023 I Nr. 287
          status: verified             # or unverified ([S]/[M] values, placeholders), or draft
          promulgated: {date: 2027-…, reference: BGBl. …}   # drafts only: once promulgated

Lookup takes the latest entry with ``valid_from <= as_of`` (and ``as_of <= valid_to`` if
given). An entry with status ``draft`` is a bill (e.g. BT-Drs. 21/8284): it is never law
until its promulgation is recorded, and only a ``ParamSet(include_drafts=True)`` — the draft
comparison — looks at it before then. For a date past ``known_until`` the latest values are
carried on and the family is *provisional* (``law`` block of the result). Money is a string in YAML and a ``Decimal`` here; floats are refused so that no
binary rounding ever reaches an amount. The parameter set records which values a
calculation used, so the result can warn about unverified ones.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml

PARAMS_DIR = Path(__file__).resolve().parent / "params"
STATUSES = ("verified", "unverified", "draft")
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
    # Drafts only: {"date": date, "reference": "BGBl. …"} once the law is promulgated.
    promulgated: dict | None = None

    @property
    def pending_draft(self) -> bool:
        return self.status == "draft"


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
    family: str = ""
    # Bills not yet promulgated: never law, only for the draft comparison.
    drafts: tuple[Entry, ...] = ()
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

    def entry_at(self, as_of: date, *, include_drafts: bool = False) -> Entry | None:
        if include_drafts and self.drafts:
            return self._find(as_of, self.entries + self.drafts)
        try:
            return self._by_date[as_of]
        except KeyError:
            found = self._by_date[as_of] = self._find(as_of, self.entries)
            return found

    def provisional_at(self, as_of: date) -> bool:
        """The latest known values are carried past the end of the period their source covers."""
        return self.known_until is not None and as_of > self.known_until

    @staticmethod
    def _find(as_of: date, entries) -> Entry | None:
        found = None
        for entry in sorted(entries, key=lambda e: e.valid_from):
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
    for key in ("description", "citation", "unit", "reference_period", "verified_on", "known_until", "values"):
        if key not in raw:
            raise ParameterError(f"{where}: '{key}' is missing")
    known_until = raw["known_until"]
    if known_until is not None and not isinstance(known_until, date):
        raise ParameterError(f"{where}: known_until must be a date or null (a statutory value without end)")
    entries = []
    drafts = []
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
        promulgated = _promulgation(item, item_where)
        reference, status = str(item["reference"]), item["status"]
        if promulgated is not None:  # an enacted draft is law like any other verified value
            reference = f"{reference}; verkündet am {promulgated['date']:%d.%m.%Y}, {promulgated['reference']}"
            status = "verified"
        entry = Entry(
            valid_from=item["valid_from"],
            valid_to=item.get("valid_to"),
            value=_convert(item["value"], item_where),
            reference=reference,
            status=status,
            promulgated=promulgated,
        )
        (drafts if entry.pending_draft else entries).append(entry)
    return Spec(
        name=name,
        description=str(raw["description"]),
        citation=str(raw["citation"]),
        unit=str(raw["unit"]),
        reference_period=str(raw["reference_period"]),
        verified_on=raw["verified_on"],
        known_until=known_until,
        family=str(raw.get("family") or name),
        entries=tuple(entries),
        drafts=tuple(drafts),
    )


def _promulgation(item: dict, where: str) -> dict | None:
    """A draft becomes law only with its promulgation recorded: the date and the BGBl. reference."""
    promulgated = item.get("promulgated")
    if promulgated is None:
        return None
    if item["status"] != "draft":
        raise ParameterError(f"{where}: only a draft is promulgated")
    if not isinstance(promulgated, dict) or not isinstance(promulgated.get("date"), date):
        raise ParameterError(f"{where}: promulgated needs a date")
    if "BGBl" not in str(promulgated.get("reference", "")):
        raise ParameterError(f"{where}: promulgated needs its BGBl. reference")
    return {"date": promulgated["date"], "reference": str(promulgated["reference"])}


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
    """The parameters in force on one date; remembers what a calculation used, and for which
    programme (``tracking``), so that a result can say which of its figures rest on values
    not yet officially known for that date."""

    as_of: date
    specs: dict[str, Spec]
    used: dict[str, Entry] = field(default_factory=dict)
    # The draft comparison: bills count as law (BT-Drs. 21/8284 for Wohngeld 2027).
    include_drafts: bool = False
    used_by: dict[str, set[str]] = field(default_factory=dict)
    _scopes: list[str] = field(default_factory=list)
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
            self._record(name, local)
            return local
        try:
            spec = self.specs[name]
        except KeyError:
            raise ParameterError(f"unknown parameter {name}") from None
        entry = spec.entry_at(self.as_of, include_drafts=self.include_drafts)
        if entry is None:
            raise ParameterError(f"{name} has no value for {self.as_of}")
        self._record(name, entry)
        return entry

    def _record(self, name: str, entry: Entry) -> None:
        self.used[name] = entry
        for scope in self._scopes:
            self.used_by[scope].add(name)

    def absorb(self, other: ParamSet) -> None:
        """Values another date's set looked up for this calculation count as used here."""
        for name, entry in other.used.items():
            self._record(name, entry)

    @contextlib.contextmanager
    def tracking(self, *programs: str):
        """Every value looked up inside counts for these programmes (nested scopes add up)."""
        for program in programs:
            self.used_by.setdefault(program, set())
        self._scopes.extend(programs)
        try:
            yield self
        finally:
            del self._scopes[len(self._scopes) - len(programs):]

    def __getitem__(self, name: str):
        return self.entry(name).value

    def has(self, name: str) -> bool:
        if self.local and self.local_entry(name) is not None:
            return True
        spec = self.specs.get(name)
        return spec is not None and spec.entry_at(self.as_of, include_drafts=self.include_drafts) is not None

    def cite(self, name: str) -> str:
        """The legal basis to show next to an amount, e.g. "§ 20 Abs. 2 SGB II (ab 01.01.2024; …)"."""
        entry = self.entry(name)
        if entry in self.local.get(name, ()):  # a local record: its own source, not the YAML's cached one
            return f"{self.specs[name].citation} (ab {entry.valid_from:%d.%m.%Y}; {entry.reference})"
        return self.specs[name].citation_of(entry)

    def unverified_used(self) -> list[tuple[str, Entry]]:
        return [(name, entry) for name, entry in sorted(self.used.items()) if entry.status == "unverified"]

    def provisional_used(self, names=None) -> list[str]:
        """Values used for a date after the period their source covers (carried on)."""
        names = self.used if names is None else names
        return sorted(name for name in names if self.specs[name].provisional_at(self.as_of) and not self._local_used(name))

    def _local_used(self, name: str) -> bool:
        """A city's record is known for every date of its own range, whatever the YAML's end."""
        return self.used.get(name) in self.local.get(name, ())

    def law_json(self, relevant: set[str] | None = None) -> dict:
        """The result's ``law`` block (contract, "Additions of December 2026"); ``relevant``: the
        values the estimated programmes used (a single adult's check does not speak of the
        Kindergeld the children's rules looked up)."""
        names = set(self.used) if relevant is None else set(self.used) & relevant
        provisional = [
            {
                "family": self.specs[name].family,
                "parameter": name,
                "description": self.specs[name].description,
                "used_values_from": self.used[name].valid_from.isoformat(),
                "known_until": self.specs[name].known_until.isoformat(),
            }
            for name in self.provisional_used(names)
        ]
        unverified = [
            {
                "family": self.specs[name].family,
                "parameter": name,
                "description": self.specs[name].description,
                "reference": entry.reference,
                "used_values_from": entry.valid_from.isoformat(),
            }
            for name, entry in self.unverified_used()
            if name in names
        ]
        drafts: dict[tuple[str, str], dict] = {}
        for name in sorted(names):
            for draft in self.specs[name].drafts:
                key = (self.specs[name].family, draft.reference)
                drafts.setdefault(
                    key,
                    {"family": key[0], "reference": draft.reference, "valid_from": draft.valid_from.isoformat(), "promulgated": None},
                )
        return {
            "as_of": self.as_of.isoformat(),
            "complete": not provisional,
            "provisional": provisional,
            "unverified": unverified,
            "drafts": list(drafts.values()),
        }


def params_at(as_of: date, *, local: dict[str, tuple[Entry, ...]] | None = None) -> ParamSet:
    specs, _digest = load()
    return ParamSet(as_of=as_of, specs=specs, local=dict(local or {}))


def digest() -> str:
    return load()[1]


@dataclass(frozen=True)
class LawRow:
    """One parameter as the Rechtsstand page shows it."""

    name: str  # dotted, e.g. common.regelbedarf
    spec: Spec
    current: Entry | None
    next: Entry | None
    drafts: tuple[Entry, ...]
    status: str  # verified, unverified, provisional, draft (no value in force, only a bill)
    local: bool = False  # the value in force is the city's confirmed record, not the YAML


def law_overview(
    as_of: date, specs: dict[str, Spec] | None = None, local: dict[str, tuple[Entry, ...]] | None = None
) -> list[LawRow]:
    """Every parameter with the value in force on ``as_of`` (a city's confirmed record before
    the YAML, as in the engine), the next dated value and its state."""
    if specs is None:
        specs, _digest = load()
    rows = []
    for name in sorted(specs):
        spec = specs[name]
        later = [entry for entry in spec.entries if entry.valid_from > as_of]
        city = ParamSet(as_of, specs, local=dict(local or {})).local_entry(name) if local else None
        current = city or spec.entry_at(as_of)
        if city is not None:
            status = city.status
        elif current is None:
            status = "draft" if spec.drafts else "unverified"
        elif spec.provisional_at(as_of):
            status = "provisional"
        else:
            status = current.status
        rows.append(LawRow(name, spec, current, later[0] if later else None, spec.drafts, status, city is not None))
    return rows
