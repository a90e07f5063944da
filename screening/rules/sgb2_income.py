"""Countable income in SGB II (§§ 11–11b SGB II): the Erwerbstätigenfreibetrag, actual
deductions above the flat amounts (§ 11b Abs. 2 S. 2) and the Versicherungspauschale. Also used
by the Kinderzuschlag (§ 6a BKGG refers to §§ 11–11b SGB II)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from screening.rules.household import Household, Member
from screening.rules.income import gross_earnings, net_of
from screening.rules.money import ZERO, cents, de, positive
from screening.rules.needs import regelbedarf
from screening.rules.params import ParamSet
from screening.rules.result import Step, Warning


def erwerbstaetigenfreibetrag(gross: Decimal, *, with_child: bool, u25_trainee: bool, p: ParamSet) -> Decimal:
    """Freibetrag on gross earnings (§ 11b Abs. 2, 2b, 3 SGB II)."""
    rules = p["sgb2.erwerbstaetigenfreibetrag"]
    base = rules["grundabsetzbetrag"]
    if u25_trainee:
        base = max(base, p["common.geringfuegigkeitsgrenze"])
    free = min(gross, base)
    lower = base if u25_trainee else rules["grundabsetzbetrag"]
    for band in rules["bands"]:
        upper = band["up_to"]
        if gross > lower and upper > lower:
            free += (min(gross, upper) - lower) * band["rate"]
        lower = max(lower, upper)
    top = rules["last_band_up_to_with_child"] if with_child else rules["last_band_up_to"]
    if gross > lower and top > lower:
        free += (min(gross, top) - lower) * rules["last_band_rate"]
    return cents(free)


@dataclass
class CountedIncome:
    amount: Decimal
    steps: list[Step]


def counted_income(
    member: Member,
    household: Household,
    p: ParamSet,
    warnings: list[Warning],
    *,
    with_child: bool,
    kindergeld: Decimal = ZERO,
) -> CountedIncome:
    """Anrechenbares Einkommen of one person (§§ 11–11b SGB II), without Kindergeld.

    ``kindergeld`` is the Kindergeld that counts as this person's income (an adult child's
    own, or the surplus passed to a parent): it is added by the caller, but it takes part in
    the 30 € Versicherungspauschale of adults without earnings.

    Actual expenses (``member.expenses``):

    - with earnings, § 11b Abs. 2 Satz 1 SGB II deducts "anstelle der Beträge nach Absatz 1
      Satz 1 Nummer 3 bis 5 ein Betrag von insgesamt 100 Euro"; Satz 2: "Beträgt das
      monatliche Einkommen aus Erwerbstätigkeit mehr als 400 Euro, gilt Satz 1 nicht, wenn die
      oder der erwerbsfähige Leistungsberechtigte nachweist, dass die Summe der Beträge nach
      Absatz 1 Satz 1 Nummer 3 bis 5 den Betrag von 100 Euro übersteigt." The § 11b Abs. 3
      bands stay as they are.
    - without earnings, Nr. 3 (insurances) and Nr. 4 (geförderte Altersvorsorge) apply
      directly. For private insurances of adults the Verordnung sets a Pauschbetrag of 30 €
      (§ 6 Abs. 1 Nr. 1); gesetzlich vorgeschriebene insurances such as the Kfz-Haftpflicht are
      deducted as actually paid (§ 6 Abs. 1 Nr. 3). The contract's ``insurances`` does not
      tell the two apart, so the higher of the two is taken. Riester contributions (Nr. 4)
      are deducted as paid; whether they stay within the Mindesteigenbeitrag (§ 86 EStG) is
      not checked.
    """
    steps: list[Step] = []
    total = ZERO
    expenses = member.expenses
    earned = [i for i in member.incomes if i.is_earned]
    if earned:
        gross = sum((gross_earnings(i, p, warnings, member.id) for i in earned), ZERO)
        net = sum((net_of(i, p, warnings, member.id) for i in earned), ZERO)
        u25_trainee = member.age < 25 and member.training in ("school", "apprenticeship")
        free = erwerbstaetigenfreibetrag(gross, with_child=with_child, u25_trainee=u25_trainee, p=p)
        steps.append(Step("einkommen_erwerb_netto", f"Erwerbseinkommen netto (brutto {de(gross)})", net, "§ 11 Abs. 1 SGB II", member.id))
        base = min(gross, _grundabsetzbetrag(u25_trainee, p))
        actual = _actual_deductions(member, p) if expenses is not None else None
        if actual is not None and gross > p["sgb2.nachweis_tatsaechliche_absetzbetraege"] and actual[0] > base:
            amount, parts = actual
            steps.append(
                Step(
                    "absetzbetraege_tatsaechlich",
                    f"Tatsächliche Absetzbeträge statt Grundabsetzbetrag {de(base)} ({parts})",
                    -amount,
                    p.cite("sgb2.nachweis_tatsaechliche_absetzbetraege"),
                    member.id,
                )
            )
            steps.append(Step("freibetrag_erwerb", "Freibetrag bei Erwerbstätigkeit (ohne Grundabsetzbetrag)", -(free - base), "§ 11b Abs. 3 SGB II", member.id))
            free = free - base + amount
        else:
            steps.append(Step("freibetrag_erwerb", "Freibetrag bei Erwerbstätigkeit", -free, p.cite("sgb2.erwerbstaetigenfreibetrag"), member.id))
        total += positive(net - free)
    other = [i for i in member.incomes if not i.is_earned]
    other_total = ZERO
    for income in other:
        amount = net_of(income, p, warnings, member.id)
        if income.kind == "pension" and income.grundrentenzeiten_33y:
            rules = p["sgb2.grundrentenfreibetrag"]
            cap = cents(regelbedarf(1, p) * rules["cap_share_of_rbs_1"])
            free = min(cap, cents(rules["base"] + positive(amount - rules["base"]) * rules["rate_above"]), amount)
            steps.append(Step("einkommen_rente", "Rente", amount, "§ 11 Abs. 1 SGB II", member.id))
            steps.append(Step("freibetrag_grundrente", "Grundrentenfreibetrag", -free, p.cite("sgb2.grundrentenfreibetrag"), member.id))
            amount -= free
        else:
            steps.append(Step(f"einkommen_{income.kind}", _INCOME_LABELS.get(income.kind, "Einkommen"), amount, "§ 11 Abs. 1 SGB II", member.id))
        other_total += amount
    available = other_total + kindergeld
    if available > 0 and not earned:
        flat = p["sgb2.versicherungspauschale"]
        insured = expenses is not None and expenses.insurances > 0
        if insured and expenses.insurances > flat:
            amount = min(expenses.insurances, available)
            label = f"Versicherungsbeiträge wie gezahlt (höher als die Pauschale von {de(flat)})"
            steps.append(Step("versicherungen_tatsaechlich", label, -amount, "§ 11b Abs. 1 Satz 1 Nr. 3 SGB II; § 6 Abs. 1 Nr. 3 Bürgergeld-V / GrusiGV", member.id))
            available -= amount
            other_total -= amount
        elif member.age >= 18 or insured:
            # Minors only where they have an insurance of their own (§ 6 Abs. 1 Nr. 2 of the Verordnung).
            amount = min(flat, available)
            steps.append(Step("versicherungspauschale", "Versicherungspauschale", -amount, p.cite("sgb2.versicherungspauschale"), member.id))
            available -= amount
            other_total -= amount
        if expenses is not None and expenses.retirement_savings > 0 and available > 0:
            amount = min(expenses.retirement_savings, available)
            steps.append(Step("altersvorsorge_riester", "Geförderte Altersvorsorge (Riester)", -amount, "§ 11b Abs. 1 Satz 1 Nr. 4 SGB II", member.id))
            other_total -= amount
    total += other_total
    return CountedIncome(amount=cents(total), steps=steps)


def _grundabsetzbetrag(u25_trainee: bool, p: ParamSet) -> Decimal:
    """The flat amount of § 11b Abs. 2 Satz 1 (or Abs. 2b for pupils and trainees under 25)."""
    base = p["sgb2.erwerbstaetigenfreibetrag"]["grundabsetzbetrag"]
    return max(base, p["common.geringfuegigkeitsgrenze"]) if u25_trainee else base


def _actual_deductions(member: Member, p: ParamSet) -> tuple[Decimal, str]:
    """Sum of § 11b Abs. 1 Satz 1 Nr. 3–5 SGB II with the parts named in German.

    Nr. 3: for adults at least the 30 € Pauschbetrag for private insurances (§ 6 Abs. 1 Nr. 1
    of the Verordnung; it is a Nr. 3 amount and deducted without proof); Nr. 4: Riester as
    paid; Nr. 5: commuting and other necessary costs of the work as paid."""
    e = member.expenses
    flat = p["sgb2.versicherungspauschale"] if member.age >= 18 else ZERO
    insurances = max(e.insurances, flat)
    parts = [f"Versicherungen {de(insurances)}"]
    if e.retirement_savings:
        parts.append(f"Riester {de(e.retirement_savings)}")
    if e.commuting:
        parts.append(f"Fahrtkosten {de(e.commuting)}")
    if e.other_work_costs:
        parts.append(f"sonstige Werbungskosten {de(e.other_work_costs)}")
    return insurances + e.retirement_savings + e.work_costs, ", ".join(parts)


_INCOME_LABELS = {
    "pension": "Rente",
    "alg1": "Arbeitslosengeld",
    "sickness_benefit": "Krankengeld",
    "parental_allowance": "Elterngeld",
    "maintenance": "Unterhalt",
    "uvg": "Unterhaltsvorschuss",
    "bafoeg": "BAföG",
    "other": "Sonstiges Einkommen",
}
