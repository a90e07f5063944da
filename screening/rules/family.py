"""Kindergeld, Unterhaltsvorschuss and Kinderzuschlag.

Data gaps: whether a partner is the other parent or a new spouse (Unterhaltsvorschuss),
whether maintenance is paid regularly, orphan's pensions (counted as "other" income of the
child), and the Familienkasse's official Wohnkostenanteil table (computed here from the
Existenzminimumbericht).
"""

from __future__ import annotations

from decimal import Decimal

from screening.rules import sgb2
from screening.rules.household import Household, Member
from screening.rules.income import gross_earnings
from screening.rules.money import ZERO, cents, de, euros_down, positive
from screening.rules.needs import regelbedarf, single_parent_share
from screening.rules.params import ParamSet
from screening.rules.people import gets_kindergeld, minor_children
from screening.rules.result import ProgramResult, Reason, Status, Step, Warning


def kindergeld(household: Household, p: ParamSet) -> ProgramResult:
    result = ProgramResult("kindergeld", Status.NOT_APPLICABLE)
    children = [c for c in household.children if gets_kindergeld(c, p)]
    if not children:
        result.reasons.append(Reason("no_eligible_child", "Kein Kind unter 18 (oder unter 25 in Ausbildung) im Haushalt.", "§ 32 Abs. 3, 4 EStG"))
        return result
    amount = p["family.kindergeld"]
    for child in children:
        result.steps.append(Step("kindergeld", "Kindergeld", amount, p.cite("family.kindergeld"), child.id))
    result.members = [c.id for c in children]
    result.monthly_amount = amount * len(children)
    result.status = Status.LIKELY
    result.reasons.append(Reason("children_eligible", "Für jedes Kind unter 18 (in Ausbildung unter 25) gibt es Kindergeld; es ist vorrangig zu beantragen.", "§ 62, § 66 EStG; § 12a SGB II"))
    if any(c.residence != "settled" for c in children) or any(m.residence != "settled" for m in household.parents):
        result.status = Status.POSSIBLE
        result.reasons.append(Reason("residence_check", "Der Anspruch hängt vom Aufenthaltsstatus ab.", "§ 62 Abs. 2 EStG"))
    return result


def _uvg_ends_need(child: Member, uvg: Decimal, household: Household, p: ParamSet, sgb2_result: ProgramResult) -> bool:
    """Would Kindergeld, UVG and the child's own income cover the child's SGB II need?"""
    need = sgb2_result.facts.get("needs", {}).get(child.id)
    if need is None:
        return True  # the child is not in the Bedarfsgemeinschaft anyway
    own = positive(sgb2.counted_income(child, household, p, [], with_child=False).amount)
    kindergeld = p["family.kindergeld"] if gets_kindergeld(child, p) else ZERO
    already = sum((i.paid_amount for i in child.incomes if i.kind == "uvg"), ZERO)
    return own - already + kindergeld + uvg >= need


def _uvg_amount(child: Member, p: ParamSet) -> Decimal:
    table = p["family.unterhaltsvorschuss"]
    if child.age <= 5:
        return table["age_0_5"]
    if child.age <= 11:
        return table["age_6_11"]
    return table["age_12_17"]


