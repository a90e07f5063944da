"""Sozialhilfe (SGB XII): Grundsicherung im Alter und bei Erwerbsminderung (4. Kapitel) and
Hilfe zum Lebensunterhalt (3. Kapitel).

Data gaps: the 100 000 € income of children or parents (§ 43 Abs. 5, § 94 Abs. 1a) is a
question for the advisor, not a calculation; WfbM income is not asked. Actual insurance,
Riester and work costs (§ 82 Abs. 2 Nr. 3, 4; no flat 30 € in SGB XII) are deducted where
``members[].expenses`` gives them. The KdU Karenzzeit (§ 35 Abs. 1 SGB XII) uses actual
costs; from 2026-07-01 capped at 1.5 × the adequacy limit (§ 35 Abs. 1 Satz 7 n.F.). Whether
SGB XII has the SGB II exception for households with children is not verified: the cap is
applied without it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from screening.rules import sgb2
from screening.rules.household import Household, Member
from screening.rules.income import gross_earnings, net_of
from screening.rules.money import ZERO, cents, de, positive
from screening.rules.needs import PersonNeed, housing_costs, mehrbedarfe, regelbedarf, regelbedarf_citation
from screening.rules.params import ParamSet
from screening.rules.people import child_rbs, gets_kindergeld, is_able_to_work, reached_regelaltersgrenze
from screening.rules.result import ProgramResult, Reason, Status, Step, Warning

CLOSE_CALL = Decimal("50")


def chapter_of(member: Member, household: Household, p: ParamSet) -> str | None:
    """'ch4', 'ch3' or None for a parent (self/partner) of the household."""
    if member.residence == "asylblg" or "asylblg" in member.already_receives:
        return None
    if reached_regelaltersgrenze(member, household.as_of, p) or (member.permanently_unable_to_work and member.age >= 18):
        return "ch4"
    excluded = sgb2.exclusion(member, household, p)
    if excluded is not None and excluded[0] == "excluded_old_age_pension":
        return "ch3"
    if excluded is not None and excluded[0] in ("excluded_first_3_months", "excluded_jobseeker_residence"):
        return None  # § 23 Abs. 3 SGB XII excludes them as well (only bridging help)
    if not is_able_to_work(member, household.as_of, p) and member.age >= 15:
        return "ch3"
    return None


def counted_income(member: Member, household: Household, p: ParamSet, warnings: list[Warning], steps: list[Step]) -> Decimal:
    """Einkommen nach §§ 82, 82a SGB XII (without Kindergeld)."""
    rbs1 = regelbedarf(1, p)
    total = ZERO
    earned = [i for i in member.incomes if i.is_earned]
    if earned:
        gross = sum((gross_earnings(i, p, warnings, member.id) for i in earned), ZERO)
        net = sum((net_of(i, p, warnings, member.id) for i in earned), ZERO)
        rules = p["sgb12.erwerbsfreibetrag"]
        free = min(cents(gross * rules["rate"]), cents(rbs1 * rules["cap_share_of_rbs_1"]), net)
        steps.append(Step("einkommen_erwerb_netto", f"Erwerbseinkommen netto (brutto {de(gross)})", net, "§ 82 Abs. 1, 2 SGB XII", member.id))
        steps.append(Step("freibetrag_erwerb", "Freibetrag 30 % (höchstens 50 % der Stufe 1)", -free, p.cite("sgb12.erwerbsfreibetrag"), member.id))
        total += net - free
    for income in member.incomes:
        if income.is_earned:
            continue
        amount = net_of(income, p, warnings, member.id)
        label = "Rente" if income.kind == "pension" else f"Einkommen ({income.kind})"
        steps.append(Step(f"einkommen_{income.kind}", label, amount, "§ 82 Abs. 1 SGB XII", member.id))
        if income.kind == "pension" and income.grundrentenzeiten_33y:
            rules = p["sgb2.grundrentenfreibetrag"]
            cap = cents(rbs1 * rules["cap_share_of_rbs_1"])
            free = min(cap, cents(rules["base"] + positive(amount - rules["base"]) * rules["rate_above"]), amount)
            steps.append(Step("freibetrag_grundrente", "Grundrentenfreibetrag (33 Jahre Grundrentenzeiten)", -free, "§ 82a SGB XII", member.id))
            amount -= free
        total += amount
    total -= _actual_deductions(member, bool(earned), total, steps)
    return cents(total)


def _actual_deductions(member: Member, earned: bool, available: Decimal, steps: list[Step]) -> Decimal:
    """§ 82 Abs. 2 Satz 1 SGB XII: "Von dem Einkommen sind abzusetzen … 3. Beiträge zu
    öffentlichen oder privaten Versicherungen oder ähnlichen Einrichtungen, soweit diese
    Beiträge gesetzlich vorgeschrieben oder nach Grund und Höhe angemessen sind, sowie
    geförderte Altersvorsorgebeiträge nach § 82 des Einkommensteuergesetzes, soweit sie den
    Mindesteigenbeitrag nach § 86 des Einkommensteuergesetzes nicht überschreiten, und 4. die
    mit der Erzielung des Einkommens verbundenen notwendigen Ausgaben." There is no flat
    amount in place of these (unlike § 11b Abs. 2 SGB II), so what is paid is deducted; work
    costs only where there are earnings. Angemessenheit and the Mindesteigenbeitrag are not
    checked."""
    e = member.expenses
    if e is None or available <= 0:
        return ZERO
    deducted = ZERO
    parts = [
        ("versicherungen_tatsaechlich", "Versicherungsbeiträge", e.insurances, "§ 82 Abs. 2 Satz 1 Nr. 3 SGB XII"),
        ("altersvorsorge_riester", "Geförderte Altersvorsorge (Riester)", e.retirement_savings, "§ 82 Abs. 2 Satz 1 Nr. 3 SGB XII"),
    ]
    if earned:
        parts.append(("werbungskosten", "Fahrtkosten und sonstige Ausgaben für die Arbeit", e.work_costs, "§ 82 Abs. 2 Satz 1 Nr. 4 SGB XII"))
    for code, label, amount, citation in parts:
        amount = min(amount, available - deducted)
        if amount > 0:
            steps.append(Step(code, label, -amount, citation, member.id))
            deducted += amount
    return deducted


def _evaluate_chapter(chapter: str, household: Household, p: ParamSet, warnings: list[Warning], partner_surplus: Decimal) -> ProgramResult:
    key = "sgb12_ch4" if chapter == "ch4" else "sgb12_ch3"
    result = ProgramResult(key, Status.NOT_APPLICABLE)
    parents = list(household.parents)
    persons = [m for m in parents if chapter_of(m, household, p) == chapter]
    if not persons:
        if chapter == "ch4":
            result.reasons.append(Reason("no_old_age_or_reduced_capacity", "Niemand hat die Regelaltersgrenze erreicht oder ist dauerhaft voll erwerbsgemindert.", "§ 41 Abs. 2, 3 SGB XII"))
        else:
            result.reasons.append(Reason("sgb2_or_no_need", "Wer erwerbsfähig ist oder zur Bedarfsgemeinschaft nach dem SGB II gehört, erhält keine Hilfe zum Lebensunterhalt.", "§ 21 SGB XII"))
        return result
    if chapter == "ch3":
        bg = sgb2.bedarfsgemeinschaft(household, p)
        if bg is not None and any(m in bg.members for m in persons):
            result.reasons.append(Reason("sozialgeld_instead", "Als Partner einer erwerbsfähigen Person gibt es Sozialgeld im SGB II statt Hilfe zum Lebensunterhalt.", "§ 21 SGB XII; § 19 Abs. 1 Satz 2 SGB II"))
            return result
    # Minor children belong to a parent's Einsatzgemeinschaft in chapter 3 unless they are in SGB II.
    children: list[Member] = []
    if chapter == "ch3":
        bg = sgb2.bedarfsgemeinschaft(household, p)
        in_bg = set(m.id for m in bg.members) if bg is not None else set()
        children = [c for c in household.children if c.age < 18 and c.id not in in_bg]
    partner_outside = [m for m in parents if m not in persons]
    couple = len(parents) == 2
    group = persons + children
    needs: dict[str, PersonNeed] = {}
    for m in group:
        rbs = child_rbs(m.age) if m.is_child else (2 if couple else 1)
        need = PersonNeed(member=m, rbs=rbs, regelbedarf=regelbedarf(rbs, p))
        need.steps.append(Step("regelbedarf", f"Regelbedarf Stufe {rbs}", need.regelbedarf, regelbedarf_citation(p, "sgb12"), m.id))
        if rbs >= 3:
            need.sofortzuschlag = p["common.kindersofortzuschlag"]
            need.steps.append(Step("kindersofortzuschlag", "Kindersofortzuschlag", need.sofortzuschlag, "§ 145 SGB XII", m.id))
        # Merkzeichen G: Regelaltersgrenze reached or voll erwerbsgemindert, also temporarily (§ 30 Abs. 1 Nr. 2).
        g_eligible = (
            reached_regelaltersgrenze(m, household.as_of, p)
            or m.permanently_unable_to_work
            or (m.age >= 15 and not is_able_to_work(m, household.as_of, p))
        )
        mehrbedarfe(need, household, p, law="sgb12", non_working_g=g_eligible)
        needs[m.id] = need
    # A new claim is in the Karenzzeit (actual costs for a year); whoever already receives
    # Sozialhilfe is assumed to be past it.
    in_karenz = not any("sgb12" in m.already_receives for m in persons)
    cap_factor = p["sgb12.kdu_karenz"]["cap_factor"]
    costs = housing_costs(household, len(group), p, law="sgb12", in_karenz=in_karenz, cap_factor=cap_factor, with_children=False)
    for code, message, citation in costs.reasons:
        result.reasons.append(Reason(code, message, citation))
    for need in needs.values():
        need.housing = costs.rent / len(group)
        need.heating = costs.heating / len(group)
        result.steps.extend(need.steps)
    result.steps.extend(costs.steps)

    income = ZERO
    remaining = {m.id: needs[m.id].total for m in group}
    for child in children:
        own = counted_income(child, household, p, warnings, result.steps)
        kg = p["family.kindergeld"] if gets_kindergeld(child, p) else ZERO
        if kg:
            result.steps.append(Step("kindergeld_kind", "Kindergeld (Einkommen des Kindes)", kg, "§ 82 Abs. 1 Satz 3 SGB XII", child.id))
        rest = remaining[child.id] - own
        used = min(kg, positive(rest))
        income += kg - used
        remaining[child.id] = positive(rest - used)
    for m in persons:
        income += counted_income(m, household, p, warnings, result.steps)
    bg = sgb2.bedarfsgemeinschaft(household, p)
    in_sgb2 = {m.id for m in bg.members} if bg is not None else set()
    for partner in partner_outside:
        if partner.id in in_sgb2:
            continue  # their surplus arrives as partner_surplus from the SGB II calculation
        # A partner in the other chapter (or without any claim): income above their own need counts.
        own = counted_income(partner, household, p, warnings, [])
        per_head = (costs.rent + costs.heating) / len(group)
        own_need = regelbedarf(2, p) + per_head
        if chapter == "ch4" and chapter_of(partner, household, p) == "ch3":
            # The partner in chapter 3 first keeps the minor children of that chapter (§ 27 Abs. 2).
            own_need += sum((_uncovered_need(child, household, p, per_head) for child in household.children if child.age < 18 and child.id not in in_sgb2), ZERO)
        surplus = cents(positive(own - own_need))
        if surplus:
            result.steps.append(Step("einkommen_partner", "Überschießendes Einkommen des Partners", surplus, "§ 27 Abs. 2, § 43 Abs. 1 SGB XII", partner.id))
            income += surplus
    if partner_surplus:
        result.steps.append(Step("einkommen_partner", "Überschießendes Einkommen des Partners", partner_surplus, "§ 27 Abs. 2, § 43 Abs. 1 SGB XII"))
        income += partner_surplus
    total_need = sum(remaining.values(), ZERO)
    result.steps.append(Step("bedarf_gesamt", "Gesamtbedarf", cents(total_need), "§ 27a SGB XII" if chapter == "ch3" else "§ 42 SGB XII"))
    result.steps.append(Step("einkommen_gesamt", "Anrechenbares Einkommen", cents(income), "§ 82 SGB XII"))
    shortfall = cents(positive(total_need - income))
    result.members = [m.id for m in group]
    result.facts.update(need=cents(total_need), income=cents(income), shortfall=shortfall, surplus=cents(positive(income - total_need)))

    # Assets: Barbetrag per adult of the Einsatzgemeinschaft, + 500 € per dependent.
    rules = p["sgb12.vermoegen"]
    adults = persons + partner_outside
    assets = sum((m.assets for m in adults + children), ZERO)
    limit = rules["per_adult"] * len(adults) + rules["per_dependent"] * len(children)
    result.steps.append(Step("vermoegen", f"Vermögen (Schonbetrag {de(limit)})", assets, p.cite("sgb12.vermoegen")))
    if chapter == "ch4":
        grenze = p["sgb12.unterhalt_rueckgriff_grenze"]
        result.reasons.append(Reason("relatives_income_question", f"Frage: Hat ein Kind oder Elternteil ein Jahreseinkommen über {de(grenze)}? Nur dann keine Grundsicherung (sondern Hilfe zum Lebensunterhalt mit Unterhaltsrückgriff).", "§ 43 Abs. 5 SGB XII; § 94 Abs. 1a SGB XII"))
    if assets > limit:
        result.status = Status.UNLIKELY
        result.reasons.append(Reason("assets_exceed_limit", f"Vermögen von {de(assets)} über dem Schonbetrag von {de(limit)}.", "§ 90 Abs. 2 Nr. 9 SGB XII", {"assets": assets, "limit": limit}))
        return result
    if shortfall <= 0:
        result.status = Status.UNLIKELY
        result.reasons.append(Reason("income_covers_need", "Das Einkommen deckt den Bedarf.", "§ 19 SGB XII", {"need": total_need, "income": income}))
        return result
    result.monthly_amount = shortfall
    result.status = Status.POSSIBLE if shortfall < CLOSE_CALL else Status.LIKELY
    code = "need_exceeds_income" if shortfall >= CLOSE_CALL else "close_to_limit"
    result.reasons.append(Reason(code, "Der Bedarf ist höher als das anrechenbare Einkommen.", "§ 19 Abs. 1, 2 SGB XII", {"need": total_need, "income": income}))
    if chapter == "ch4":
        result.reasons.append(Reason("application_required", "Grundsicherung im Alter und bei Erwerbsminderung gibt es nur auf Antrag.", "§ 44 Abs. 1 SGB XII"))
    return result


def _uncovered_need(child: Member, household: Household, p: ParamSet, per_head: Decimal) -> Decimal:
    """A child's Regelbedarf, Sofortzuschlag and head share not covered by its own income and Kindergeld."""
    rbs = child_rbs(child.age)
    need = regelbedarf(rbs, p) + (p["common.kindersofortzuschlag"] if rbs >= 3 else ZERO) + per_head
    own = counted_income(child, household, p, [], []) + (p["family.kindergeld"] if gets_kindergeld(child, p) else ZERO)
    return positive(need - own)


