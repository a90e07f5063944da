"""Reads about the state of the law (issue 20): the Rechtsstand page and the team lead's notice.

Pure functions over the dated parameters (``screening.rules.params.load()``); no database. The
status of a value on a date is one of:

- ``verified``: an officially confirmed value, known for that date;
- ``unverified``: the value in force is not officially confirmed (status in the YAML);
- ``provisional``: the date lies after ``known_until``, the end of the period the source covers:
  the last known value is carried on;
- ``draft``: no value is in force, only a bill (status ``draft``, not yet promulgated).

The rows come from the engine's ``params.law_overview``; a spec without a ``family`` is its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from screening.rules import params as rule_params

STATUSES = ("verified", "unverified", "provisional", "draft")

# Short German names of the value families (statutory names stay German in every language);
# a family not listed here is named by the engine's description.
FAMILY_NAMES = {
    "regelbedarf": "Regelbedarf",
    "kindergeld": "Kindergeld",
    "kinderzuschlag": "Kinderzuschlag",
    "unterhaltsvorschuss": "Unterhaltsvorschuss",
    "mindestunterhalt": "Mindestunterhalt",
    "wohngeld": "Wohngeld",
    "mietobergrenze": "Mietobergrenzen Stuttgart",
    "mietenstufe": "Mietenstufe Stuttgart",
    "heizkosten": "Heizkostengrenzen",
    "arbeitslosengeld": "Arbeitslosengeld",
    "sgb2": "Bürgergeld / Grundsicherungsgeld",
    "sgb12": "Sozialhilfe",
}


@dataclass(frozen=True)
class LawRow:
    """One parameter (spec) as the Rechtsstand page shows it."""

    name: str  # dotted, e.g. "common.regelbedarf"
    family: str
    description: str
    citation: str
    unit: str
    value: object  # the value in force (Decimal, int, list or dict), None if there is none
    valid_from: date | None
    valid_to: date | None
    reference: str
    known_until: date | None
    verified_on: date | None
    status: str
    next_entry: object | None  # the next dated entry after the date (params.Entry), if any
    local: bool = False  # the value in force is the city's confirmed record

    @property
    def verified(self) -> bool:
        return self.status == "verified"


@dataclass(frozen=True)
class FamilyEnding:
    """A value family whose ``known_until`` ends soon or has passed (the values are carried on)."""

    family: str
    descriptions: tuple[str, ...]
    known_until: date
    passed: bool

    @property
    def name(self) -> str:
        """The family's short German name (statutory names stay German in every language)."""
        return FAMILY_NAMES.get(self.family, self.descriptions[0] if self.descriptions else self.family)


def _family(spec) -> str:
    return spec.family or spec.name


def law_rows(*, as_of: date, specs: dict | None = None, local: dict | None = None) -> list[LawRow]:
    """Every parameter with its value in force on ``as_of`` (the engine's ``law_overview``; a
    city's confirmed record in ``local`` before the YAML), grouped by file and family, then by name."""
    rows = []
    for overview in rule_params.law_overview(as_of, specs, local):
        spec, entry = overview.spec, overview.current
        rows.append(
            LawRow(
                name=overview.name,
                family=_family(spec),
                description=spec.description,
                citation=spec.citation,
                unit=spec.unit,
                value=entry.value if entry else None,
                valid_from=entry.valid_from if entry else None,
                valid_to=entry.valid_to if entry else None,
                reference=entry.reference if entry else "",
                known_until=spec.known_until,
                verified_on=spec.verified_on,
                status=overview.status,
                next_entry=overview.next,
                local=overview.local,
            )
        )
    rows.sort(key=lambda row: (row.name.split(".", 1)[0], row.family, row.name))
    return rows


def next_change_date(as_of: date) -> date:
    """The next 1 January or 1 July after ``as_of``: the dates on which values usually change."""
    july = date(as_of.year, 7, 1)
    return july if as_of < july else date(as_of.year + 1, 1, 1)


@dataclass(frozen=True)
class Change:
    row: LawRow
    entry: object  # params.Entry starting on the change date
    status: str


@dataclass(frozen=True)
class NextChanges:
    on: date
    changes: list[Change]  # entries whose valid_from is that date
    unknown: list[LawRow]  # known_until ends before that date and nothing new is known


def next_changes(rows: list[LawRow], *, as_of: date, specs: dict | None = None) -> NextChanges:
    """What changes at the next 1 January / 1 July, and which families are not yet known for it."""
    on = next_change_date(as_of)
    if specs is None:
        specs, _digest = rule_params.load()
    changes, unknown = [], []
    for row in rows:
        spec = specs[row.name]
        starting = next((e for e in spec.entries if e.valid_from == on), None)
        if starting is not None:
            changes.append(Change(row=row, entry=starting, status=starting.status))
        if spec.known_until is not None and spec.known_until < on and (starting is None or starting.status != "verified"):
            unknown.append(row)
    return NextChanges(on=on, changes=changes, unknown=unknown)


def filter_rows(rows: list[LawRow], *, show: str, as_of: date, within_days: int = 60) -> list[LawRow]:
    """``show``: "unverified" (every status but verified), "ending" (``known_until`` within
    ``within_days`` of ``as_of``, or already passed), anything else: all rows."""
    if show == "unverified":
        return [row for row in rows if not row.verified]
    if show == "ending":
        limit = as_of + timedelta(days=within_days)
        return [row for row in rows if row.known_until is not None and row.known_until <= limit]
    return rows


def law_families_ending(today: date, within_days: int, *, specs: dict | None = None, local: dict | None = None) -> list[FamilyEnding]:
    """Families whose ``known_until`` ends within ``within_days`` of ``today`` or has passed
    while their last values are still used; one per family (its earliest end), soonest first.
    A value the city's confirmed record in ``local`` covers to the end of the window is known."""
    if specs is None:
        specs, _digest = rule_params.load()
    limit = today + timedelta(days=within_days)
    covered = rule_params.ParamSet(limit, specs, local=dict(local or {}))
    by_family: dict[str, list] = {}
    for name, spec in specs.items():
        if spec.known_until is None or spec.known_until > limit or covered.local_entry(name) is not None:
            continue
        by_family.setdefault(_family(spec), []).append(spec)
    endings = []
    for family, members in by_family.items():
        until = min(spec.known_until for spec in members)
        descriptions = tuple(dict.fromkeys(spec.description for spec in members))
        endings.append(FamilyEnding(family=family, descriptions=descriptions, known_until=until, passed=until < today))
    endings.sort(key=lambda ending: (ending.known_until, ending.family))
    return endings
