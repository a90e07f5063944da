"""The state of the law a result was calculated on (issue 20): the result's ``law`` block as
the counter, the printout and the kiosk show it, and Wohngeld under a pending draft law.

Results saved before issue 20 have no ``law``; they keep their per-value warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from screening.selectors_law import FAMILY_NAMES


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def _decimal(value) -> Decimal | None:
    try:
        return None if value is None else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


LAW_WARNINGS = ("parameter_unverified", "parameter_beyond_known_date")


@dataclass(frozen=True)
class LawItem:
    """One value family named in ``law`` (German ``description`` and ``reference`` from the engine)."""

    family: str
    description: str
    reference: str = ""
    since: date | None = None  # ``used_values_from``: the entry the calculation used
    known_until: date | None = None

    @property
    def name(self) -> str:
        return FAMILY_NAMES.get(self.family, self.description)


@dataclass(frozen=True)
class LawDraft:
    family: str
    reference: str
    valid_from: date | None
    promulgated: dict | None


@dataclass(frozen=True)
class LawView:
    as_of: date
    complete: bool
    provisional: list[LawItem]
    unverified: list[LawItem]
    drafts: list[LawDraft]

    @property
    def unverified_count(self) -> int:
        return len(self.unverified)

    @property
    def has_details(self) -> bool:
        return bool(self.unverified or self.drafts)

    @property
    def provisional_names(self) -> list[str]:
        """The provisional families' German names, each once."""
        return list(dict.fromkeys(item.name for item in self.provisional))


def _law_item(raw: dict) -> LawItem:
    return LawItem(
        family=str(raw.get("family", "")),
        description=str(raw.get("description") or raw.get("family") or raw.get("parameter", "")),
        reference=str(raw.get("reference") or ""),
        since=_day(raw.get("used_values_from")),
        known_until=_day(raw.get("known_until")),
    )


def law_view(result: dict | None) -> LawView | None:
    """The state of the law a result was calculated on; None for results saved before issue 20."""
    law = (result or {}).get("law")
    if not isinstance(law, dict):
        return None
    as_of = _day(law.get("as_of")) or _day((result or {}).get("as_of"))
    # One line per family (the engine may name several parameters of one family).
    provisional, seen = [], set()
    for item in map(_law_item, law.get("provisional") or []):
        if (item.family or item.description) not in seen:
            seen.add(item.family or item.description)
            provisional.append(item)
    drafts = [
        LawDraft(str(d.get("family", "")), str(d.get("reference") or ""), _day(d.get("valid_from")), d.get("promulgated"))
        for d in law.get("drafts") or []
    ]
    return LawView(
        as_of=as_of,
        complete=bool(law.get("complete", not provisional)) and not provisional,
        provisional=provisional,
        unverified=[_law_item(item) for item in law.get("unverified") or []],
        drafts=drafts,
    )


def law_warnings(result: dict) -> list[dict]:
    """The warnings to show beside the law line: all of them for a result saved before issue 20
    (its per-value warnings are its only word on the law), else those that are not about the law."""
    warnings = result.get("warnings") or []
    if "law" not in result:
        return warnings
    return [w for w in warnings if w.get("code") not in LAW_WARNINGS]


def wohngeld_draft(raw) -> dict | None:
    """``programs.wohngeld.draft`` for the template (absent in checks saved before issue 20)."""
    if not isinstance(raw, dict) or raw.get("monthly_amount") is None:
        return None
    return {"amount": _decimal(raw["monthly_amount"]), "as_of": _day(raw.get("as_of")), "reference": raw.get("reference", "")}
