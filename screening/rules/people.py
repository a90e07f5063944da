"""Facts about people that several benefits need: age limits, ability to work, Regelbedarfsstufe."""

from __future__ import annotations

from datetime import date

from screening.rules.household import Household, Member
from screening.rules.params import ParamSet


def regelaltersgrenze(birth_year: int, p: ParamSet) -> tuple[int, int]:
    """(years, months) at which the Regelaltersgrenze is reached (§ 7a SGB II, § 41 SGB XII)."""
    table = p["common.regelaltersgrenze"]
    if birth_year < 1947:
        years, months = table["before_1947"]
    elif birth_year >= 1964:
        years, months = table["from_1964"]
    else:
        years, months = table[str(birth_year)]
    return int(years), int(months)


def birth_year_of(member: Member, as_of: date) -> int:
    """The birth year, from birth_date or estimated from the completed age (assume birthday passed)."""
    if member.birth_date is not None:
        return member.birth_date.year
    return as_of.year - member.age


def reached_regelaltersgrenze(member: Member, as_of: date, p: ParamSet) -> bool:
    """True from the month after the one in which the limit is completed (mit Ablauf des Monats)."""
    years, months = regelaltersgrenze(birth_year_of(member, as_of), p)
    if member.birth_date is not None:
        total = member.birth_date.year * 12 + member.birth_date.month - 1 + years * 12 + months
        limit_month = (total // 12, total % 12 + 1)
        return (as_of.year, as_of.month) > limit_month
    # Only the age is known: months beyond whole years are decided by the completed age.
    return member.age > years or (member.age == years and months == 0)


def is_able_to_work(member: Member, as_of: date, p: ParamSet) -> bool:
    """Erwerbsfähig (§ 8 SGB II): at least 3 hours a day; by default from 15 to the Regelaltersgrenze."""
    if member.permanently_unable_to_work:
        return False
    if member.able_to_work is not None:
        return member.able_to_work
    return 15 <= member.age and not reached_regelaltersgrenze(member, as_of, p)


def child_rbs(age: int) -> int:
    """Regelbedarfsstufe of a child by age (§ 23 Nr. 1 SGB II; Anlage zu § 28 SGB XII)."""
    if age <= 5:
        return 6
    if age <= 13:
        return 5
    if age <= 17:
        return 4
    return 3


def gets_kindergeld(member: Member, p: ParamSet) -> bool:
    """A child of self/partner under 18, or under 25 and in training (§ 32 Abs. 4 EStG)."""
    if not member.is_child:
        return False
    limits = p["family.kindergeld_altersgrenze"]
    if member.age < limits["general"]:
        return True
    return member.age < limits["in_training"] and member.training in ("school", "apprenticeship", "bafoeg_eligible")


def minor_children(household: Household) -> tuple[Member, ...]:
    return tuple(m for m in household.children if m.age < 18)


def is_single_parent(household: Household) -> bool:
    return household.partner is None and bool(minor_children(household))
