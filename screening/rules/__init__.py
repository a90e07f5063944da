"""The screening engine: which benefit a household can probably get, which comes first,
and roughly how much — with the legal basis of every euro.

Pure Python: no Django, no database, no ``today()``. The input and output follow
``screening-contract.md``; ``evaluate(household)`` does the work, ``evaluate_json`` speaks
the contract's JSON, and ``python -m screening.rules`` is the command line.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from screening.rules import alg1, documents, family, loans, one_month, route, sgb2, sgb12, wohngeld
from screening.rules.household import Household, InputError
from screening.rules.income import net_of
from screening.rules.money import ZERO, cents
from screening.rules.params import ParameterError, ParamSet, digest, params_at
from screening.rules.parse import parse_household
from screening.rules.result import PROGRAMS, Reason, ScreeningResult, Status, Warning
from screening.rules.situation import build as build_situation
from screening.rules.situation import counts_first_claims

RULES_VERSION = "2026.12.0"

TITLES_BASE = {
    "sgb12_ch3": "Hilfe zum Lebensunterhalt (SGB XII, 3. Kapitel)",
    "sgb12_ch4": "Grundsicherung im Alter und bei Erwerbsminderung (SGB XII, 4. Kapitel)",
    "wohngeld": "Wohngeld",
    "kiz": "Kinderzuschlag",
    "kindergeld": "Kindergeld",
    "uvg": "Unterhaltsvorschuss",
    "alg1": "Arbeitslosengeld (ALG I)",
}

# Programmes whose status turns on an amount (a need against income, a maximum, a minimum);
# Kindergeld, UVG and ALG I turn on conditions, not on the amount.
AMOUNT_DECIDES_STATUS = frozenset({"sgb2", "sgb12_ch3", "sgb12_ch4", "wohngeld", "kiz"})

__all__ = ["InputError", "RULES_VERSION", "evaluate", "evaluate_json", "parse_household"]


def _means_tested(household: Household, p, warnings: list[Warning]) -> dict:
    """SGB II, SGB XII, Wohngeld and Kinderzuschlag, which depend on each other."""
    # Mixed households: what each system's people have left over counts in the other.
    with p.tracking("sgb12_ch3", "sgb12_ch4", "sgb2"):
        ch3_alone, ch4_alone = sgb12.evaluate(household, p, [], ZERO)
    surpluses = (ch4_alone.facts.get("surplus", ZERO), ch3_alone.facts.get("surplus", ZERO))
    # Both partners in Sozialhilfe (one in each chapter): each chapter already counts the
    # other partner's surplus, so what the couple has left for the others is the smaller one.
    sgb12_surplus = min(surpluses) if ch3_alone.members and ch4_alone.members else max(surpluses)
    sgb12_people = set(ch4_alone.members) | set(ch3_alone.members)
    with p.tracking("sgb2", "sgb12_ch3", "sgb12_ch4", "kiz", "uvg"):
        sgb2_result = sgb2.evaluate(household, p, warnings, sgb12_surplus if sgb12_people else ZERO)
    sgb2_surplus = ZERO
    if sgb2_result.facts:
        sgb2_surplus = max(ZERO, sgb2_result.facts["adult_income"] - sgb2_result.facts["remaining_need"])
    with p.tracking("sgb12_ch3", "sgb12_ch4"):
        ch3, ch4 = sgb12.evaluate(household, p, warnings, sgb2_surplus if sgb2_result.members else ZERO)
    with p.tracking("wohngeld", "kiz"):
        wohngeld_result = wohngeld.evaluate(household, p, warnings)
    with p.tracking("kiz"):
        kiz = family.kinderzuschlag(household, p, warnings, wohngeld_result.monthly_amount or ZERO, sgb2_result)
    return {"sgb2": sgb2_result, "sgb12_ch3": ch3, "sgb12_ch4": ch4, "wohngeld": wohngeld_result, "kiz": kiz}


def _decide(household: Household, warnings: list[Warning], p: ParamSet | None = None):
    """The ongoing route: programmes, the situation they are decided on, the route (with the
    law in force, or with the given parameter set — the draft comparison passes its own)."""
    if p is None:
        p = params_at(household.as_of, local=household.place.local_by_parameter)
    programs = _means_tested(household, p, warnings)
    with p.tracking("kindergeld"):
        programs["kindergeld"] = family.kindergeld(household, p)
    with p.tracking("uvg"):
        programs["uvg"] = family.unterhaltsvorschuss(household, p, programs["sgb2"])
    with p.tracking("alg1"):
        programs["alg1"] = alg1.evaluate(household, p, warnings)
    # Kindergeld, UVG and ALG I, where paid, are income in the means-tested programmes.
    for first in ("kindergeld", "uvg", "alg1"):
        if programs[first].status not in (Status.NOT_APPLICABLE, Status.EXCLUDED):
            for dependent in ("sgb2", "sgb12_ch3", "sgb12_ch4", "wohngeld", "kiz"):
                p.used_by.setdefault(dependent, set()).update(p.used_by[first])
    situation = build_situation(
        household,
        p,
        programs,
        _means_tested,
        income=household_net_income(household, p),
        subsistence_name=_subsistence_name(household),
    )
    # Wohngeld and Kinderzuschlag count the first claims as income, as their offices do; SGB II
    # and SGB XII keep their stand-alone amounts for comparison (the route has both).
    for key, result in (("wohngeld", situation.wohngeld), ("kiz", situation.kiz)):
        if result is not programs[key]:
            counts_first_claims(result, programs)
            programs[key] = result
    decided = route.decide(programs, situation)
    return p, programs, situation, decided


def _estimated_uses(programs: dict, p) -> set[str]:
    """The values the programmes with an estimate used (not those ruled out by a condition)."""
    names: set[str] = set()
    for key, result in programs.items():
        if result.status not in (Status.NOT_APPLICABLE, Status.EXCLUDED):
            names |= p.used_by.get(key, set())
    return names


def _provisional_is_not_likely(programs: dict, decided, p):
    """Flag every programme whose figures rest on values not yet officially known for the
    date; where its status turns on those amounts, "likely" would claim a certainty the engine
    does not have, so it becomes "possible" — on the card and in the route alike."""
    lowered = set()
    for key, result in programs.items():
        estimated = result.status not in (Status.NOT_APPLICABLE, Status.EXCLUDED)
        carried = p.provisional_used(p.used_by.get(key, ())) if estimated else []
        result.extra["provisional"] = bool(carried)
        if carried and key in AMOUNT_DECIDES_STATUS:
            lowered.add(key)  # also a relative's own claim of this programme in the route
        if carried and key in AMOUNT_DECIDES_STATUS and result.status == Status.LIKELY:
            result.status = Status.POSSIBLE
            families = ", ".join(dict.fromkeys(p.specs[name].description for name in carried))
            result.reasons.append(
                Reason(
                    "law_provisional",
                    f"Für den {p.as_of:%d.%m.%Y} sind diese Werte noch nicht amtlich bekannt: {families}. "
                    "Geschätzt mit den zuletzt bekannten Werten; deshalb nur „möglich“.",
                    "; ".join(dict.fromkeys(p.specs[name].citation for name in carried)),
                )
            )
    return route.lower_claims(decided, lowered) if lowered else decided


def evaluate(household: Household) -> ScreeningResult:
    warnings: list[Warning] = []
    p, programs, situation, decided = _decide(household, warnings)
    _cards_follow_the_route(programs, situation, decided)
    decided = _provisional_is_not_likely(programs, decided, p)
    draft = _wohngeld_draft(household, p, programs["wohngeld"])
    if draft is not None:
        programs["wohngeld"].extra["draft"] = draft
    order = {key: programs[key] for key in PROGRAMS}
    docs = documents.collect(household, order, decided.programs)
    titles = {**TITLES_BASE, "sgb2": sgb2.title(household.as_of)}
    one_month_claims = _one_month_claims(household, p, situation, decided)
    return ScreeningResult(
        as_of=household.as_of.isoformat(),
        rules_version=RULES_VERSION,
        parameter_digest=digest(),
        programs=order,
        titles=titles,
        route=decided,
        documents=docs,
        warnings=_final_warnings(warnings),
        law=p.law_json(_estimated_uses(programs, p)),
        one_month_claims=one_month_claims,
        loans=loans.loans(household, decided.programs) if household.debts else [],
    )


def _wohngeld_draft(household: Household, p: ParamSet, current) -> dict | None:
    """Wohngeld under a pending bill (BT-Drs. 21/8284 for 2027), for the advisor only.

    The same household is decided again, from the day the bill would apply (or ``as_of`` if
    later), with a separate parameter set that counts the bill's entries as law; nothing it looks
    up reaches the main set's ``used`` or the ``law`` block, and the route never uses the amount.
    Returns None where no bill is pending for the values this Wohngeld used, or where the bill
    gives the same amount. Once the promulgation is recorded, the entries are law and no longer
    pending, so there is nothing to compare."""
    if current.status in (Status.NOT_APPLICABLE, Status.EXCLUDED) or not current.monthly_amount:
        # No Wohngeld now: the pending bill (higher c, half the heating component, a 15 € minimum)
        # only lowers Wohngeld, so it gives none either — no second run needed.
        return None
    drafts = [d for name in sorted(p.used_by.get("wohngeld", ())) for d in p.specs[name].drafts]
    if not drafts:
        return None
    day = max(household.as_of, min(d.valid_from for d in drafts))
    draft_p = replace(p, as_of=day, include_drafts=True, used={}, used_by={}, _scopes=[])
    try:
        _p, programs, situation, decided = _decide(replace(household, as_of=day), [], draft_p)
    except ParameterError:
        return None
    _cards_follow_the_route(programs, situation, decided)
    amount = programs["wohngeld"].monthly_amount or ZERO
    if amount == (current.monthly_amount or ZERO):
        return None
    references = dict.fromkeys(d.reference for d in drafts if d.valid_from <= day)
    return {"monthly_amount": f"{cents(amount)}", "as_of": day.isoformat(), "reference": "; ".join(references)}


def _one_month_claims(household: Household, p, situation, decided) -> list:
    """One-off housing costs (issue 19): each month is checked on the ongoing route of that
    month, computed without the one-offs; the route itself never changes."""
    if not household.housing.one_off_costs:
        return []

    def evaluate_month(day: date):
        if day == household.as_of:
            return situation, decided, p
        month_p, _programs, month_situation, month_route = _decide(replace(household, as_of=day), [])
        return month_situation, month_route, month_p

    return one_month.claims(household, evaluate_month)


def _cards_follow_the_route(programs: dict, situation, decided) -> None:
    """A programme the route claims only for a relative, or Wohngeld only for the household
    members outside the family's SGB II / SGB XII, shows that result on its card."""
    beside = situation.wohngeld_beside
    if beside is not None and any(
        c.program == "wohngeld" and list(c.members) == beside.members for c in decided.claims
    ):
        programs["wohngeld"] = beside
    for relative in situation.relatives:
        key = relative.result.program
        if route.claimable(relative.result) and not route.claimable(programs[key]):
            programs[key] = relative.result


def household_net_income(household: Household, p) -> Decimal:
    """What the household has each month before any of the benefits screened here."""
    return cents(sum((net_of(i, p) for m in household.members for i in m.incomes), ZERO))


def _subsistence_name(household: Household) -> str:
    return "Grundsicherungsgeld" if household.as_of >= sgb2.NEW_LAW else "Bürgergeld"


def _final_warnings(warnings: list[Warning]) -> list[Warning]:
    """Each warning once. What is not officially known for the date is in ``law``, not here."""
    result: dict[tuple[str, str], Warning] = {}
    for w in warnings:
        result.setdefault((w.code, w.message), w)
    return list(result.values())


def evaluate_json(data: dict, *, as_of: date | None = None, today: date | None = None) -> dict:
    """Contract JSON in, contract JSON out. Raises InputError for invalid input."""
    household = parse_household(data, as_of=as_of, today=today)
    try:
        return evaluate(household).to_json()
    except ParameterError as error:
        raise InputError("as_of", f"no legal values for this date ({error})") from None
