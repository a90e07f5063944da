"""What the quick check tells the visitor: the one route to follow, in order.

The screening engine decides the route (``result["route"]``); this module only reads it
through ``presentation.route_view``: the benefits to apply for in route order, each with
what that office pays in the route, and the household's money per month with the route.
What the route replaces is named only as "instead of …", never as money on top, and the
alternatives the engine weighed are not shown to visitors at all.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.safestring import SafeString

from openarea.quick_check.household import answers_are_exact, household_json
from screening.labels import PROGRAM_LABELS
from screening.presentation import route_view
from screening.presentation_law import law_view
from screening.printout import instead_line
from screening.rules import evaluate_json

# What the visitor said they already get, as the engine's programme keys.
ALREADY_GETS = {"sgb2": ["sgb2"], "sgb12": ["sgb12_ch3", "sgb12_ch4"], "wohngeld": ["wohngeld"], "kindergeld": ["kindergeld"], "alg1": ["alg1"]}


@dataclass(frozen=True)
class Suggestion:
    key: str
    label: str
    likely: bool
    amount: Decimal | None
    office: object | None


@dataclass(frozen=True)
class BillsHelp:
    """What the result says about a high bill or a threatened cut-off (the ``bills`` answer).

    A one-off housing or heating cost is a need in the month it is due (§ 22 Abs. 1 SGB II,
    § 35 SGB XII), and the application reaches back only to the first day of the month it is
    made in (§ 37 Abs. 2 SGB II; § 44 Abs. 2 SGB XII for Grundsicherung): so it must be made
    before this month ends. A cut-off of electricity or gas needs a warning four weeks ahead and
    is not allowed when out of proportion (§ 19 Abs. 2 StromGVV / GasGVV); the supplier must
    offer interest-free instalments (§ 19 Abs. 5).
    """

    bill: bool  # a high bill for heating or service charges
    cutoff: bool  # electricity or gas is about to be cut off
    month: date  # the first day of this month (Europe/Berlin)
    apply_by: date  # the last day of this month
    office: str  # "jobcenter" or "sozialamt"


def bills_help(answers: dict, *, today: date) -> BillsHelp | None:
    answer = answers.get("bills", "")
    if answer not in ("bill", "cutoff"):
        return None
    last = calendar.monthrange(today.year, today.month)[1]
    receives = answers.get("receives", "").split(",")
    sozialamt = "sgb12" in receives or (
        "sgb2" not in receives and (answers.get("age") == "67+" or answers.get("situation") == "unable")
    )
    return BillsHelp(
        bill=answer == "bill",
        cutoff=answer == "cutoff",
        month=today.replace(day=1),
        apply_by=today.replace(day=last),
        office="sozialamt" if sozialamt else "jobcenter",
    )


@dataclass(frozen=True)
class QuickResult:
    suggestions: list[Suggestion]  # the route's claims not yet received, in route order
    shows_amounts: bool
    unverified: bool
    already: list[str]
    monthly_money: Decimal | None = None  # the household's money per month with the route
    adds: Decimal | None = None  # what the suggestions add, when the visitor already gets part of the route
    instead: SafeString | None = None  # "Statt Bürgergeld / Grundsicherungsgeld: Wohngeld und Kinderzuschlag"
    assets_first: bool = False
    nothing_to_add: bool = False  # the visitor already gets every benefit of the route
    bills: BillsHelp | None = None  # a high bill or a threatened cut-off: help for this month
    law_as_of: date | None = None  # issue 20: the date of the law the answer rests on
    law_incomplete: bool = False  # the law for that date is not fully known yet (values carried on)


def quick_result(answers: dict, *, today: date, place: dict | None = None) -> QuickResult:
    """``place``: the contract's place with the city's confirmed local values (issue 20)."""
    household = household_json(answers, today=today)
    if place:
        household["place"] = place
    result = evaluate_json(household)
    route = route_view(result)
    law = law_view(result)
    already = {key for value in answers.get("receives", "").split(",") for key in ALREADY_GETS.get(value, [])}
    exact = answers_are_exact(answers)
    suggestions = []
    for claim in route.claims:
        if claim.key in already:
            continue
        likely = claim.status == "likely"
        if claim.key == "uvg" and answers.get("maintenance") == "yes":
            # Regular maintenance may still be less than the Unterhaltsvorschuss.
            likely = False
        suggestions.append(Suggestion(claim.key, claim.label, likely, claim.amount if exact else None, claim.office))
    shows_amounts = exact and any(s.amount for s in suggestions)
    kept = [claim for claim in route.claims if claim.key in already]
    return QuickResult(
        suggestions=suggestions,
        shows_amounts=shows_amounts,
        unverified=bool(law.unverified) if law else any(w["code"] == "parameter_unverified" for w in result["warnings"]),
        already=[str(PROGRAM_LABELS[key]) for key in sorted(already) if key in PROGRAM_LABELS],
        monthly_money=route.monthly_money if shows_amounts else None,
        adds=sum((s.amount for s in suggestions if s.amount), Decimal(0)) if shows_amounts and kept else None,
        instead=instead_line(route),
        assets_first=route.reason.get("code") == "assets_first",
        nothing_to_add=bool(kept) and not suggestions,
        bills=bills_help(answers, today=today),
        law_as_of=law.as_of if law else date.fromisoformat(result["as_of"]),
        law_incomplete=bool(law and not law.complete),
    )
