"""Which benefit comes first (Nachrang/Vorrang): § 12a SGB II, § 5 Abs. 3 SGB II, § 2 SGB XII.

The result names what to claim first, what it replaces, why (with the citation), and the
household's monthly money under each realistic option, so that an advisor can show that
a household is better off with one route than another.
"""

from __future__ import annotations

from decimal import Decimal

from screening.rules.household import Household
from screening.rules.income import net_of
from screening.rules.money import ZERO, cents, de, fmt
from screening.rules.params import ParamSet
from screening.rules.result import ProgramResult, Status

CLAIMABLE = (Status.LIKELY, Status.POSSIBLE)


def _claimable(result: ProgramResult) -> bool:
    return result.status in CLAIMABLE and (result.monthly_amount or ZERO) > 0


def household_net_income(household: Household, p: ParamSet) -> Decimal:
    """What the household has each month before any of the benefits screened here."""
    return cents(sum((net_of(i, p) for m in household.members for i in m.incomes), ZERO))


def decide(
    household: Household,
    p: ParamSet,
    programs: dict[str, ProgramResult],
    after: tuple[Household, dict[str, ProgramResult]] | None = None,
) -> dict:
    """``after``: the household and its means-tested results once estimated ALG I is paid."""
    claim: list[str] = []
    instead_of: list[str] = []
    reasons: list[str] = []
    citations: list[str] = []
    for key, why in (
        ("alg1", "Arbeitslosengeld ist vorrangig und wird auf die Grundsicherung angerechnet."),
        ("kindergeld", "Kindergeld ist vorrangig zu beantragen."),
        ("uvg", "Unterhaltsvorschuss ist vorrangig zu beantragen, wenn der andere Elternteil keinen (ausreichenden) Unterhalt zahlt."),
    ):
        if _claimable(programs[key]):
            claim.append(key)
            reasons.append(why)
    if claim:
        citations.append("§ 12a Satz 1 SGB II; § 2 Abs. 1 SGB XII")

    view = programs
    base = household_net_income(household, p)
    if after is not None:
        after_household, after_programs = after
        view = {**programs, **after_programs}
        base = household_net_income(after_household, p)
        if programs["sgb2"].status in CLAIMABLE and after_programs["sgb2"].status not in CLAIMABLE:
            instead_of.append("sgb2")
            reasons.append(f"Mit dem Arbeitslosengeld ist der Bedarf gedeckt; {_sgb2_name(household)} ist dann nicht nötig.")
            citations.append("§ 12a Satz 1 SGB II")
    sgb2 = view["sgb2"]
    wohngeld = view["wohngeld"]
    kiz = view["kiz"]
    # Kindergeld is not an input income; UVG to claim is part of the household "after" (no double count).
    child_benefits = programs["kindergeld"].monthly_amount if _claimable(programs["kindergeld"]) else ZERO
    if after is None and _claimable(programs["uvg"]):
        already = sum((i.paid_amount for c in household.children for i in c.incomes if i.kind == "uvg"), ZERO)
        child_benefits += max(ZERO, programs["uvg"].monthly_amount - already)
    options = []
    wg_amount = wohngeld.monthly_amount if _claimable(wohngeld) else ZERO
    kiz_amount = (kiz.monthly_amount or ZERO) if kiz.status in CLAIMABLE or kiz.facts.get("amount_if_need_avoided") else ZERO
    if sgb2.status in CLAIMABLE:
        shortfall = sgb2.facts.get("shortfall", ZERO)
        sgb2_total = cents(base + child_benefits + (sgb2.monthly_amount or ZERO))
        options.append({"programs": sorted({"sgb2", *claim}), "monthly_money": fmt(sgb2_total)})
        if wg_amount or kiz_amount:
            alt_programs = sorted({*claim, *(["wohngeld"] if wg_amount else []), *(["kiz"] if kiz_amount else [])})
            alt_total = cents(base + child_benefits + wg_amount + kiz_amount)
            options.append({"programs": alt_programs, "monthly_money": fmt(alt_total)})
            if wg_amount + kiz_amount >= shortfall:
                for key in ("wohngeld", "kiz"):
                    if key in alt_programs and key not in claim:
                        claim.append(key)
                instead_of.append("sgb2")
                names = " und ".join(n for n, a in (("Wohngeld", wg_amount), ("Kinderzuschlag", kiz_amount)) if a)
                reasons.append(
                    f"{names} ({de(wg_amount + kiz_amount)}) decken zusammen mit dem Einkommen den Bedarf der ganzen Bedarfsgemeinschaft; sie gehen dem {_sgb2_name(household)} vor, wenn das für mindestens drei Monate gilt."
                )
                citations.append("§ 12a Satz 2 Nr. 2 SGB II")
            else:
                claim.append("sgb2")
                reasons.append(
                    f"Wohngeld/Kinderzuschlag ({de(wg_amount + kiz_amount)}) würden den Bedarf nicht decken (es fehlen {de(shortfall)}): Mit {_sgb2_name(household)} steht der Haushalt besser ({de(sgb2_total)} statt {de(alt_total)} im Monat)."
                )
                citations.append("§ 12a Satz 2 Nr. 2 SGB II; § 7 Abs. 1 WoGG")
        else:
            claim.append("sgb2")
            reasons.append(f"{_sgb2_name(household)} beantragen: vorrangige Leistungen decken den Bedarf nicht.")
            citations.append("§ 9, § 12a SGB II")
    for chapter in ("sgb12_ch4", "sgb12_ch3"):
        social = view[chapter]
        if social.status not in CLAIMABLE:
            continue
        shortfall = social.facts.get("shortfall", ZERO)
        social_total = cents(base + child_benefits + (social.monthly_amount or ZERO))
        options.append({"programs": sorted({chapter, *claim}), "monthly_money": fmt(social_total)})
        if not wg_amount:
            claim.append(chapter)
            reasons.append(f"Sozialhilfe beantragen: vorrangige Leistungen decken den Bedarf nicht ({de(social.monthly_amount)}).")
            citations.append("§ 2, § 19 SGB XII")
        if wg_amount:
            options.append({"programs": sorted({"wohngeld", *claim}), "monthly_money": fmt(cents(base + child_benefits + wg_amount))})
            if wg_amount >= shortfall:
                if "wohngeld" not in claim:
                    claim.append("wohngeld")
                instead_of.append(chapter)
                reasons.append(f"Wohngeld ({de(wg_amount)}) deckt den ungedeckten Bedarf von {de(shortfall)}; Sozialhilfe ist nachrangig.")
                citations.append("§ 2 Abs. 1 SGB XII")
            else:
                claim.append(chapter)
                reasons.append(f"Wohngeld ({de(wg_amount)}) reicht nicht; Sozialhilfe beantragen ({de(social.monthly_amount)}).")
                citations.append("§ 2 SGB XII; § 7 Abs. 1 WoGG")
    if sgb2.status not in CLAIMABLE and not any(view[c].status in CLAIMABLE for c in ("sgb12_ch3", "sgb12_ch4")):
        for key in ("wohngeld", "kiz"):
            if _claimable(view[key]) and key not in claim:
                claim.append(key)
        if wg_amount or kiz_amount:
            reasons.append("Keine Grundsicherung nötig; Wohngeld bzw. Kinderzuschlag ergänzen das Einkommen.")
            citations.append("§ 1 WoGG; § 6a BKGG")
    return {
        "claim": claim,
        "instead_of": instead_of,
        "reason": " ".join(reasons),
        "citation": "; ".join(dict.fromkeys(citations)),
        "options": options,
    }


def _sgb2_name(household: Household) -> str:
    from screening.rules.sgb2 import NEW_LAW

    return "Grundsicherungsgeld" if household.as_of >= NEW_LAW else "Bürgergeld"
