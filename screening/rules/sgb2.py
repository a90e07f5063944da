"""Bürgergeld / Grundsicherungsgeld (SGB II): who is in the Bedarfsgemeinschaft, its need,
its countable income, the horizontal split and the asset test.

Data gaps (asked nowhere in the contract, so the result says "possible" or notes them):
whether a partner relationship is a Verantwortungs- und Einstehensgemeinschaft; the start of
the current Bewilligungszeitraum (estimated in 12-month steps from ``sgb2_receipt_since``);
Teilhabe-Leistungen for the disability Mehrbedarf; Elterngeld allowances; exempt assets
(house, car, pension plans) — ``assets`` must already be the countable part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from screening.rules.household import Household, Member
from screening.rules.money import ZERO, cents, de, positive
from screening.rules.needs import PersonNeed, housing_costs, mehrbedarfe, regelbedarf, regelbedarf_citation
from screening.rules.params import ParamSet
from screening.rules.people import child_rbs, gets_kindergeld, is_able_to_work, reached_regelaltersgrenze
from screening.rules.result import ProgramResult, Reason, Status, Step, Warning
from screening.rules.sgb2_assets import NEW_LAW, asset_limit, months_between
from screening.rules.sgb2_income import counted_income

TITLE_BUERGERGELD = "Bürgergeld (SGB II)"
TITLE_GRUNDSICHERUNGSGELD = "Grundsicherungsgeld (SGB II)"
CLOSE_CALL = Decimal("50")


def title(as_of: date) -> str:
    return TITLE_GRUNDSICHERUNGSGELD if as_of >= NEW_LAW else TITLE_BUERGERGELD


# --- who belongs ------------------------------------------------------------------------


def exclusion(member: Member, household: Household, p: ParamSet) -> tuple[str, str, str] | None:
    """A legal exclusion from SGB II for one person: (code, message, citation), or None."""
    if member.residence == "asylblg" or "asylblg" in member.already_receives:
        return ("excluded_asylblg", "Leistungen nach dem Asylbewerberleistungsgesetz schließen SGB II aus.", "§ 7 Abs. 1 Satz 2 Nr. 3 SGB II")
    if member.residence == "eu_first_3_months":
        return ("excluded_first_3_months", "In den ersten drei Monaten des Aufenthalts besteht kein Anspruch (ohne Arbeitnehmer- oder Selbständigenstatus).", "§ 7 Abs. 1 Satz 2 Nr. 1 SGB II")
    if member.residence == "eu_jobseeker_only":
        return ("excluded_jobseeker_residence", "Ein Aufenthaltsrecht allein zur Arbeitsuche schließt SGB II aus (Ausnahme nach 5 Jahren).", "§ 7 Abs. 1 Satz 2 Nr. 2 SGB II")
    if any(i.kind == "pension" and i.pension_type == "old_age" for i in member.incomes):
        return ("excluded_old_age_pension", "Wer eine Altersrente bezieht, erhält kein SGB II, sondern ggf. Sozialhilfe.", "§ 7 Abs. 4 SGB II")
    if member.training == "bafoeg_eligible" and member.age >= 15:
        return ("excluded_bafoeg_training", "Eine dem Grunde nach BAföG-förderfähige Ausbildung schließt Regelbedarf und Unterkunft aus (nur Mehrbedarfe nach § 27).", "§ 7 Abs. 5 SGB II")
    return None


def is_elb(member: Member, household: Household, p: ParamSet) -> bool:
    """Erwerbsfähige leistungsberechtigte Person (§ 7 Abs. 1 SGB II), before need."""
    as_of = household.as_of
    return (
        member.age >= 15
        and not reached_regelaltersgrenze(member, as_of, p)
        and is_able_to_work(member, as_of, p)
        and "sgb12" not in member.already_receives
        and exclusion(member, household, p) is None
    )


def in_sgb12(member: Member, household: Household, p: ParamSet) -> bool:
    """Belongs to Sozialhilfe instead: Regelaltersgrenze reached, permanently unable to work, or receives it."""
    excluded = exclusion(member, household, p)
    return (
        "sgb12" in member.already_receives
        or reached_regelaltersgrenze(member, household.as_of, p)
        or (member.permanently_unable_to_work and member.age >= 18)
        or (excluded is not None and excluded[0] == "excluded_old_age_pension")
    )


@dataclass
class Bedarfsgemeinschaft:
    members: list[Member]
    outside_sgb12: list[Member]  # partner in Sozialhilfe (mixed household)
    excluded: list[tuple[Member, tuple[str, str, str]]] = field(default_factory=list)


def bedarfsgemeinschaft(household: Household, p: ParamSet) -> Bedarfsgemeinschaft | None:
    """The BG around the eLb among self and partner (§ 7 Abs. 3 SGB II), or None if there is none."""
    age_limit = p["sgb2.altersgrenze_bg_kind"]
    parents = list(household.parents)
    elbs = [m for m in parents if is_elb(m, household, p)]
    excluded = [(m, e) for m in parents if (e := exclusion(m, household, p)) is not None]
    if not elbs:
        # A child 15–24 who can work makes the household a BG even if the parents cannot.
        elbs = [c for c in household.children if c.age < age_limit and is_elb(c, household, p)]
        if not elbs:
            return Bedarfsgemeinschaft(members=[], outside_sgb12=[], excluded=excluded)
    members: list[Member] = []
    outside: list[Member] = []
    for parent in parents:
        if parent in elbs:
            members.append(parent)
        elif in_sgb12(parent, household, p):
            outside.append(parent)
        elif exclusion(parent, household, p) is None:
            members.append(parent)  # Sozialgeld: a partner who cannot work but is not in SGB XII
    for child in household.children:
        if child.age < age_limit and exclusion(child, household, p) is None and "sgb12" not in child.already_receives:
            members.append(child)
    return Bedarfsgemeinschaft(members=members, outside_sgb12=outside, excluded=excluded)


# --- the calculation --------------------------------------------------------------------


def in_kdu_karenz(household: Household, p: ParamSet) -> bool:
    since = household.sgb2_receipt_since
    return since is None or months_between(since, household.as_of) < p["sgb2.kdu_karenz"]["months"]


def evaluate(household: Household, p: ParamSet, warnings: list[Warning], sgb12_surplus: Decimal = ZERO) -> ProgramResult:
    result = ProgramResult("sgb2", Status.NOT_APPLICABLE, extra={"alg1_topup": False})
    bg = bedarfsgemeinschaft(household, p)
    if bg is None or not bg.members:
        if bg is not None and bg.excluded:
            member, (code, message, citation) = bg.excluded[0]
            result.status = Status.EXCLUDED
            result.reasons.append(Reason(code, message, citation, {"member": member.id}))
        else:
            result.reasons.append(Reason("no_employable_person", "Niemand im Haushalt ist zwischen 15 und der Regelaltersgrenze und erwerbsfähig.", "§ 7 Abs. 1, § 8 SGB II"))
        return result

    members = list(bg.members)
    for child in [m for m in members if m.is_child and m.assets > 0]:
        # A child who can live on its own assets is not part of the BG (§ 7 Abs. 3 Nr. 4 SGB II).
        own_limit = asset_limit([child], household, p, [])
        if child.assets > own_limit.limit:
            members.remove(child)
            result.reasons.append(Reason("child_covered_by_own_assets", f"{child.id} kann von eigenem Vermögen leben ({de(child.assets)} über {de(own_limit.limit)}) und gehört nicht zur Bedarfsgemeinschaft.", "§ 7 Abs. 3 Nr. 4 SGB II", {"member": child.id}))
    if not members:
        result.status = Status.UNLIKELY
        return result
    has_minor_child = any(m.is_child and m.age < 18 for m in members)
    adults_in_bg = [m for m in members if not m.is_child]
    # Partners get Stufe 2 even if the other partner is outside the BG (Sozialhilfe, excluded).
    partnered = household.partner is not None

    # 1. Regelbedarfe, Sofortzuschlag, Mehrbedarfe
    needs: dict[str, PersonNeed] = {}
    for m in members:
        if m.is_child:
            rbs = child_rbs(m.age)
        else:
            rbs = 2 if partnered else 1
        need = PersonNeed(member=m, rbs=rbs, regelbedarf=regelbedarf(rbs, p))
        need.steps.append(Step("regelbedarf", f"Regelbedarf Stufe {rbs}", need.regelbedarf, regelbedarf_citation(p, "sgb2"), m.id))
        if rbs >= 3:
            need.sofortzuschlag = p["common.kindersofortzuschlag"]
            need.steps.append(Step("kindersofortzuschlag", "Kindersofortzuschlag", need.sofortzuschlag, p.cite("common.kindersofortzuschlag"), m.id))
        mehrbedarfe(need, household, p, law="sgb2", non_working_g=not is_able_to_work(m, household.as_of, p) and m.age >= 15)
        needs[m.id] = need

    # 2. Unterkunft und Heizung per head
    cap_factor = p["sgb2.kdu_karenz"]["cap_factor"]
    costs = housing_costs(
        household,
        len(members),
        p,
        law="sgb2",
        in_karenz=in_kdu_karenz(household, p),
        cap_factor=cap_factor,
        with_children=any(m.is_child for m in members),
    )
    for code, message, citation in costs.reasons:
        result.reasons.append(Reason(code, message, citation))
    per_head_rent = costs.rent / len(members)
    per_head_heating = costs.heating / len(members)
    for need in needs.values():
        need.housing = per_head_rent
        need.heating = per_head_heating
        result.steps.extend(need.steps)
    result.steps.extend(costs.steps)
    if len(members) > 1:
        result.steps.append(Step("kdu_kopfteil", f"Unterkunft und Heizung je Person ({len(members)} Personen)", cents(per_head_rent + per_head_heating), "Kopfteilprinzip, § 22 Abs. 1 SGB II"))

    # 3. Children's own income covers their own need first; surplus Kindergeld goes to the parent.
    parent_income = ZERO
    remaining: dict[str, Decimal] = {}
    kindergeld_transfer = ZERO
    for m in members:
        need = needs[m.id]
        if not m.is_child:
            continue
        kg = p["family.kindergeld"] if gets_kindergeld(m, p) else ZERO
        own = counted_income(m, household, p, warnings, with_child=False, kindergeld=kg)
        result.steps.extend(own.steps)
        child_income = own.amount
        if kg:
            result.steps.append(Step("kindergeld_kind", "Kindergeld (Einkommen des Kindes)", kg, "§ 11 Abs. 1 Satz 5 SGB II", m.id))
        rest = need.total - child_income
        if rest < 0:
            remaining[m.id] = ZERO
            kindergeld_transfer += kg
            result.reasons.append(Reason("child_covered_by_own_income", f"{m.id} deckt den eigenen Bedarf mit eigenem Einkommen und scheidet aus der Bedarfsgemeinschaft aus.", "§ 7 Abs. 3 Nr. 4 SGB II", {"member": m.id}))
        else:
            used_kg = min(kg, rest)
            kindergeld_transfer += kg - used_kg
            remaining[m.id] = rest - used_kg
    for child in household.children:
        if child not in members and gets_kindergeld(child, p):
            # Kindergeld for a child outside the BG (e.g. a student excluded by § 7 Abs. 5) is the
            # receiving parent's income (§ 11 Abs. 1 Satz 5 SGB II applies only to BG children).
            kindergeld_transfer += p["family.kindergeld"]
    if kindergeld_transfer:
        result.steps.append(Step("kindergeld_uebertrag", "Nicht benötigtes Kindergeld als Einkommen des Elternteils", kindergeld_transfer, "§ 11 Abs. 1 Satz 5 SGB II"))
        parent_income += kindergeld_transfer

    # 4. Adults' countable income (the partner in Sozialhilfe contributes only the surplus).
    for m in adults_in_bg:
        transfer = kindergeld_transfer if m.relation == "self" else ZERO
        own = counted_income(m, household, p, warnings, with_child=has_minor_child, kindergeld=transfer)
        result.steps.extend(own.steps)
        parent_income += own.amount
        remaining[m.id] = needs[m.id].total
    for partner, (code, _message, _citation) in bg.excluded:
        if partner in members or partner in bg.outside_sgb12 or partner.relation not in ("self", "partner"):
            continue
        # An excluded partner has no claim of their own, but what they earn above their own
        # need supports the others (§ 9 Abs. 2 SGB II).
        own = counted_income(partner, household, p, warnings, with_child=has_minor_child)
        own_need = regelbedarf(2, p) + (costs.rent + costs.heating) / len(members)
        surplus = cents(positive(own.amount - own_need))
        result.steps.extend(own.steps)
        if surplus:
            result.steps.append(Step("einkommen_partner_ausgeschlossen", "Überschießendes Einkommen des vom Leistungsbezug ausgeschlossenen Partners", surplus, "§ 9 Abs. 2 SGB II", partner.id))
            parent_income += surplus
        result.reasons.append(Reason("partner_excluded", f"{partner.id} ist selbst ausgeschlossen ({code}); sein Einkommen über dem eigenen Bedarf zählt für die anderen.", "§ 7 Abs. 1 Satz 2, § 9 Abs. 2 SGB II", {"member": partner.id}))
    if sgb12_surplus:
        result.steps.append(Step("einkommen_partner_sgb12", "Überschießendes Einkommen des Partners in der Sozialhilfe", sgb12_surplus, "§ 9 Abs. 2 SGB II"))
        parent_income += sgb12_surplus
        result.reasons.append(Reason("mixed_household", "Gemischte Bedarfsgemeinschaft: ein Partner gehört zur Sozialhilfe (SGB XII); sein überschießendes Einkommen zählt hier.", "§ 7 Abs. 3 Nr. 3 SGB II; § 19 SGB XII"))

    # Children whose need is covered leave the BG; they carry no need and no share.
    active = [m for m in members if not (m.is_child and remaining[m.id] == 0 and needs[m.id].total > 0)]
    total_need = sum((needs[m.id].total for m in active), ZERO)
    total_remaining = sum((remaining[m.id] for m in active), ZERO)
    result.steps.append(Step("bedarf_gesamt", "Gesamtbedarf der Bedarfsgemeinschaft", cents(total_need), "§ 19 Abs. 1 SGB II"))
    result.steps.append(Step("einkommen_gesamt", "Anrechenbares Einkommen der Eltern bzw. Partner", cents(parent_income), "§ 9 Abs. 2 SGB II"))
    shortfall = cents(positive(total_remaining - parent_income))
    result.facts.update(
        need=cents(total_need),
        remaining_need=cents(total_remaining),
        adult_income=cents(parent_income),
        shortfall=shortfall,
        members=[m.id for m in active],
        needs={m.id: needs[m.id].total for m in active},
    )
    result.members = [m.id for m in active]

    # 5. Horizontal method: each member's share of the shortfall in proportion to the remaining need.
    if shortfall > 0 and total_remaining > 0:
        for m in active:
            share = cents(shortfall * remaining[m.id] / total_remaining)
            result.steps.append(Step("anspruch_person", "Anteil am Anspruch (horizontale Berechnung)", share, "§ 9 Abs. 2 Satz 3 SGB II", m.id))

    # 6. Assets
    assets = sum((m.assets for m in active), ZERO)
    test = asset_limit(active, household, p, warnings)
    limit, explanation, citation = test.limit, test.explanation, test.citation
    result.steps.append(Step("vermoegen", f"Vermögen (Grenze {de(limit)}: {explanation})", assets, citation))
    alg1_topup = any(i.kind == "alg1" for m in adults_in_bg for i in m.incomes) or any(m.alg1_basis for m in adults_in_bg)
    result.extra["alg1_topup"] = bool(alg1_topup and shortfall > 0)

    # Only the age is known and a birthday this month could lift the limit (§ 12 Abs. 2 Satz 2 n.F.).
    upper = test.limit_if_birthday_this_month
    depends_on_birth_month = upper is not None and limit < assets <= upper
    if assets > limit and not depends_on_birth_month:
        result.status = Status.UNLIKELY
        result.reasons.append(Reason("assets_exceed_limit", f"Das Vermögen von {de(assets)} liegt über der Grenze von {de(limit)}; es muss zuerst verbraucht werden.", citation, {"assets": assets, "limit": limit}))
        result.facts["shortfall_before_assets"] = shortfall
        result.facts["shortfall"] = ZERO
        return result
    if shortfall <= 0:
        result.status = Status.UNLIKELY
        result.monthly_amount = None
        result.reasons.append(Reason("income_covers_need", "Das anrechenbare Einkommen deckt den Bedarf der Bedarfsgemeinschaft.", "§ 9 Abs. 1 SGB II", {"need": total_remaining, "income": parent_income}))
        return result
    result.monthly_amount = shortfall
    if shortfall < CLOSE_CALL:
        result.status = Status.POSSIBLE
        result.reasons.append(Reason("close_to_limit", "Der Bedarf übersteigt das Einkommen nur knapp; kleine Änderungen entscheiden.", "§ 9 Abs. 1 SGB II", {"shortfall": shortfall}))
    else:
        result.status = Status.LIKELY
        result.reasons.append(Reason("need_exceeds_income", "Der Bedarf ist höher als das anrechenbare Einkommen.", "§ 9 Abs. 1 SGB II", {"need": total_remaining, "income": parent_income}))
    if depends_on_birth_month:
        who = ", ".join(test.members_maybe_higher_band)
        result.status = Status.POSSIBLE
        result.reasons.append(
            Reason(
                "asset_limit_depends_on_birth_month",
                f"Das Vermögen von {de(assets)} liegt über der Grenze von {de(limit)}, aber nicht über {de(upper)}: "
                f"Der höhere Freibetrag gilt ab Beginn des Monats, in dem das Lebensjahr vollendet wird. "
                f"Entscheidend ist, ob {who} im Monat {household.as_of:%m/%Y} Geburtstag hat – bitte das Geburtsdatum angeben.",
                citation,
                {"assets": assets, "limit": limit, "limit_if_birthday_this_month": upper, "members": list(test.members_maybe_higher_band)},
            )
        )
    if result.extra["alg1_topup"]:
        result.reasons.append(Reason("alg1_topup", "Grundsicherungsgeld/Bürgergeld stockt das Arbeitslosengeld auf.", "§ 19 SGB II; § 12a SGB II"))
    early_pension = early_old_age_pension(active, p)
    if early_pension is not None:
        result.reasons.append(early_pension)
    return result


def early_old_age_pension(members: list[Member], p: ParamSet) -> Reason | None:
    """§ 12a S. 2 Nr. 1, S. 3 SGB II: from 2027 the Jobcenter may require an old-age pension drawn
    early (with deductions) from 63 on — suspended from 2023 to 2026. Asked for each member
    (``can_draw_early_old_age_pension``): yes, or not answered at 63 or older, gives the reason;
    no, or under 63 (the statute protects "bis zur Vollendung des 63. Lebensjahres"), does not.
    The status stays: the Jobcenter pays until the pension starts."""
    if not p.has("sgb2.vorzeitige_altersrente"):
        return None
    rule = p["sgb2.vorzeitige_altersrente"]
    if not rule["may_be_required"]:
        return None
    who = [m for m in members if m.is_adult and m.age >= rule["from_age"] and m.can_draw_early_old_age_pension is not False]
    if not who:
        return None
    names = ", ".join(m.id for m in who)
    return Reason(
        "early_old_age_pension_required",
        f"Ab {rule['from_age']} Jahren kann das Jobcenter verlangen, eine Altersrente vorzeitig – mit Abschlägen – "
        f"zu beantragen ({names}). Bis die Rente beginnt, zahlt das Jobcenter weiter. Höhe und Abschläge klärt die "
        "Deutsche Rentenversicherung (Beratung vor dem Antrag). Nicht verlangt werden darf es in den Fällen der "
        "Unbilligkeitsverordnung, z. B. wenn die abschlagsfreie Altersrente in Kürze erreicht wird oder bei einer "
        "sozialversicherungspflichtigen Beschäftigung.",
        p.cite("sgb2.vorzeitige_altersrente"),
        {"members": [m.id for m in who]},
    )