def unterhaltsvorschuss(household: Household, p: ParamSet, sgb2_result: ProgramResult) -> ProgramResult:
    result = ProgramResult("uvg", Status.NOT_APPLICABLE)
    children = list(minor_children(household))
    if not children:
        result.reasons.append(Reason("no_minor_child", "Kein Kind unter 18 Jahren im Haushalt.", "§ 1 Abs. 1 UVG"))
        return result
    applicant = household.applicant
    parent_gross = sum((gross_earnings(i, p) for i in applicant.incomes if i.is_earned), ZERO) + sum((i.paid_amount for i in applicant.incomes if not i.is_earned and i.kind in ("alg1", "sickness_benefit", "parental_allowance", "pension")), ZERO)
    table = p["family.unterhaltsvorschuss"]
    total = ZERO
    eligible = []
    for child in children:
        amount = _uvg_amount(child, p)
        if (
            child.age >= 12
            and parent_gross < table["min_parent_income_12_17"]
            and sgb2_result.status in (Status.LIKELY, Status.POSSIBLE)
            and not _uvg_ends_need(child, amount, household, p, sgb2_result)
        ):
            result.reasons.append(Reason("uvg_12_17_condition", f"Für {child.id} (12–17 Jahre) nur, wenn das Kind kein SGB II bezieht oder der Elternteil mindestens {de(table['min_parent_income_12_17'])} brutto verdient.", "§ 1 Abs. 1a UVG", {"member": child.id}))
            continue
        maintenance = sum((i.paid_amount for i in child.incomes if i.kind == "maintenance"), ZERO)
        result.steps.append(Step("uvg_betrag", f"Unterhaltsvorschuss (Alter {child.age})", amount, p.cite("family.unterhaltsvorschuss"), child.id))
        if maintenance:
            result.steps.append(Step("uvg_unterhalt", "Gezahlter Unterhalt wird abgezogen", -maintenance, "§ 2 Abs. 3 Nr. 1 UVG", child.id))
        net = positive(amount - maintenance)
        if net > 0:
            eligible.append(child.id)
            total += net
            if not any(i.kind == "uvg" for i in child.incomes):
                result.facts.setdefault("new_per_child", {})[child.id] = net
    result.members = eligible
    if not eligible:
        result.status = Status.UNLIKELY
        if not result.reasons:
            result.reasons.append(Reason("maintenance_covers", "Der gezahlte Unterhalt ist mindestens so hoch wie der Unterhaltsvorschuss.", "§ 2 Abs. 3 UVG"))
        return result
    if household.partner is not None:
        # Usually the partner is the other parent or a new spouse; both exclude UVG.
        result.status = Status.UNLIKELY
        result.reasons.append(Reason("uvg_partner_question", "Das Kind lebt mit zwei Erwachsenen: Ist der Partner der andere Elternteil oder der neue Ehepartner, gibt es keinen Unterhaltsvorschuss. Nur bei einem unverheirateten neuen Partner weiter prüfen.", "§ 1 Abs. 1 Nr. 2, Abs. 3 UVG"))
        return result
    result.monthly_amount = total
    result.status = Status.LIKELY
    result.reasons.append(Reason("single_parent_child", "Das Kind lebt bei einem alleinerziehenden Elternteil; Unterhaltsvorschuss ist vorrangig zu beantragen, falls der andere Elternteil nicht (genug) zahlt.", "§ 1 UVG; § 12a SGB II"))
    already = any(i.kind == "uvg" for c in children for i in c.incomes)
    if already:
        result.reasons.append(Reason("uvg_already_received", "Unterhaltsvorschuss wird bereits bezogen.", "§ 1 UVG"))
    return result


def wohnkostenanteil(household: Household, children: int, p: ParamSet) -> Decimal:
    """Share of the housing costs that belongs to the parents (§ 6a Abs. 5 BKGG)."""
    table = p["family.kinderzuschlag_wohnexistenzminimum"]
    parents = table["couple"] if household.partner is not None else table["single"]
    return parents / (parents + table["child"] * min(children, 10))


