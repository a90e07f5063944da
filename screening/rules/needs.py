"""Bedarfe shared by SGB II and SGB XII: Regelbedarf, Mehrbedarfe, housing costs per head.

Data gaps: Mehrbedarf for kostenaufwändige Ernährung (§ 21 Abs. 5) and unabweisbarer
Bedarf (§ 21 Abs. 6) are case by case and not asked; the disability Mehrbedarf (§ 21
Abs. 4) needs Leistungen zur Teilhabe, which the contract does not ask either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from screening.rules.household import Household, Member
from screening.rules.money import ZERO, cents, de
from screening.rules.params import ParamSet
from screening.rules.people import minor_children
from screening.rules.result import Step


@dataclass
class PersonNeed:
    member: Member
    rbs: int
    regelbedarf: Decimal
    mehrbedarf: Decimal = ZERO
    sofortzuschlag: Decimal = ZERO
    housing: Decimal = ZERO
    heating: Decimal = ZERO
    steps: list[Step] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.regelbedarf + self.mehrbedarf + self.sofortzuschlag + self.housing + self.heating


def number_de(value: Decimal) -> str:
    """A factor or percentage in German notation without trailing zeros: 2.30 -> "2,3"."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def percent_de(share: Decimal) -> str:
    """A share as a German percentage: 0.023 -> "2,3 %", 0.36 -> "36 %"."""
    return f"{number_de(Decimal(share) * 100)} %"


def regelbedarf(rbs: int, p: ParamSet) -> Decimal:
    return p["common.regelbedarf"][f"rbs_{rbs}"]


def regelbedarf_citation(p: ParamSet, law: str) -> str:
    """The legal basis of a Regelbedarf line in the law of the programme shown."""
    entry = p.entry("common.regelbedarf")
    basis = "§ 20 Abs. 2, § 23 SGB II" if law == "sgb2" else "§ 27a, § 28 SGB XII mit Anlage"
    return f"{basis} (ab {entry.valid_from:%d.%m.%Y}; {entry.reference})"


def single_parent_share(household: Household, p: ParamSet) -> Decimal:
    """Share of RBS 1 for Alleinerziehende (§ 21 Abs. 3 SGB II / § 30 Abs. 3 SGB XII)."""
    rates = p["common.mehrbedarf"]
    minors = minor_children(household)
    if household.partner is not None or not minors:
        return ZERO
    under_7 = sum(1 for c in minors if c.age < 7)
    under_16 = sum(1 for c in minors if c.age < 16)
    by_age = rates["single_parent_base"] if under_7 == 1 or 2 <= under_16 <= 3 else ZERO
    by_count = rates["single_parent_per_child"] * len(minors)
    return min(max(by_age, by_count), rates["single_parent_max"])


def mehrbedarfe(
    person: PersonNeed, household: Household, p: ParamSet, *, law: str, non_working_g: bool = False
) -> None:
    """Add the Mehrbedarfe of one person, respecting the cap of § 21 Abs. 8 SGB II."""
    m = person.member
    rates = p["common.mehrbedarf"]
    section = "§ 21" if law == "sgb2" else "§ 30"
    code_law = "SGB II" if law == "sgb2" else "SGB XII"
    capped = ZERO
    if m.pregnant_after_week_12:
        amount = cents(person.regelbedarf * rates["pregnancy"])
        capped += amount
        person.steps.append(Step("mehrbedarf_schwangerschaft", f"Mehrbedarf Schwangerschaft ({percent_de(rates['pregnancy'])})", amount, f"{section} Abs. 2 {code_law}", m.id))
    if m.relation == "self" and household.partner is None:
        share = single_parent_share(household, p)
        if share:
            amount = cents(regelbedarf(1, p) * share)
            capped += amount
            person.steps.append(
                Step("mehrbedarf_alleinerziehend", f"Mehrbedarf Alleinerziehende ({percent_de(share)} der Stufe 1)", amount, f"{section} Abs. 3 {code_law}", m.id)
            )
    if law == "sgb2" and m.receives_teilhabe and m.age >= 15:
        amount = cents(person.regelbedarf * rates["disability_work"])
        capped += amount
        person.steps.append(Step("mehrbedarf_behinderung", f"Mehrbedarf für Menschen mit Behinderung mit Teilhabeleistungen ({percent_de(rates['disability_work'])})", amount, "§ 21 Abs. 4 SGB II", m.id))
    if m.merkzeichen_g and non_working_g:
        amount = cents(person.regelbedarf * rates["merkzeichen_g"])
        capped += amount
        citation = "§ 23 Nr. 4 SGB II" if law == "sgb2" else "§ 30 Abs. 1 SGB XII"
        person.steps.append(Step("mehrbedarf_merkzeichen_g", f"Mehrbedarf Merkzeichen G ({percent_de(rates['merkzeichen_g'])})", amount, citation, m.id))
    if capped > person.regelbedarf:
        person.steps.append(
            Step("mehrbedarf_deckel", "Mehrbedarfe höchstens in Höhe des Regelbedarfs", person.regelbedarf - capped, f"{section} Abs. 8 {code_law}", m.id)
        )
        capped = person.regelbedarf
    person.mehrbedarf += capped
    if household.housing.hot_water_decentral:
        share = p["common.warmwasser_mehrbedarf"][f"rbs_{person.rbs}"]
        amount = cents(person.regelbedarf * share)
        person.mehrbedarf += amount
        person.steps.append(
            Step("mehrbedarf_warmwasser", f"Mehrbedarf dezentrale Warmwassererzeugung ({percent_de(share)})", amount, f"{section} Abs. 7 {code_law}", m.id)
        )


