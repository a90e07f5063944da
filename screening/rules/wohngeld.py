"""Wohngeld (WoGG): household members, monthly income Y, rent M and the § 19 formula.

Data gaps: contributions default from the kinds of income when ``contributions`` is not given
(see ``default_contributions``); Werbungskosten are the flat amounts (actual higher costs are not
asked); Kindergeld is assumed to be paid for every child under 18 in the household.

Checked against the BMWSB "Beispiele für die Berechnung des Wohngelds", Stand 01.01.2025
(examples 1–11) and the Länderhinweise zu WoGVwV Nr. 19.31 (14 members): golden cases
``tests/screening/cases/wohngeld/2025-01-01/bmwsb_2025_example_*.yaml`` and
``laenderhinweis_19_31_fourteen_members.yaml`` reproduce every published result.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from screening.rules.household import Household, Member
from screening.rules.income import gross_earnings
from screening.rules.money import ZERO, cents, de, euros, euros_down, positive
from screening.rules.params import ParamSet
from screening.rules.result import ProgramResult, Reason, Status, Step, Warning

TEN_PLACES = Decimal("0.0000000001")
FORMULA_MAX_SIZE = 12  # § 19 Abs. 1 WoGG: the formula is for up to twelve counted members
TRANSFER_BENEFITS = {"sgb2", "sgb12", "asylblg"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]


def mietenstufe(household: Household, p: ParamSet) -> tuple[int | None, str]:
    if household.place.mietenstufe is not None:
        return household.place.mietenstufe, "Mietenstufe laut Eingabe"
    if household.place.municipality.lower() == "stuttgart":
        return int(p["local.stuttgart.mietenstufe"]), p.cite("local.stuttgart.mietenstufe")
    return None, ""


def _by_size(table: list, size: int) -> Decimal:
    """Amounts listed for 1–5 members and 'each further' as the sixth value.

    Households of more than twelve members take the amount for twelve (the five-member amount
    plus seven times the amount per further member): the Länderhinweise zu WoGVwV Nr. 19.31
    (Stand 02.12.2024) compute the Höchstbetrag (875 + 7 × 106), the Klimakomponente
    (39,20 + 7 × 4,80) and the Heizkostenentlastung (225,40 + 7 × 27,60) of a 14-member household
    as for 12; § 19 Abs. 3 WoGG then adds a fixed amount per member above twelve."""
    size = min(size, FORMULA_MAX_SIZE)
    if size <= 5:
        return Decimal(table[size - 1])
    return Decimal(table[4]) + Decimal(table[5]) * (size - 5)


def _percent(rate: Decimal) -> str:
    """German notation for a share: 0.2 -> "20 %", 0.125 -> "12,5 %"."""
    text = f"{(rate * 100).normalize():f}".replace(".", ",")
    return f"{text} %"


# § 16 WoGG, defaults per kind of income when the input gives no ``contributions``:
# (income tax, Pflichtbeiträge KV/PV, Pflichtbeiträge RV). § 16 Satz 4: contributions that a third
# party pays (e.g. the Bundesagentur for ALG I) give no deduction.
CONTRIBUTION_DEFAULTS: dict[str, tuple[bool, bool, bool]] = {
    # Employee subject to social insurance: KV/PV and RV withheld from the wage (§§ 5, 249 SGB V,
    # § 1 SGB VI); income tax only above the threshold below (BMWSB examples 4, 5, 7: no tax).
    "employment": (False, True, True),
    # Minijob: pauschal taxed by the employer, no own KV/PV; BMWSB example 6 takes no deduction.
    "minijob": (False, False, False),
    # Self-employed: income tax prepayments; KV/PV as voluntary or private cover (§ 16 Satz 2);
    # RV usually not compulsory.
    "self_employment": (True, True, False),
    # Pension: KVdR/PV contributions withheld (§ 249a SGB V, § 59 SGB XI); no tax and no RV
    # (BMWSB examples 1, 3, 9, 10, 11: 10 %).
    "pension": (False, True, False),
    # ALG I: tax-free (§ 3 Nr. 2 EStG); the Bundesagentur bears KV, PV and RV contributions
    # (§ 251 Abs. 4a SGB V, § 59 Abs. 1 SGB XI, § 170 Abs. 1 Nr. 2 lit. b SGB VI) — BMWSB example 2:
    # Y = ALG I 1 350,00 without any deduction.
    "alg1": (False, False, False),
    # Krankengeld: tax-free (§ 3 Nr. 1 lit. a EStG) and free of KV contributions (§ 224 SGB V), but
    # the recipient bears half of the PV and RV contributions, withheld from the benefit (§ 59 Abs. 2
    # SGB XI, § 170 Abs. 1 Nr. 2 lit. a SGB VI). Counting the PV share for § 16 Satz 1 Nr. 2 is an
    # assumption (no worked example found): 20 %.
    "sickness_benefit": (False, True, True),
    # Elterngeld: tax-free (§ 3 Nr. 67 EStG), free of KV/PV contributions (§ 224 SGB V); pension
    # credits for child-raising are paid by the Bund (§ 177 SGB VI): no deduction.
    "parental_allowance": (False, False, False),
    # Unterhalt received and Unterhaltsvorschuss: no tax, no contributions (BMWSB example 5: UVG
    # without deduction).
    "maintenance": (False, False, False),
    "uvg": (False, False, False),
    # BAföG: tax-free (§ 3 Nr. 11 EStG), no contributions out of the grant; a student's own KV/PV
    # has to be given as ``contributions``.
    "bafoeg": (False, False, False),
    # Anything else: nothing assumed.
    "other": (False, False, False),
}


def default_contributions(member: Member) -> tuple[bool, bool, bool]:
    """(income tax, health/care insurance, pension insurance) for § 16 WoGG.

    § 16 applies per member to the member's whole Jahreseinkommen ("von dem Betrag, der sich nach
    den §§ 14 und 15 ergibt, jeweils 10 Prozent ..., wenn zu erwarten ist, dass ... zu leisten
    sind"). So without ``contributions`` the defaults of the member's kinds of income are
    combined: a member who has a wage with KV/PV and RV and also ALG I pays those contributions
    and gets 20 % off the whole income, ALG I included (the statute asks whether the member pays
    them, not out of which income). A member with ALG I only gets no deduction."""
    if member.contributions is not None:
        c = member.contributions
        return c.income_tax, c.health_care_insurance, c.pension_insurance
    kinds = {i.kind for i in member.incomes if (i.gross or i.amount or i.profit or i.net)}
    tax = health = pension = False
    for kind in kinds:
        kind_tax, kind_health, kind_pension = CONTRIBUTION_DEFAULTS.get(kind, (False, False, False))
        tax, health, pension = tax or kind_tax, health or kind_health, pension or kind_pension
    gross_work = sum((i.gross or ZERO) for i in member.incomes if i.kind == "employment")
    if gross_work > Decimal("1300"):
        tax = True
    return tax, health, pension


def single_parent(household: Household, counted: list[Member]) -> Member | None:
    """The member for the § 17 Nr. 3 WoGG allowance, or None.

    § 17 Nr. 3 WoGG (same wording in the statutes mirror bundestag/gesetze ``w/wogg/index.md`` and
    in the gesetze-im-internet.de text of the 2025 law; last changed by G v. 02.10.2015, BGBl. I
    S. 1610, in force 01.01.2016): "1 320 Euro, wenn a) ein zu berücksichtigendes Haushaltsmitglied
    ausschließlich mit einem Kind oder mehreren Kindern Wohnraum gemeinsam bewohnt und
    b) mindestens eines dieser Kinder noch nicht 18 Jahre alt ist und für dieses Kindergeld nach
    dem Einkommensteuergesetz oder dem Bundeskindergeldgesetz oder eine in § 65 Absatz 1 Satz 1 des
    Einkommensteuergesetzes genannte Leistung gewährt wird".

    So it is granted ONCE per qualifying member, not per child (BMWSB example 5, Stand
    01.01.2025: a single mother with two children under 18 gets 110 €/month, once). The law.md
    addendum of 2026-12-07 ("per child under 18 or in training") contradicts both the statute text
    and the ministry's example and is not followed. Conditions checked: the applicant is a counted
    member, lives only with their children (no partner, no other relative in the household, no
    other occupants of the flat), and at least one child is under 18; Kindergeld for that child
    is assumed (not asked)."""
    applicant = household.applicant
    if applicant not in counted:
        return None
    others = [m for m in household.members if m is not applicant]
    if not others or any(m.relation != "child" for m in others) or household.housing.other_occupants:
        return None
    if not any(m.age < 18 for m in others):
        return None
    return applicant


def member_income(member: Member, household: Household, p: ParamSet, steps: list[Step], warnings: list[Warning]) -> Decimal:
    """One member's contribution to the monthly income (§§ 14–18 WoGG): incomes after
    Werbungskosten and the flat § 16 deduction, minus the § 17/§ 17a allowances and § 18
    maintenance paid. The caller floors the household total at zero (§ 13 Abs. 1)."""
    rules = p["wohngeld.einkommen"]
    subtotal = ZERO
    earnings = ZERO  # for the child earnings allowance
    pension_after_wk = ZERO  # for the Grundrente allowance
    employment = [i for i in member.incomes if i.kind in ("employment", "minijob")]
    if employment:
        gross = sum((gross_earnings(i, p, warnings, member.id) for i in employment), ZERO)
        wk = ZERO
        if any(i.kind == "employment" for i in employment):
            wk = min(rules["werbungskosten_employee"], gross)
        steps.append(Step("wg_einkommen_arbeit", "Bruttolohn abzüglich Werbungskostenpauschale", gross - wk, "§ 14 Abs. 1 WoGG; § 9a EStG", member.id))
        subtotal += gross - wk
        earnings += gross - wk
    grundrente = False
    for income in member.incomes:
        if income.kind in ("employment", "minijob"):
            continue
        if income.kind == "self_employment":
            amount = income.profit or ZERO
            earnings += amount
        elif income.kind == "pension":
            amount = income.gross if income.gross is not None else (income.net or ZERO)
            amount -= min(rules["werbungskosten_pension"], amount)
            if income.grundrentenzeiten_33y:
                grundrente = True
                pension_after_wk += amount
        elif income.kind == "bafoeg":
            amount = (income.amount or ZERO) / 2
            warnings.append(Warning("wohngeld_bafoeg_half", "BAföG wird beim Wohngeld grob zur Hälfte angesetzt (Zuschussanteil)."))
        else:
            amount = income.amount or ZERO
        label = "Rente abzüglich Werbungskostenpauschale" if income.kind == "pension" else f"Einkommen ({income.kind})"
        steps.append(Step(f"wg_einkommen_{income.kind}", label, cents(amount), "§ 14 WoGG", member.id))
        subtotal += amount
    tax, health, pension = default_contributions(member) if member.incomes else (False, False, False)
    rate = rules["flat_deduction_per_contribution"] * (int(tax) + int(health) + int(pension))
    if rate and subtotal > 0:
        deduction = subtotal * rate
        steps.append(Step("wg_pauschalabzug", f"Pauschaler Abzug {_percent(rate)} (Steuern/Beiträge)", -cents(deduction), "§ 16 Satz 1 WoGG", member.id))
        subtotal -= deduction
    if member.is_child and member.age < rules["child_earnings_age_limit"] and earnings:
        # The allowance is at most the child's own earnings as they count after § 16.
        allowance = min(rules["allowance_child_earnings_year"] / 12, earnings * (1 - rate))
        steps.append(Step("wg_freibetrag_kind_erwerb", "Freibetrag Erwerbseinkommen eines Kindes", -cents(allowance), "§ 17 Nr. 4 WoGG", member.id))
        subtotal -= allowance
    if grundrente:
        base = rules["grundrente_base_year"] / 12
        cap = cents(p["common.regelbedarf"]["rbs_1"] * rules["grundrente_cap_share_of_rbs_1"])
        free = min(cap, base + positive(pension_after_wk - base) * rules["grundrente_rate_above"], pension_after_wk)
        steps.append(Step("wg_freibetrag_grundrente", "Grundrentenfreibetrag", -cents(free), "§ 17a WoGG", member.id))
        subtotal -= free
    if member.maintenance_paid:
        cap = rules["maintenance_deduction_max_year"] / 12
        deduction = min(member.maintenance_paid, cap)
        steps.append(Step("wg_unterhalt_gezahlt", "Gezahlter Unterhalt an Personen außerhalb des Haushalts", -cents(deduction), "§ 18 WoGG", member.id))
        subtotal -= deduction
    if member.disability_degree >= 100 or (member.disability_degree >= 50 and member.care_grade >= 1):
        allowance = rules["allowance_severely_disabled_year"] / 12
        steps.append(Step("wg_freibetrag_schwerbehindert", "Freibetrag Schwerbehinderung", -allowance, "§ 17 Nr. 1 WoGG", member.id))
        subtotal -= allowance
    # § 17 and § 18 amounts come off the household's total (§ 13 Abs. 1), so this may be negative.
    return subtotal


def formula(m: Decimal, y: Decimal, size: int, p: ParamSet) -> Decimal:
    """§ 19 Abs. 1 WoGG with Anlage 3: fixed-point steps with ten decimals, then whole euros."""
    coefficients = p["wohngeld.formel"]
    a = coefficients["a"][size - 1]
    b = coefficients["b"][size - 1]
    c = coefficients["c"][size - 1]
    z1 = (a + b * m + c * y).quantize(TEN_PLACES, rounding=ROUND_HALF_UP)
    z2 = (z1 * y).quantize(TEN_PLACES, rounding=ROUND_HALF_UP)
    z3 = (m - z2).quantize(TEN_PLACES, rounding=ROUND_HALF_UP)
    z4 = (coefficients["factor"] * z3).quantize(TEN_PLACES, rounding=ROUND_HALF_UP)
    return euros(z4)


def evaluate(household: Household, p: ParamSet, warnings: list[Warning]) -> ProgramResult:
    result = ProgramResult("wohngeld", Status.NOT_APPLICABLE)
    all_members = list(household.members)
    counted = [m for m in all_members if not (m.already_receives & TRANSFER_BENEFITS) and m.residence != "asylblg"]
    if not counted:
        result.status = Status.EXCLUDED
        result.reasons.append(Reason("excluded_transfer_recipients", "Alle Haushaltsmitglieder erhalten Grundsicherung/Sozialhilfe; deren Unterkunftskosten sind dort abgedeckt.", "§ 7 Abs. 1 WoGG"))
        return result
    if all(m.training == "bafoeg_eligible" for m in all_members):
        # § 20 Abs. 2 Satz 1 Nr. 1, Satz 2 WoGG: "Es besteht kein Wohngeldanspruch, wenn allen
        # Haushaltsmitgliedern ... Leistungen zur Förderung der Ausbildung nach dem
        # Bundesausbildungsförderungsgesetz ... dem Grunde nach zusteht"; also where the amount
        # would be nil. (Satz 3: not where BAföG is a loan only — the input does not say.)
        result.status = Status.EXCLUDED
        result.reasons.append(Reason("excluded_bafoeg_household", "Alle im Haushalt sind in einer dem Grunde nach BAföG-förderfähigen Ausbildung; dann gibt es kein Wohngeld (außer bei reinem BAföG-Darlehen).", "§ 20 Abs. 2 WoGG"))
        return result
    if household.housing.gross_cold_rent <= 0:
        result.reasons.append(Reason("no_housing_costs", "Ohne Miete oder Belastung gibt es kein Wohngeld.", "§ 1 Abs. 1, § 9 WoGG"))
        return result
    stufe, stufe_citation = mietenstufe(household, p)
    if stufe is None:
        result.status = Status.POSSIBLE
        result.reasons.append(Reason("mietenstufe_unknown", "Die Mietenstufe der Gemeinde ist unbekannt; bitte angeben.", "§ 12 Abs. 3 WoGG"))
        return result
    h = household.housing
    total_size = len(all_members)
    size = len(counted)
    share = Decimal(size) / Decimal(total_size)
    heads = Decimal(total_size) / Decimal(total_size + h.other_occupants)
    result.members = [m.id for m in counted]

    # Rent M (§§ 9–12 WoGG): Bruttokaltmiete, capped; heating relief added; pro rata for excluded members.
    rent = h.gross_cold_rent * heads
    limits = p["wohngeld.hoechstbetraege"][str(stufe)]
    heating_climate = p["wohngeld.heizkosten_klima"]
    cap = _by_size(limits, total_size) + _by_size(heating_climate["climate"], total_size)
    heating_relief = _by_size(heating_climate["heating"], total_size)
    result.steps.append(Step("wg_miete", "Bruttokaltmiete (Miete und Nebenkosten ohne Heizung)" if h.tenure == "rent" else "Belastung (Eigentum)", cents(rent), "§ 9 WoGG" if h.tenure == "rent" else "§ 10 WoGG"))
    result.steps.append(Step("wg_hoechstbetrag", f"Höchstbetrag Mietenstufe {ROMAN[stufe - 1]} mit Klimakomponente für {total_size} Person(en)" + (f" (Beträge für {FORMULA_MAX_SIZE} Personen)" if total_size > FORMULA_MAX_SIZE else ""), cents(cap), f"§ 12 Abs. 1, 7 WoGG mit Anlage 1; {stufe_citation}"))
    m_value = min(rent, cap) + heating_relief
    result.steps.append(Step("wg_heizkosten", "Heizkostenentlastung", heating_relief, "§ 12 Abs. 6 WoGG" + ("; Länderhinweise zu WoGVwV Nr. 19.31" if total_size > FORMULA_MAX_SIZE else "")))
    if share < 1:
        m_value = m_value * share
        result.reasons.append(Reason("wohngeld_pro_rata", f"{total_size - size} Haushaltsmitglied(er) erhalten Transferleistungen; Miete anteilig für {size} von {total_size}.", "§ 11 Abs. 3 WoGG"))
    minimums = p["wohngeld.mindestwerte"]
    m_min = Decimal(minimums["m"][min(size, 12) - 1])
    if m_value < m_min:
        m_value = m_min
    result.steps.append(Step("wg_m", "Zu berücksichtigende Miete (M)", cents(m_value), "§ 11 WoGG; Anlage 3 Nr. 1 WoGG"))

    # Income Y (§§ 13–18 WoGG)
    y_value = ZERO
    for member in counted:
        y_value += member_income(member, household, p, result.steps, warnings)
    y_value = positive(y_value)
    rules = p["wohngeld.einkommen"]
    parent = single_parent(household, counted)
    if parent is not None:
        allowance = rules["allowance_single_parent_year"] / 12
        result.steps.append(Step("wg_freibetrag_alleinerziehend", "Freibetrag Alleinerziehende (einmal, nicht je Kind)", -allowance, "§ 17 Nr. 3 WoGG", parent.id))
        y_value = positive(y_value - allowance)
    y_min = Decimal(minimums["y"][min(size, 12) - 1])
    income_too_low = y_value < y_min
    if income_too_low:
        result.reasons.append(Reason("income_below_minimum", f"Das Einkommen liegt unter dem Mindestwert von {de(y_min)}; es wird mit dem Mindestwert gerechnet. Wohngeld gibt es nur, wenn der Lebensunterhalt sonst gesichert ist (Plausibilitätsprüfung).", "Anlage 3 Nr. 1 WoGG; Nr. 15.01 WoGVwV"))
        y_value = y_min
    result.steps.append(Step("wg_y", "Monatliches Gesamteinkommen (Y)", cents(y_value), "§ 13 WoGG"))

    # Formula
    if size > FORMULA_MAX_SIZE:
        # § 19 Abs. 3 WoGG: the formula for twelve, plus a fixed amount for the 13th and each further
        # counted member, "höchstens jedoch bis zur Höhe der zu berücksichtigenden Miete oder
        # Belastung" (M in whole euros, rounded down so that the cap is never exceeded).
        base = formula(m_value, y_value, FORMULA_MAX_SIZE, p)
        result.steps.append(Step("wg_formel", f"Wohngeld nach der Formel 1,15 · (M − (a + b·M + c·Y) · Y), berechnet für {FORMULA_MAX_SIZE} Personen", base, "§ 19 Abs. 1 WoGG mit Anlage 2 und 3"))
        per_member = p["wohngeld.formel"]["per_member_above_12"]
        extra = per_member * (size - FORMULA_MAX_SIZE)
        amount = min(base + extra, euros_down(m_value))
        result.steps.append(Step("wg_mehr_als_12", f"Zuschlag {de(per_member)} für jedes Mitglied über {FORMULA_MAX_SIZE} ({size - FORMULA_MAX_SIZE} Person(en)), höchstens bis zur Miete M", amount, "§ 19 Abs. 3 WoGG; Länderhinweise zu WoGVwV Nr. 19.31"))
    else:
        amount = formula(m_value, y_value, size, p)
        result.steps.append(Step("wg_formel", f"Wohngeld nach der Formel 1,15 · (M − (a + b·M + c·Y) · Y), Haushaltsgröße {size}", amount, "§ 19 Abs. 1 WoGG mit Anlage 2 und 3"))

    assets = sum((m.assets for m in counted), ZERO)
    asset_limit = rules["assets_first_member"] + rules["assets_each_further"] * (size - 1)
    if assets > asset_limit:
        result.status = Status.UNLIKELY
        result.reasons.append(Reason("assets_exceed_limit", f"Erhebliches Vermögen ({de(assets)} über {de(asset_limit)}) schließt Wohngeld aus.", "§ 21 Nr. 3 WoGG; Nr. 21.37 WoGVwV"))
        return result
    minimum = p["wohngeld.bagatellgrenze"]
    if amount < minimum:
        result.status = Status.UNLIKELY
        result.reasons.append(Reason("below_minimum_amount", f"Wohngeld unter {de(minimum)} wird nicht gezahlt.", p.cite("wohngeld.bagatellgrenze")))
        return result
    result.monthly_amount = amount
    result.status = Status.POSSIBLE if income_too_low else Status.LIKELY
    result.reasons.append(Reason("wohngeld_formula_positive", "Nach der Wohngeldformel ergibt sich ein Anspruch.", "§ 19 WoGG"))
    return result