def evaluate(household: Household, p: ParamSet, warnings: list[Warning], sgb2_surplus: Decimal = ZERO) -> tuple[ProgramResult, ProgramResult]:
    return (
        _with_relatives("ch3", _evaluate_chapter("ch3", household, p, warnings, sgb2_surplus), household, p, warnings),
        _with_relatives("ch4", _evaluate_chapter("ch4", household, p, warnings, sgb2_surplus), household, p, warnings),
    )


def _with_relatives(chapter: str, result: ProgramResult, household: Household, p: ParamSet, warnings: list[Warning]) -> ProgramResult:
    """Relatives in the household (e.g. a grandmother) have a claim of their own: each is
    screened as a person living alone who shares the flat (Stufe 1, costs per head)."""
    if result.members:
        return result
    # Whoever already receives SGB II / SGB XII (or AsylbLG) has no new claim to screen.
    relatives = [m for m in household.members if m.relation == "relative" and m.age >= 18 and not m.already_receives & {"sgb2", "sgb12", "asylblg"}]
    own_results = []
    for relative in relatives:
        alone = replace(
            household,
            members=(replace(relative, relation="self"),),
            housing=replace(household.housing, other_occupants=household.housing.other_occupants + household.size - 1),
        )
        if chapter_of(alone.members[0], alone, p) != chapter:
            continue
        own = _evaluate_chapter(chapter, alone, p, warnings, ZERO)
        if own.members:
            own_results.append(own)
    if not own_results:
        return result
    merged = ProgramResult(result.program, Status.NOT_APPLICABLE)
    order = [Status.LIKELY, Status.POSSIBLE, Status.UNLIKELY, Status.EXCLUDED, Status.NOT_APPLICABLE]
    merged.status = min((r.status for r in own_results), key=order.index)
    amounts = [r.monthly_amount for r in own_results if r.monthly_amount is not None]
    merged.monthly_amount = sum(amounts, ZERO) if amounts else None
    for own in own_results:
        merged.members += own.members
        merged.steps += [s if s.member else Step(s.code, s.label, s.amount, s.citation, own.members[0]) for s in own.steps]
        merged.reasons += own.reasons
    merged.reasons.insert(0, Reason("relative_own_claim", "Angehörige im Haushalt (nicht Partner oder Kind) haben einen eigenen Anspruch; sie werden wie Alleinstehende mit Kostenanteil nach Köpfen geprüft.", "§ 19, § 27a SGB XII; § 39 SGB XII (Vermutung der Bedarfsdeckung prüfen)"))
    # Their needs and shortfalls add up, so that the route can weigh them (no surplus for others).
    merged.facts = {
        "surplus": ZERO,
        "need": sum((own.facts.get("need", ZERO) for own in own_results), ZERO),
        "shortfall": sum((own.facts.get("shortfall", ZERO) for own in own_results if own.status in (Status.LIKELY, Status.POSSIBLE)), ZERO),
    }
    return merged
