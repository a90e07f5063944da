"""The SGB II asset test, one function per legal formula with its validity dates.

- 2023-01-01 to 2026-06-30 (Bürgergeld-Gesetz): Karenzzeit of 12 months with 40 000 € for
  the first and 15 000 € for each further person, afterwards 15 000 € per person.
- from 2026-07-01 (13. SGB II-ÄndG): no Karenzzeit, allowances by age per person from the
  start of the month in which the age is reached, transferable within the Bedarfsgemeinschaft; Bewilligungszeiträume that began before
  2026-07-01 keep the old law until their end (§ 65a SGB II n.F.).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from screening.rules.household import Household, Member
from screening.rules.money import ZERO, de
from screening.rules.params import ParamSet, params_at
from screening.rules.result import Warning

NEW_LAW = date(2026, 7, 1)


@dataclass(frozen=True)
class AssetLimit:
    limit: Decimal
    explanation: str
    citation: str
    # Only ``age`` known: the limit if every possibly already reached age band applies (the
    # birthday may fall in the month of ``as_of``), and who could be in a higher band.
    limit_if_birthday_this_month: Decimal | None = None
    members_maybe_higher_band: tuple[str, ...] = ()


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def current_bewilligungszeitraum_start(household: Household) -> date | None:
    """Start of the running Bewilligungszeitraum, estimated in 12-month steps from the first receipt."""
    since = household.sgb2_receipt_since
    if since is None:
        return None
    periods = months_between(since, household.as_of) // 12
    month_index = since.month - 1 + periods * 12
    return date(since.year + month_index // 12, month_index % 12 + 1, min(since.day, 28))


def _karenz_2023(members: list[Member], household: Household, p: ParamSet) -> AssetLimit:
    """§ 12 Abs. 2, 4 SGB II i.d.F. Bürgergeld-Gesetz (valid 2023-01-01 to 2026-06-30)."""
    rules = p["sgb2.vermoegen"]
    since = household.sgb2_receipt_since
    citation = p.cite("sgb2.vermoegen")
    if since is None or months_between(since, household.as_of) < rules["karenz_months"]:
        limit = rules["karenz_first_person"] + rules["karenz_each_further"] * (len(members) - 1)
        return AssetLimit(limit, f"Karenzzeit: erhebliches Vermögen erst über {de(limit)}", citation)
    limit = rules["after_karenz_per_person"] * len(members)
    return AssetLimit(limit, f"Freibetrag {de(rules['after_karenz_per_person'])} je Person", citation)


def _band_amount(bands, age: int) -> Decimal:
    amount = ZERO
    for band in bands:
        if age >= band["from_age"]:
            amount = band["amount"]
    return amount


def reaches_age_in_month(birth: date, age: int, as_of: date) -> bool:
    """Whether ``age`` is reached in the month of ``as_of`` or earlier (the birthday month counts)."""
    return (birth.year + age, birth.month) <= (as_of.year, as_of.month)


def _age_staggered_2026(members: list[Member], household: Household, p: ParamSet) -> AssetLimit:
    """§ 12 Abs. 2 SGB II n.F. (from 2026-07-01): per person by age, transferable within the BG.

    § 12 Abs. 2 Satz 2 n.F.: the higher amount applies "ab Beginn des Monats, in dem" the age
    is reached (law.md, Addendum of 2026-12-07). With ``birth_date`` this is exact; with only
    the completed ``age``, a person one year below a band may reach it later in this month,
    so the limit with that band is returned as well."""
    bands = p["sgb2.vermoegen"]["per_person_by_age"]
    starts = {band["from_age"] for band in bands}
    limit = ZERO
    upper = ZERO
    maybe: list[str] = []
    for member in members:
        if member.birth_date is not None:
            # The age at the end of the month of as_of decides.
            age = member.age + (1 if reaches_age_in_month(member.birth_date, member.age + 1, household.as_of) else 0)
            amount = _band_amount(bands, age)
            limit += amount
            upper += amount
            continue
        amount = _band_amount(bands, member.age)
        limit += amount
        if member.age + 1 in starts:
            higher = _band_amount(bands, member.age + 1)
            upper += higher
            maybe.append(member.id)
        else:
            upper += amount
    return AssetLimit(
        limit,
        "Freibeträge nach Lebensalter (ab Beginn des Geburtstagsmonats), innerhalb der Bedarfsgemeinschaft übertragbar",
        p.cite("sgb2.vermoegen"),
        upper if maybe else None,
        tuple(maybe),
    )


ASSET_FORMULAS = [(date(2023, 1, 1), _karenz_2023), (NEW_LAW, _age_staggered_2026)]


def asset_limit(members: list[Member], household: Household, p: ParamSet, warnings: list[Warning]) -> AssetLimit:
    """The asset test in force, including the transition for running Bewilligungszeiträume."""
    law_date = household.as_of
    bwz_start = current_bewilligungszeitraum_start(household)
    if law_date >= NEW_LAW and bwz_start is not None and bwz_start < NEW_LAW:
        law_date = date(2026, 6, 30)
        warnings.append(
            Warning(
                "bewilligungszeitraum_estimated",
                f"Beginn des laufenden Bewilligungszeitraums geschätzt ({bwz_start:%d.%m.%Y}); bis zu dessen Ende gilt altes Vermögensrecht (§ 65a SGB II n.F.).",
            )
        )
        old = params_at(law_date, local=p.local)
        result = _karenz_2023(members, household, old)
        p.absorb(old)  # the old values count as used (state of the law in the result)
        return replace(result, citation=f"{result.citation}; Übergang § 65a SGB II n.F.")
    formula = None
    for valid_from, candidate in ASSET_FORMULAS:
        if law_date >= valid_from:
            formula = candidate
    return formula(members, household, p)
