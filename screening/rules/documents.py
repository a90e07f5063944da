"""What to bring: stable document keys per programme, for the checklist printout."""

from __future__ import annotations

from screening.rules.household import Household
from screening.rules.result import ProgramResult, Status


def documents_for(program: str, household: Household) -> list[str]:
    members = household.members
    has_income = any(m.incomes for m in members)
    has_children = bool(household.children)
    has_pension = any(i.kind == "pension" for m in members for i in m.incomes)
    has_alg1 = any(i.kind == "alg1" for m in members for i in m.incomes)
    disabled = any(m.disability_degree or m.merkzeichen_g for m in members)
    renting = household.housing.tenure == "rent"
    docs: list[str] = ["identity"]
    if any(m.residence != "settled" for m in members):
        docs.append("residence_permit")
    if program == "sgb2":
        docs += ["registration_certificate", "rent_contract" if renting else "ownership_costs", "service_charge_statement", "bank_statements_3_months", "health_insurance_proof", "asset_proofs"]
        if has_income:
            docs.append("income_proof_3_months")
        if has_children:
            docs.append("child_benefit_notice")
    elif program in ("sgb12_ch3", "sgb12_ch4"):
        docs += ["rent_contract" if renting else "ownership_costs", "bank_statements_3_months", "health_insurance_proof", "asset_proofs"]
        if program == "sgb12_ch4":
            docs.append("reduced_earning_capacity_notice" if not has_pension else "pension_notice")
        if has_income:
            docs.append("income_proof_3_months")
    elif program == "wohngeld":
        docs += ["rent_contract" if renting else "ownership_costs", "rent_certificate", "income_proof_12_months"]
    elif program == "kiz":
        docs += ["income_proof_6_months", "rent_contract" if renting else "ownership_costs", "heating_cost_proof", "child_benefit_notice"]
    elif program == "kindergeld":
        docs += ["birth_certificate", "tax_id_parent_and_child"]
    elif program == "uvg":
        docs += ["birth_certificate", "proof_of_paternity_or_divorce", "maintenance_proof"]
    elif program == "alg1":
        docs += ["employment_certificate", "termination_notice", "bank_details"]
    if has_pension and "pension_notice" not in docs and program in ("sgb2", "wohngeld", "sgb12_ch3"):
        docs.append("pension_notice")
    if has_alg1 and program in ("sgb2", "wohngeld", "sgb12_ch3", "sgb12_ch4"):
        docs.append("alg1_notice")
    if disabled and program in ("sgb12_ch3", "sgb12_ch4", "wohngeld", "sgb2"):
        docs.append("disability_pass")
    return docs


def collect(household: Household, programs: dict[str, ProgramResult], claim: list[str]) -> list[str]:
    """Documents for the programmes to claim (or, without a decision, all likely ones), in order."""
    ordered: dict[str, None] = {}
    for key, result in programs.items():
        if result.status in (Status.LIKELY, Status.POSSIBLE):
            result.documents = documents_for(key, household)
    for key in claim or [k for k, r in programs.items() if r.documents]:
        for doc in programs[key].documents or documents_for(key, household):
            ordered[doc] = None
    return list(ordered)