def kinderzuschlag(household: Household, p: ParamSet, warnings: list[Warning], wohngeld_amount: Decimal, sgb2_result: ProgramResult) -> ProgramResult:
    result = ProgramResult("kiz", Status.NOT_APPLICABLE)
    rules = p["family.kinderzuschlag"]
    children = [c for c in household.children if gets_kindergeld(c, p) and c.age < rules["age_limit"]]
    if not children:
        result.reasons.append(Reason("no_eligible_child", "Kein Kind mit Kindergeld im Haushalt.", "§ 6a Abs. 1 Nr. 1 BKGG"))
        return result
    parents = list(household.parents)
    gross = sum(
        (gross_earnings(i, p) if i.is_earned else (i.gross or i.paid_amount) for m in parents for i in m.incomes if i.kind not in ("uvg", "maintenance")),
        ZERO,
    )
    minimum = rules["min_income_couple"] if household.partner is not None else rules["min_income_single"]
    result.steps.append(Step("kiz_mindesteinkommen", f"Bruttoeinkommen der Eltern (Mindesteinkommen {de(minimum)})", gross, "§ 6a Abs. 1 Nr. 2 BKGG"))
    if gross < minimum:
        result.status = Status.UNLIKELY
        result.reasons.append(Reason("below_minimum_income", f"Die Eltern verdienen weniger als das Mindesteinkommen von {de(minimum)} brutto.", "§ 6a Abs. 1 Nr. 2 BKGG", {"gross": gross, "minimum": minimum}))
        return result

    # Bemessungsgrenze: the parents' own need with their share of the housing costs.
    h = household.housing
    heads = Decimal(household.size) / Decimal(household.size + h.other_occupants)
    housing = (h.gross_cold_rent + h.heating) * heads
    share = wohnkostenanteil(household, len(children), p)
    couple = household.partner is not None
    need = regelbedarf(2, p) * 2 if couple else regelbedarf(1, p)
    need += cents(regelbedarf(1, p) * single_parent_share(household, p))
    parents_housing = cents(housing * share)
    limit = need + parents_housing
    result.steps.append(Step("kiz_elternbedarf", "Regelbedarf und Mehrbedarfe der Eltern", need, "§ 6a Abs. 5 BKGG; § 20 SGB II"))
    result.steps.append(Step("kiz_wohnkostenanteil", f"Wohnkostenanteil der Eltern ({share * 100:.2f} %)", parents_housing, p.cite("family.kinderzuschlag_wohnexistenzminimum")))
    # Parents' income as in SGB II, rounded down to whole euros (§ 11 Abs. 2 BKGG).
    income = ZERO
    has_minor = any(c.age < 18 for c in household.children)
    for parent in parents:
        income += sgb2.counted_income(parent, household, p, warnings, with_child=has_minor).amount
    income = euros_down(income)
    result.steps.append(Step("kiz_elterneinkommen", "Anrechenbares Einkommen der Eltern", income, "§ 6a Abs. 5 BKGG; § 11b SGB II"))
    reduction = ZERO
    if income > limit:
        reduction = cents((income - limit) * rules["withdrawal_parents"])
        result.steps.append(Step("kiz_abschmelzung_eltern", "45 % des Einkommens über der Bemessungsgrenze", -reduction, "§ 6a Abs. 6 Satz 3 BKGG"))
    total = ZERO
    for child in children:
        # The child's income after the SGB II allowances (§ 6a Abs. 3 BKGG → §§ 11–11b SGB II).
        own = positive(sgb2.counted_income(child, household, p, warnings, with_child=False).amount)
        child_amount = positive(rules["max_per_child"] - cents(own * rules["withdrawal_child"]))
        result.steps.append(Step("kiz_hoechstbetrag", "Höchstbetrag Kinderzuschlag", rules["max_per_child"], p.cite("family.kinderzuschlag"), child.id))
        if own:
            result.steps.append(Step("kiz_kindeseinkommen", "45 % des eigenen Einkommens des Kindes (Unterhalt, UVG, …)", -cents(own * rules["withdrawal_child"]), "§ 6a Abs. 3 BKGG", child.id))
        total += child_amount
    amount = cents(positive(total - reduction))
    result.members = [c.id for c in children]
    assets = sum((m.assets for m in household.members), ZERO)
    vermoegen = p["family.kinderzuschlag_vermoegen"]
    asset_limit = vermoegen["first_person"] + vermoegen["each_further"] * (household.size - 1)
    if assets > asset_limit:
        result.status = Status.UNLIKELY
        result.reasons.append(Reason("assets_exceed_limit", f"Vermögen über {de(asset_limit)}.", "§ 6a Abs. 3 BKGG"))
        return result
    if amount <= 0:
        result.status = Status.UNLIKELY
        result.reasons.append(Reason("income_too_high", "Das Einkommen ist so hoch, dass der Kinderzuschlag ganz abgeschmolzen ist.", "§ 6a Abs. 6 BKGG"))
        return result
    result.monthly_amount = amount
    result.facts["need_met_with_wohngeld"] = None
    shortfall = sgb2_result.facts.get("shortfall", ZERO) if sgb2_result.status in (Status.LIKELY, Status.POSSIBLE) else ZERO
    if shortfall and amount + wohngeld_amount < shortfall:
        result.status = Status.UNLIKELY
        result.reasons.append(Reason("need_not_avoided", f"Auch mit Kinderzuschlag und Wohngeld ({cents(amount + wohngeld_amount)} €) bliebe die Familie hilfebedürftig (Bedarf ungedeckt: {de(shortfall)}); dann gibt es Grundsicherungsgeld/Bürgergeld statt Kinderzuschlag.", "§ 6a Abs. 1 Nr. 3 BKGG", {"shortfall": shortfall}))
        result.facts["amount_if_need_avoided"] = amount
        result.monthly_amount = amount
        return result
    result.status = Status.LIKELY
    result.reasons.append(Reason("kiz_positive", "Das Einkommen reicht für die Eltern, aber nicht ganz für die Kinder.", "§ 6a BKGG"))
    return result
