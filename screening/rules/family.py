"""Kindergeld, Unterhaltsvorschuss and Kinderzuschlag.

Data gaps: whether a partner is the other parent or a new spouse (Unterhaltsvorschuss),
whether maintenance is paid regularly, orphan's pensions (counted as "other" income of the
child), and the Familienkasse's official Wohnkostenanteil table (computed here from the
12th Existenzminimumbericht as § 6a Abs. 5 BKGG prescribes).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from screening.rules.household import Household, Member
from screening.rules.income import gross_earnings
from screening.rules.money import ZERO, cents, de, euros, positive
from screening.rules.needs import regelbedarf, single_parent_share
from screening.rules.params import ParamSet
from screening.rules.people import gets_kindergeld, minor_children
from screening.rules.result import ProgramResult, Reason, Status, Step, Warning
from screening.rules.sgb2_income import counted_income


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
    own = positive(counted_income(child, household, p, [], with_child=False).amount)
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


def _prozent(share: Decimal) -> str:
    """A share in German notation: Decimal("0.8320") -> "83,20 %"."""
    return f"{share * 100:.2f}".replace(".", ",") + " %"


def wohnkostenanteil(household: Household, children: int, p: ParamSet) -> Decimal:
    """Share of the housing costs that belongs to the parents (§ 6a Abs. 5 BKGG).

    § 6a Abs. 5 BKGG: "Zur Feststellung des Gesamtbedarfs der Eltern sind die Bedarfe für
    Unterkunft und Heizung in dem Verhältnis aufzuteilen, das sich aus den im 12. Bericht der
    Bundesregierung über die Höhe des Existenzminimums von Erwachsenen und Kindern
    festgestellten entsprechenden Bedarfen für Alleinstehende, Ehepaare, Lebenspartnerschaften
    und Kinder ergibt." (Satz 3 in the text of the statutes mirror, 2022; law.md counts it as
    Satz 4.) The split is fixed on the 12th report; it does not follow later reports.

    share = Wohnbedarf der Eltern / (Wohnbedarf der Eltern + Kinderzahl × Wohnbedarf je Kind),
    with the yearly Bruttokaltmiete + Heizkosten of ``family.kinderzuschlag_wohnkostenanteil``,
    rounded to two decimal places of a percent as in the Familienkasse's table (e.g. a couple
    with one child 6 180 / (6 180 + 1 248) = 83,20 %).
    """
    table = p["family.kinderzuschlag_wohnkostenanteil"]
    parents = table["couple"] if household.partner is not None else table["single"]
    share = parents / (parents + table["child"] * children)
    return share.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _parents_income(parents: list[Member], household: Household, p: ParamSet, warnings: list[Warning]) -> tuple[Decimal, Decimal, Decimal]:
    """The parents' income under §§ 11–11b SGB II (§ 6a Abs. 5 Satz 1, 2 BKGG), in cents.

    Returns (earned, other, absetzbetraege): the counted earnings after the § 11b allowances,
    the other counted income, and the § 11b Abs. 2 and 3 allowances on earnings (§ 6a Abs. 1a
    Nr. 2 BKGG). Kindergeld is the child's income and not counted here."""
    earned = other = allowances = ZERO
    has_minor = any(c.age < 18 for c in household.children)
    for parent in parents:
        counted = counted_income(parent, household, p, warnings, with_child=has_minor)
        net = sum((s.amount for s in counted.steps if s.code == "einkommen_erwerb_netto"), ZERO)
        free = -sum((s.amount for s in counted.steps if s.code == "freibetrag_erwerb"), ZERO)
        own_earned = positive(net - free)
        earned += own_earned
        other += counted.amount - own_earned
        allowances += free
    return earned, other, allowances


def _kiz_relief(child_amounts: dict[str, Decimal], amount: Decimal, household: Household, p: ParamSet, sgb2_result: ProgramResult) -> Decimal:
    """How far the KiZ lowers the Bedarfsgemeinschaft's SGB II shortfall.

    KiZ is the income of each child (§ 11 Abs. 1 Satz 4 SGB II): it covers at most that
    child's need left after the child's own income; a surplus does not pass to the parents
    (§ 7 Abs. 3 Nr. 4, § 9 Abs. 2 SGB II), but the Kindergeld it frees does (§ 11 Abs. 1
    Satz 5 SGB II). Net effect per child: min(KiZ of the child, need − own income). The
    Gesamtkinderzuschlag after the parents' withdrawal is shared in proportion to the
    children's amounts."""
    total = sum(child_amounts.values(), ZERO)
    if total <= 0:
        return ZERO
    needs = sgb2_result.facts.get("needs", {})
    by_id = {c.id: c for c in household.children}
    relief = ZERO
    for child_id, child_amount in child_amounts.items():
        share = amount * child_amount / total
        need = needs.get(child_id)
        if need is None:
            relief += share  # the child is not in the Bedarfsgemeinschaft: no cap known
            continue
        child = by_id[child_id]
        kg = p["family.kindergeld"] if gets_kindergeld(child, p) else ZERO
        own = counted_income(child, household, p, [], with_child=False, kindergeld=kg).amount
        relief += min(share, positive(need - own))
    return cents(relief)