def kdu_limit(persons: int, household: Household, p: ParamSet) -> Decimal | None:
    """Angemessene Nettokaltmiete for a number of persons, or None where no local limit is known."""
    if household.place.municipality.lower() != "stuttgart" or not p.has("local.stuttgart.mietobergrenze"):
        return None
    table = p["local.stuttgart.mietobergrenze"]
    if persons <= 6:
        return table[persons - 1]
    return table[5] + table[6] * (persons - 6)


def head_share(household: Household, persons: int) -> Decimal:
    """Kopfteil: this group's share of the flat's costs (other occupants count as heads)."""
    heads = household.size + household.housing.other_occupants
    return Decimal(persons) / Decimal(heads)


@dataclass
class HousingCosts:
    rent: Decimal  # Unterkunft recognised for the group (Kaltmiete + Nebenkosten)
    heating: Decimal
    steps: list[Step]
    reasons: list[tuple[str, str, str]]  # (code, message, citation)


def housing_costs(
    household: Household,
    persons: int,
    p: ParamSet,
    *,
    law: str,
    in_karenz: bool,
    cap_factor: Decimal | None,
    with_children: bool,
) -> HousingCosts:
    """Unterkunft und Heizung of a group of ``persons`` household members (§ 22 SGB II / § 35 SGB XII)."""
    h = household.housing
    share = head_share(household, persons)
    citation = "§ 22 Abs. 1 SGB II" if law == "sgb2" else "§ 35 SGB XII"
    # The 1.5 cap in the Karenzzeit: § 22 Abs. 1 Satz 7 SGB II n.F.; § 35 Abs. 1 Satz 7 SGB XII n.F.
    cap_citation = "§ 22 Abs. 1 Satz 7 SGB II n.F." if law == "sgb2" else "§ 35 Abs. 1 Satz 7 SGB XII n.F."
    # The limit is that of the whole household (Wohnungsgröße by persons); the group then
    # bears its share per head. Other occupants (a flat share) are separate households.
    group_share = Decimal(persons) / Decimal(household.size)
    cold = cents(h.rent_cold * share)
    charges = cents(h.service_charges * share)
    heating = cents(h.heating * share)
    steps = [
        Step("kdu_kaltmiete", "Kaltmiete (Anteil nach Köpfen)" if share < 1 else "Kaltmiete", cold, citation),
        Step("kdu_nebenkosten", "Nebenkosten", charges, citation),
    ]
    reasons: list[tuple[str, str, str]] = []
    household_limit = kdu_limit(household.size, household, p)
    limit = None if household_limit is None else cents(household_limit * group_share)
    if limit is None:
        reasons.append(("kdu_no_local_limit", "Für diesen Ort sind keine Mietobergrenzen hinterlegt; tatsächliche Kosten angesetzt.", citation))
    elif cold > limit:
        if in_karenz and cap_factor is None:
            reasons.append(("kdu_karenz_actual", f"Karenzzeit: tatsächliche Kaltmiete wird im ersten Jahr übernommen (Mietobergrenze {de(limit)}).", citation))
        elif in_karenz and with_children:
            reasons.append(("kdu_karenz_children", f"Karenzzeit mit Kindern: tatsächliche Kaltmiete, auch über dem {number_de(cap_factor)}-fachen der Grenze von {de(limit)}.", cap_citation))
        elif in_karenz:
            ceiling = cents(limit * cap_factor)
            if cold > ceiling:
                steps.append(Step("kdu_karenz_deckel", f"Kaltmiete über dem {number_de(cap_factor)}-fachen der Mietobergrenze ({de(ceiling)}) wird nicht übernommen", ceiling - cold, cap_citation))
                reasons.append(("kdu_karenz_capped", f"In der Karenzzeit höchstens das {number_de(cap_factor)}-fache der Mietobergrenze ({de(ceiling)}).", cap_citation))
                cold = ceiling
        else:
            steps.append(Step("kdu_angemessenheit", f"Kaltmiete über der Mietobergrenze Stuttgart ({de(limit)}) wird nicht übernommen", limit - cold, p.cite("local.stuttgart.mietobergrenze")))
            reasons.append(("kdu_above_limit", f"Die Kaltmiete liegt über der Mietobergrenze von {de(limit)}; übernommen wird die Grenze (Kostensenkung).", citation))
            cold = limit
    steps.append(Step("kdu_heizung", "Heizkosten (als angemessen angenommen)", heating, "§ 22 Abs. 1 Satz 1 SGB II" if law == "sgb2" else "§ 35 Abs. 4 SGB XII"))
    return HousingCosts(rent=cold + charges, heating=heating, steps=steps, reasons=reasons)
