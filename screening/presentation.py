"""Turns the engine's JSON result into what the counter page and the printout show."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from referrals.selectors import offices_by_kind
from screening.labels import DOCUMENT_LABELS, OFFICE_KINDS, PROGRAM_LABELS, STATUS_BADGES, STATUS_LABELS

CLAIMABLE = ("likely", "possible")


@dataclass
class ProgramCard:
    key: str
    title: str  # the engine's German title
    label: str  # translated label
    status: str
    status_label: str
    badge: str
    amount: Decimal | None
    office: object | None
    steps: list[dict] = field(default_factory=list)
    reasons: list[dict] = field(default_factory=list)

    @property
    def claimable(self) -> bool:
        return self.status in CLAIMABLE


@dataclass
class ResultView:
    cards: list[ProgramCard]
    claim: list[ProgramCard]
    instead_of: list[ProgramCard]
    priority_reason: str
    priority_citation: str
    options: list[dict]
    documents: list[tuple[str, str]]
    warnings: list[dict]
    as_of: date
    rules_version: str

    @property
    def claimable(self) -> list[ProgramCard]:
        return [card for card in self.cards if card.claimable]


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


@dataclass
class RouteClaim:
    key: str
    label: str  # translated programme label
    title: str  # the engine's German title
    amount: Decimal | None
    status: str
    office: object | None


@dataclass
class RouteView:
    """The route as the counter, the printout and the kiosk show it (screening-contract.md).

    ``stored_before_route``: a check saved before routes existed (rules before 2026.12); it is
    shown as stored, from its ``priority`` block, without amounts per route."""

    claims: list[RouteClaim]
    instead_of: list[RouteClaim]
    monthly_money: Decimal | None
    need: Decimal | None
    covers_need: bool | None
    reason: dict
    alternatives: list[RouteView] = field(default_factory=list)
    stored_before_route: bool = False

    @property
    def keys(self) -> list[str]:
        return [claim.key for claim in self.claims]


def route_view(result: dict, *, district: str = "", offices: dict | None = None) -> RouteView:
    """The route of a stored or fresh result; offices are those for the visitor's district."""
    programs = result["programs"]
    if offices is None:
        offices = offices_by_kind(kinds={OFFICE_KINDS[p["office"]] for p in programs.values() if p["office"] in OFFICE_KINDS}, district=district)
    titles = {key: program["title"] for key, program in programs.items()}

    def claim(key: str, amount, status: str) -> RouteClaim:
        office_key = programs[key]["office"]
        return RouteClaim(key, str(PROGRAM_LABELS[key]), titles[key], _decimal(amount), status, offices.get(OFFICE_KINDS.get(office_key)))

    def build(route: dict, alternatives: list) -> RouteView:
        return RouteView(
            claims=[claim(c["program"], c["monthly_amount"], c["status"]) for c in route["claims"]],
            instead_of=[claim(key, None, programs[key]["status"]) for key in route["instead_of"]],
            monthly_money=_decimal(route["monthly_money"]),
            need=_decimal(route["need"]),
            covers_need=route["covers_need"],
            reason=route["reason"],
            alternatives=alternatives,
        )

    route = result.get("route")
    if route is None:
        priority = result["priority"]
        return RouteView(
            claims=[claim(key, None, programs[key]["status"]) for key in priority["claim"]],
            instead_of=[claim(key, None, programs[key]["status"]) for key in priority["instead_of"]],
            monthly_money=None,
            need=None,
            covers_need=None,
            reason={"code": "", "message": priority["reason"], "citation": priority["citation"]},
            stored_before_route=True,
        )
    return build(route, [build(alternative, []) for alternative in route.get("alternatives", [])])