def kinderzuschlag(household: Household, p: ParamSet, warnings: list[Warning], wohngeld_amount: Decimal, sgb2_result: ProgramResult) -> ProgramResult:
    """Kinderzuschlag (§ 6a BKGG) for the children with Kindergeld under 25.

    Statute (BKGG, text of the statutes mirror; law.md addendum of 2026-12-07):

    - § 6a Abs. 1 Nr. 3: KiZ only if "bei Bezug des Kinderzuschlags keine Hilfebedürftigkeit
      im Sinne des § 9 des Zweiten Buches Sozialgesetzbuch besteht"; "Wird kein Wohngeld bezogen
      und könnte mit Wohngeld und Kinderzuschlag Hilfebedürftigkeit vermieden werden, ist bei
      der Prüfung Wohngeld in der Höhe anzusetzen, in der es voraussichtlich für den
      Antragsmonat zu bewilligen wäre."
    - § 6a Abs. 1a: "Ein Anspruch auf Kinderzuschlag besteht abweichend von Absatz 1 Nummer 3,
      wenn 1. bei Bezug von Kinderzuschlag Hilfebedürftigkeit besteht, der
      Bedarfsgemeinschaft zur Vermeidung von Hilfebedürftigkeit aber mit ihrem Einkommen, dem
      Kinderzuschlag und dem Wohngeld höchstens 100 Euro fehlen, 2. sich bei der Ermittlung des
      Einkommens der Eltern nach § 11b Absatz 2 und 3 des Zweiten Buches Sozialgesetzbuch wegen
      Einkommen aus Erwerbstätigkeit Absetzbeträge in Höhe von mindestens 100 Euro ergeben und
      3. kein Mitglied der Bedarfsgemeinschaft Leistungen nach dem Zweiten oder nach dem
      Zwölften Buch Sozialgesetzbuch erhält oder beantragt hat." (In force per law.md; the
      2022 mirror still limited it to 31.12.2023 in § 20 Abs. 2 BKGG.) Whether anyone has
      *applied* is not an input; the message asks the counsellor.
    - § 6a Abs. 3: "Bei der Berücksichtigung des Einkommens bleiben das Wohngeld, das
      Kindergeld und der Kinderzuschlag außer Betracht. Der Kinderzuschlag wird um 45 Prozent
      des zu berücksichtigenden Einkommens des Kindes monatlich gemindert." — the child's
      income after §§ 11–11b SGB II (maintenance, UVG, earnings after the allowances),
      without Kindergeld.
    - § 6a Abs. 6: "Wenn das zu berücksichtigende Einkommen der Eltern nicht nur aus
      Erwerbseinkünften besteht, ist davon auszugehen, dass die Überschreitung des
      Gesamtbedarfs der Eltern durch die Erwerbseinkünfte verursacht wird, wenn nicht die Summe
      der anderen Einkommensteile oder des Vermögens für sich genommen diesen maßgebenden
      Betrag übersteigt. Der Gesamtkinderzuschlag wird um 45 Prozent des Betrags, um den die
      monatlichen Erwerbseinkünfte den maßgebenden Betrag übersteigen, monatlich gemindert.
      Anderes Einkommen oder Vermögen der Eltern mindern den Gesamtkinderzuschlag in voller
      Höhe."
    - § 11 Abs. 2: "Auszuzahlende Beträge sind auf Euro abzurunden, und zwar unter 50 Cent nach
      unten, sonst nach oben." — only the amount paid (the Gesamtkinderzuschlag) is rounded;
      the parents' income stays in cents.
    """
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
    result.steps.append(Step("kiz_wohnkostenanteil", f"Wohnkostenanteil der Eltern ({_prozent(share)})", parents_housing, p.cite("family.kinderzuschlag_wohnkostenanteil")))
    # Parents' income as in SGB II, in cents: § 11 Abs. 2 BKGG rounds only the amount paid.
    earned, other, allowances = _parents_income(parents, household, p, warnings)
    income = earned + other
    result.steps.append(Step("kiz_elterneinkommen", "Anrechenbares Einkommen der Eltern", income, "§ 6a Abs. 5 BKGG; §§ 11–11b SGB II"))
    reduction = ZERO
    if income > limit:
        if other > limit:
            # The other income alone exceeds the limit: it reduces in full, all earnings at 45 %.
            full = other - limit
            result.steps.append(Step("kiz_abschmelzung_sonstiges", "Sonstiges Einkommen über der Bemessungsgrenze (voll)", -full, "§ 6a Abs. 6 Satz 2, 4 BKGG"))
            part = cents(earned * rules["withdrawal_parents"])
            if part:
                result.steps.append(Step("kiz_abschmelzung_eltern", "45 % des Erwerbseinkommens", -part, "§ 6a Abs. 6 Satz 3 BKGG"))
            reduction = full + part
        else:
            reduction = cents((income - limit) * rules["withdrawal_parents"])
            result.steps.append(Step("kiz_abschmelzung_eltern", "45 % des Einkommens über der Bemessungsgrenze", -reduction, "§ 6a Abs. 6 Satz 2, 3 BKGG"))
    total = ZERO
    child_amounts: dict[str, Decimal] = {}
    for child in children:
        # The child's income after the SGB II allowances, without Kindergeld (§ 6a Abs. 3 BKGG → §§ 11–11b SGB II).
        own = positive(counted_income(child, household, p, warnings, with_child=False).amount)
        withdrawal = cents(own * rules["withdrawal_child"])
        child_amount = positive(rules["max_per_child"] - withdrawal)
        result.steps.append(Step("kiz_hoechstbetrag", "Höchstbetrag Kinderzuschlag", rules["max_per_child"], p.cite("family.kinderzuschlag"), child.id))
        if own:
            result.steps.append(Step("kiz_kindeseinkommen", "45 % des eigenen Einkommens des Kindes (Unterhalt, UVG, …)", -min(withdrawal, rules["max_per_child"]), "§ 6a Abs. 3 BKGG", child.id))
        child_amounts[child.id] = child_amount
        total += child_amount
    exact = positive(total - reduction)
    amount = euros(exact)
    if amount != exact:
        result.steps.append(Step("kiz_rundung", f"Auf volle Euro gerundet (von {de(exact)})", amount, "§ 11 Abs. 2 BKGG"))
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
    relief = _kiz_relief(child_amounts, amount, household, p, sgb2_result) if shortfall else ZERO
    gap = cents(positive(shortfall - relief - wohngeld_amount))
    if gap > 0:
        # § 6a Abs. 1 Nr. 3 fails; the erweiterter Zugang of Abs. 1a may still hold.
        access = p["family.kinderzuschlag_erweiterter_zugang"]
        receiving = sorted({m.id for m in (*parents, *children) if m.already_receives & {"sgb2", "sgb12"}})
        result.facts["gap"] = gap
        result.facts["extended_access"] = False
        if gap <= access["max_gap"] and allowances >= access["min_absetzbetraege"] and not receiving:
            result.status = Status.POSSIBLE
            result.facts["extended_access"] = True
            result.reasons.append(Reason(
                "extended_access",
                f"Mit Kinderzuschlag und Wohngeld fehlen der Familie noch {de(gap)} zur Deckung ihres Bedarfs – höchstens {de(access['max_gap'])}, "
                f"und die Freibeträge auf das Erwerbseinkommen der Eltern betragen {de(allowances)} (mindestens {de(access['min_absetzbetraege'])}). "
                "Dann gibt es Kinderzuschlag trotzdem (erweiterter Zugang), wenn niemand in der Familie Grundsicherungsgeld/Bürgergeld oder Sozialhilfe bezieht oder beantragt hat; "
                "die Familie kann wählen, ob sie stattdessen Grundsicherungsgeld/Bürgergeld beantragt.",
                "§ 6a Abs. 1a BKGG",
                {"gap": gap, "absetzbetraege": allowances},
            ))
            return result
        result.status = Status.UNLIKELY
        result.reasons.append(Reason("need_not_avoided", f"Auch mit Kinderzuschlag und Wohngeld ({de(amount + wohngeld_amount)}) bliebe die Familie hilfebedürftig (Bedarf ungedeckt: {de(shortfall)}, es fehlen {de(gap)}); dann gibt es Grundsicherungsgeld/Bürgergeld statt Kinderzuschlag.", "§ 6a Abs. 1 Nr. 3, Abs. 1a BKGG", {"shortfall": shortfall, "gap": gap}))
        result.facts["amount_if_need_avoided"] = amount
        result.monthly_amount = amount
        return result
    result.status = Status.LIKELY
    result.reasons.append(Reason("kiz_positive", "Das Einkommen reicht für die Eltern, aber nicht ganz für die Kinder.", "§ 6a BKGG"))
    return result
