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

from screening.rules import alg1, documents, family, route, sgb2, sgb12, wohngeld
from screening.rules.household import Household, Income, InputError
from screening.rules.income import net_of
from screening.rules.money import ZERO, cents
from screening.rules.params import ParameterError, digest, params_at
from screening.rules.parse import parse_household
from screening.rules.result import PROGRAMS, Reason, ScreeningResult, Status, Warning

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

__all__ = ["InputError", "RULES_VERSION", "evaluate", "evaluate_json", "parse_household"]


def _means_tested(household: Household, p, warnings: list[Warning]) -> dict:
    """SGB II, SGB XII, Wohngeld and Kinderzuschlag, which depend on each other."""
    # Mixed households: what each system's people have left over counts in the other.
    ch3_alone, ch4_alone = sgb12.evaluate(household, p, [], ZERO)
    sgb12_surplus = max(ch4_alone.facts.get("surplus", ZERO), ch3_alone.facts.get("surplus", ZERO))
    sgb12_people = set(ch4_alone.members) | set(ch3_alone.members)
    sgb2_result = sgb2.evaluate(household, p, warnings, sgb12_surplus if sgb12_people else ZERO)
    sgb2_surplus = ZERO
    if sgb2_result.facts:
        sgb2_surplus = max(ZERO, sgb2_result.facts["adult_income"] - sgb2_result.facts["remaining_need"])
    ch3, ch4 = sgb12.evaluate(household, p, warnings, sgb2_surplus if sgb2_result.members else ZERO)
    wohngeld_result = wohngeld.evaluate(household, p, warnings)
    kiz = family.kinderzuschlag(household, p, warnings, wohngeld_result.monthly_amount or ZERO, sgb2_result)
    return {"sgb2": sgb2_result, "sgb12_ch3": ch3, "sgb12_ch4": ch4, "wohngeld": wohngeld_result, "kiz": kiz}


def _after_first_claims(household: Household, alg1_estimates: dict, new_uvg: dict) -> Household:
    """The household once the benefits to claim first are paid: estimated ALG I, new UVG
    (§ 12a Satz 1 SGB II). The route between Wohngeld/KiZ and SGB II is decided on it."""

    def updated(member):
        if member.id in alg1_estimates:
            member = replace(member, incomes=(*member.incomes, Income(kind="alg1", amount=alg1_estimates[member.id])), alg1_basis=None)
        if member.id in new_uvg:
            member = replace(member, incomes=(*member.incomes, Income(kind="uvg", amount=new_uvg[member.id])))
        return member

    return replace(household, members=tuple(updated(m) for m in household.members))


def _counts_first_claims(result, first: list) -> None:
    names = [route.NAMES[claim.program] for claim in first if claim.program in ("alg1", "uvg")]
    if names and result.status != Status.NOT_APPLICABLE:
        result.reasons.append(
            Reason(
                "counts_first_claims",
                f"Gerechnet mit dem vorrangig zu beantragenden {' und '.join(names)} als Einkommen, so wie die zahlende Stelle es anrechnet.",
                "§ 12a Satz 1 SGB II; § 14 Abs. 2 WoGG; § 6a Abs. 3 BKGG",
            )
        )


def evaluate(household: Household) -> ScreeningResult:
    p = params_at(household.as_of)
    warnings: list[Warning] = []
    programs = _means_tested(household, p, warnings)
    programs["kindergeld"] = family.kindergeld(household, p)
    programs["uvg"] = family.unterhaltsvorschuss(household, p, programs["sgb2"])
    programs["alg1"] = alg1.evaluate(household, p, warnings)
    estimated = programs["alg1"].facts.get("estimated", {})
    new_uvg = programs["uvg"].facts.get("new_per_child", {}) if programs["uvg"].status in route.CLAIMABLE else {}
    means = {key: programs[key] for key in ("sgb2", "sgb12_ch3", "sgb12_ch4", "wohngeld", "kiz")}
    if estimated or new_uvg:
        means = _means_tested(_after_first_claims(household, estimated, new_uvg), p, [])
        # Wohngeld and Kinderzuschlag count the first claims as income as their offices do;
        # SGB II and SGB XII keep their stand-alone amounts for comparison (the route has both).
        first = route.first_claims(programs)
        for key in ("wohngeld", "kiz"):
            _counts_first_claims(means[key], first)
            programs[key] = means[key]
    decided = route.decide(
        household,
        programs,
        means,
        income=household_net_income(household, p),
        subsistence_name=_subsistence_name(household),
    )
    order = {key: programs[key] for key in PROGRAMS}
    docs = documents.collect(household, order, decided.programs)
    titles = {**TITLES_BASE, "sgb2": sgb2.title(household.as_of)}
    return ScreeningResult(
        as_of=household.as_of.isoformat(),
        rules_version=RULES_VERSION,
        parameter_digest=digest(),
        programs=order,
        titles=titles,
        route=decided,
        documents=docs,
        warnings=_final_warnings(warnings, p),
    )


def household_net_income(household: Household, p) -> Decimal:
    """What the household has each month before any of the benefits screened here."""
    return cents(sum((net_of(i, p) for m in household.members for i in m.incomes), ZERO))


def _subsistence_name(household: Household) -> str:
    return "Grundsicherungsgeld" if household.as_of >= sgb2.NEW_LAW else "Bürgergeld"


def _final_warnings(warnings: list[Warning], p) -> list[Warning]:
    result: dict[tuple[str, str], Warning] = {}
    for name, entry in p.unverified_used():
        w = Warning("parameter_unverified", f"Nicht bestätigter Wert: {p.specs[name].description} ({entry.reference}).")
        result[(w.code, w.message)] = w
    beyond = p.beyond_known()
    if beyond:
        names = ", ".join(p.specs[n].description for n in beyond)
        w = Warning("parameter_beyond_known_date", f"Für den {p.as_of:%d.%m.%Y} sind nicht alle Werte bekannt; verwendet wurden die letzten bekannten: {names}.")
        result[(w.code, w.message)] = w
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
