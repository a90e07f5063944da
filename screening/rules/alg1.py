"""Arbeitslosengeld (SGB III): a rough estimate from the last gross wage.

Data gaps: the exact Bemessungsentgelt (12 months, daily amounts, BBG), tax class and
Kirchensteuer are not asked; the wage tax is a rough band estimate.
"""

from __future__ import annotations

from screening.rules.household import Household
from screening.rules.income import estimated_tax
from screening.rules.money import ZERO, cents
from screening.rules.params import ParamSet
from screening.rules.people import gets_kindergeld, reached_regelaltersgrenze
from screening.rules.result import ProgramResult, Reason, Status, Step, Warning


def evaluate(household: Household, p: ParamSet, warnings: list[Warning]) -> ProgramResult:
    result = ProgramResult("alg1", Status.NOT_APPLICABLE)
    rules = p["alg1.arbeitslosengeld"]
    total = ZERO
    any_basis = False
    unknown_amount = False
    for member in household.members:
        received = [i for i in member.incomes if i.kind == "alg1"]
        if received or "alg1" in member.already_receives:
            amount = sum((i.paid_amount for i in received), ZERO)
            result.members.append(member.id)
            result.steps.append(Step("alg1_bezug", "Arbeitslosengeld wird bereits bezogen", amount if received else None, "§ 136 SGB III", member.id))
            total += amount
            unknown_amount = unknown_amount or not received
            continue
        basis = member.alg1_basis
        if basis is None:
            continue
        if reached_regelaltersgrenze(member, household.as_of, p):
            any_basis = True
            result.reasons.append(Reason("alg1_after_retirement_age", f"{member.id} hat die Regelaltersgrenze erreicht; Arbeitslosengeld gibt es dann nicht mehr.", "§ 136 Abs. 2 SGB III", {"member": member.id}))
            continue
        any_basis = True
        if basis.insured_months_last_30 < rules["min_insured_months"]:
            result.reasons.append(Reason("anwartschaft_missing", f"{member.id}: weniger als {rules['min_insured_months']} Monate versichert in den letzten 30 Monaten.", "§ 142, § 143 SGB III", {"member": member.id}))
            continue
        gross = basis.last_gross_wage
        flat = cents(gross * rules["social_insurance_flat"])
        tax = estimated_tax(gross, p)
        leistungsentgelt = gross - flat - tax
        has_child = basis.has_child or any(gets_kindergeld(c, p) for c in household.children)
        rate = rules["rate_with_child"] if has_child else rules["rate"]
        amount = cents(leistungsentgelt * rate)
        result.steps.extend(
            [
                Step("alg1_bemessungsentgelt", "Bemessungsentgelt (letzter Bruttolohn)", gross, "§ 151 SGB III", member.id),
                Step("alg1_sv_pauschale", "Sozialversicherungspauschale 20 %", -flat, "§ 153 Abs. 1 Nr. 1 SGB III", member.id),
                Step("alg1_lohnsteuer", "Lohnsteuer (grob geschätzt)", -tax, p.cite("alg1.lohnsteuer_grob"), member.id),
                Step("alg1_satz", f"Leistungssatz {rate * 100:.0f} %", amount, "§ 149 SGB III", member.id),
            ]
        )
        warnings.append(Warning("alg1_estimated", f"Arbeitslosengeld für {member.id} grob geschätzt; den Betrag berechnet die Agentur für Arbeit."))
        result.members.append(member.id)
        result.facts.setdefault("estimated", {})[member.id] = amount
        total += amount
    if not result.members:
        if any_basis:
            result.status = Status.UNLIKELY
        else:
            result.reasons.append(Reason("no_alg1_basis", "Niemand ist kürzlich arbeitslos geworden (keine Angaben zum letzten Lohn).", "§ 137 SGB III"))
        return result
    result.monthly_amount = None if unknown_amount and not total else total
    result.status = Status.LIKELY
    result.reasons.append(Reason("alg1_first", "Arbeitslosengeld ist vorrangig: zuerst bei der Agentur für Arbeit arbeitslos melden und beantragen.", "§ 137 SGB III; § 12a SGB II"))
    return result