def result_view(result: dict, *, district: str = "") -> ResultView:
    """What the advisor sees; offices are those responsible for the visitor's district, if known."""
    programs = result["programs"]
    offices = offices_by_kind(kinds={OFFICE_KINDS[p["office"]] for p in programs.values() if p["office"] in OFFICE_KINDS}, district=district)
    cards = []
    for key, program in programs.items():
        steps = [{**step, "amount": _decimal(step["amount"])} for step in program["steps"]]
        cards.append(
            ProgramCard(
                key=key,
                title=program["title"],
                label=str(PROGRAM_LABELS[key]),
                status=program["status"],
                status_label=str(STATUS_LABELS[program["status"]]),
                badge=STATUS_BADGES[program["status"]],
                amount=_decimal(program["monthly_amount"]),
                office=offices.get(OFFICE_KINDS.get(program["office"])),
                steps=steps,
                reasons=program["reasons"],
            )
        )
    by_key = {card.key: card for card in cards}
    cards.sort(key=lambda c: (0 if c.status == "likely" else 1 if c.status == "possible" else 2, list(programs).index(c.key)))
    priority = result["priority"]
    options = [
        {"programs": [by_key[k].label for k in option["programs"]], "money": _decimal(option["monthly_money"])}
        for option in priority.get("options", [])
    ]
    return ResultView(
        cards=cards,
        claim=[by_key[k] for k in priority["claim"]],
        instead_of=[by_key[k] for k in priority["instead_of"]],
        priority_reason=priority["reason"],
        priority_citation=priority["citation"],
        options=options,
        documents=[(key, str(DOCUMENT_LABELS.get(key, key))) for key in result["documents"]],
        warnings=result["warnings"],
        as_of=date.fromisoformat(result["as_of"]),
        rules_version=result["rules_version"],
    )


FIELD_LABELS = {
    "as_of": _("Law as of"),
    "rent_cold": _("Cold rent"),
    "service_charges": _("Service charges"),
    "heating": _("Heating"),
    "tenure": _("Rent or own home"),
    "other_occupants": _("Other people in the flat (flat share)"),
    "relation": _("Relation to the person asking"),
    "age": _("Age"),
    "kind": _("Income"),
    "gross": _("Gross or amount (€ per month)"),
    "net": _("Net (€ per month, if known)"),
    "amount": _("Gross or amount (€ per month)"),
    "profit": _("Gross or amount (€ per month)"),
    "assets": _("Savings and other countable assets (€)"),
}


def field_label(path: str) -> str:
    """"members[1].incomes[0].gross" -> "Person 2 · Income 1 · Gross or amount (€ per month)"."""
    parts = []
    for piece in path.split("."):
        match = re.match(r"(\w+)\[(\d+)\]", piece)
        if match and match.group(1) == "members":
            parts.append(str(_("Person %(number)s") % {"number": int(match.group(2)) + 1}))
        elif match and match.group(1) == "incomes":
            parts.append(str(_("Income %(number)s") % {"number": int(match.group(2)) + 1}))
        elif piece not in ("housing", "place"):
            parts.append(str(FIELD_LABELS.get(piece, piece)))
    return " · ".join(parts)


def compare_runs(old: dict, new: dict) -> list[dict]:
    """Per programme: status and amount before and after, and the difference."""
    rows = []
    for key, after in new["programs"].items():
        before = old["programs"].get(key, {})
        old_amount = _decimal(before.get("monthly_amount")) if before.get("status") in CLAIMABLE else None
        new_amount = _decimal(after["monthly_amount"]) if after["status"] in CLAIMABLE else None
        rows.append(
            {
                "label": str(PROGRAM_LABELS[key]),
                "old_status": str(STATUS_LABELS.get(before.get("status"), "")),
                "new_status": str(STATUS_LABELS[after["status"]]),
                "old_amount": old_amount,
                "new_amount": new_amount,
                "difference": (new_amount or Decimal(0)) - (old_amount or Decimal(0)),
                "changed": before.get("status") != after["status"] or old_amount != new_amount,
            }
        )
    return rows


def input_changes(old: dict, new: dict) -> list[tuple[str, str, str]]:
    """Flattened differences between two households as entered: (field, before, after)."""

    def flatten(value, prefix=""):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield from flatten(inner, f"{prefix}.{key}" if prefix else key)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for index, inner in enumerate(value):
                yield from flatten(inner, f"{prefix}[{index}]")
        else:
            yield prefix, value

    before = dict(flatten(old))
    after = dict(flatten(new))
    changes = []
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key) and not key.endswith(".id"):
            changes.append((field_label(key), "" if before.get(key) is None else str(before[key]), "" if after.get(key) is None else str(after[key])))
    return changes
