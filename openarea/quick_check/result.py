"""What the quick check tells the visitor: which benefits may be worth asking about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from openarea.quick_check.household import answers_are_exact, household_json
from screening.labels import PROGRAM_LABELS
from screening.presentation import result_view
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
class QuickResult:
    suggestions: list[Suggestion]
    claim_first: list[str]
    shows_amounts: bool
    unverified: bool
    already: list[str]


MEANS_TESTED = {"sgb2", "sgb12_ch3", "sgb12_ch4"}


def _claim_first(claim: list, suggested: set[str]) -> list[str]:
    """Benefits that come before Bürgergeld or Sozialhilfe (Vorrang), when both are suggested."""
    if not suggested & MEANS_TESTED:
        return []
    return [card.label for card in claim if card.key in suggested and card.key not in MEANS_TESTED]


def quick_result(answers: dict, *, today: date) -> QuickResult:
    result = evaluate_json(household_json(answers, today=today))
    view = result_view(result)
    already = {key for value in answers.get("receives", "").split(",") for key in ALREADY_GETS.get(value, [])}
    exact = answers_are_exact(answers)
    suggestions = []
    for card in view.claimable:
        if card.key in already:
            continue
        likely = card.status == "likely"
        if card.key == "uvg" and answers.get("maintenance") == "yes":
            # Regular maintenance may still be less than the Unterhaltsvorschuss.
            likely = False
        suggestions.append(Suggestion(card.key, card.label, likely, card.amount if exact else None, card.office))
    suggested = {suggestion.key for suggestion in suggestions}
    return QuickResult(
        suggestions=suggestions,
        claim_first=_claim_first(view.claim, suggested),
        shows_amounts=exact and any(s.amount for s in suggestions),
        unverified=any(w["code"] == "parameter_unverified" for w in view.warnings),
        already=[str(PROGRAM_LABELS[key]) for key in sorted(already) if key in PROGRAM_LABELS],
    )
