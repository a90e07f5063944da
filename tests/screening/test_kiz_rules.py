"""Kinderzuschlag rules (§ 6a, § 11 BKGG) checked in isolation.

The SGB II result and the Wohngeld are given by hand here, so that each test isolates one
rule of the statute: the Wohnkostenanteil (§ 6a Abs. 5), the rounding of the amount paid
(§ 11 Abs. 2), the child's income (§ 6a Abs. 3), the parents' other income (§ 6a Abs. 6
Satz 4) and the erweiterter Zugang (§ 6a Abs. 1a).
"""

from datetime import date
from decimal import Decimal

import pytest

from screening.rules import family
from screening.rules.params import params_at
from screening.rules.parse import parse_household
from screening.rules.result import ProgramResult, Status

AS_OF = "2026-03-01"
D = Decimal


def _household(*, partner=True, children=(8,), gross="2000.00", net="1560.00", warm=("700.00", "150.00", "100.00"), parent_receives=(), child_incomes=None, parent_incomes=None, child_training="none"):
    members = [
        {
            "id": "p1",
            "relation": "self",
            "age": 35,
            "contributions": {"income_tax": True, "health_care_insurance": True, "pension_insurance": True},
            "incomes": parent_incomes if parent_incomes is not None else [{"kind": "employment", "gross": gross, "net": net}],
            "already_receives": list(parent_receives),
        }
    ]
    if partner:
        members.append({"id": "p2", "relation": "partner", "age": 33})
    for i, age in enumerate(children, start=1):
        child = {"id": f"k{i}", "relation": "child", "age": age, "training": child_training}
        if child_incomes and f"k{i}" in child_incomes:
            child["incomes"] = child_incomes[f"k{i}"]
        members.append(child)
    rent, service, heating = warm
    data = {"as_of": AS_OF, "members": members, "housing": {"rent_cold": rent, "service_charges": service, "heating": heating}}
    return parse_household(data)


def _sgb2(shortfall="0", needs=None):
    result = ProgramResult("sgb2", Status.LIKELY if D(shortfall) > 0 else Status.UNLIKELY)
    result.facts.update(shortfall=D(shortfall), needs={k: D(v) for k, v in (needs or {}).items()})
    return result


def _kiz(household, *, wohngeld="0", shortfall="0", needs=None):
    return family.kinderzuschlag(household, params_at(date(2026, 3, 1)), [], D(wohngeld), _sgb2(shortfall, needs))


def _codes(result):
    return [r.code for r in result.reasons]


# --- § 6a Abs. 5 BKGG: Wohnkostenanteil on the 12th Existenzminimumbericht -------------------

# By hand from BT-Drs. 19/5400, Übersicht 4 (2020): Alleinstehende 3 552 + 660 = 4 212,
# Ehepaare 5 328 + 852 = 6 180, Kinder 1 068 + 180 = 1 248 (yearly); share = parents /
# (parents + n × 1 248), rounded to two decimal places of a percent.
SHARES = {
    (False, 1): "0.7714", (False, 2): "0.6279", (False, 3): "0.5294", (False, 4): "0.4576", (False, 5): "0.4030",
    (True, 1): "0.8320", (True, 2): "0.7123", (True, 3): "0.6227", (True, 4): "0.5532", (True, 5): "0.4976",
}  # fmt: skip


@pytest.mark.parametrize(("partner", "children"), sorted(SHARES))
def test_wohnkostenanteil_follows_the_12th_report(partner, children):
    household = _household(partner=partner)
    share = family.wohnkostenanteil(household, children, params_at(date(2026, 3, 1)))
    assert share == D(SHARES[(partner, children)])


def test_the_share_is_the_same_in_2024_2025_and_2026():
    household = _household(partner=True)
    shares = {family.wohnkostenanteil(household, 2, params_at(date(y, 3, 1))) for y in (2024, 2025, 2026)}
    assert shares == {D("0.7123")}


def test_the_step_label_writes_the_percentage_in_german():
    result = _kiz(_household(partner=True, children=(6,), warm=("800.00", "150.00", "100.00")))
    step = next(s for s in result.steps if s.code == "kiz_wohnkostenanteil")
    assert "83,20 %" in step.label and "83.20" not in step.label
    assert step.amount == D("873.60")  # 1 050 × 83,20 %


# --- § 11 Abs. 2 BKGG: the amount paid is rounded to whole euros --------------------------------


@pytest.mark.parametrize(
    ("maintenance", "expected"),
    [
        ("1.00", "297"),  # 297 − 0,45 = 296,55 → up
        ("2.00", "296"),  # 297 − 0,90 = 296,10 → down
        ("10.00", "293"),  # 297 − 4,50 = 292,50 → 50 cent: up
        ("201.00", "207"),  # 297 − 90,45 = 206,55 → up
        ("299.00", "162"),  # 297 − 134,55 = 162,45 → down
    ],
)
def test_the_amount_paid_is_rounded_half_up_to_whole_euros(maintenance, expected):
    household = _household(partner=False, child_incomes={"k1": [{"kind": "maintenance", "amount": maintenance}]})
    result = _kiz(household)
    assert result.monthly_amount == D(expected)


def test_the_parents_income_keeps_its_cents():
    result = _kiz(_household(gross="3200.00", net="2300.60", children=(5, 9), warm=("800.00", "150.00", "110.00")))
    income = next(s for s in result.steps if s.code == "kiz_elterneinkommen")
    assert income.amount == D("1922.60")  # 2 300,60 − 378, not rounded down to 1 922
    # limit 1 012 + 71,23 % × 1 060 = 1 767,04; (1 922,60 − 1 767,04) × 45 % = 70,00; 594 − 70 = 524
    assert result.monthly_amount == D("524")


# --- § 6a Abs. 3 BKGG: the child's own income, 45 %, without Kindergeld ------------------------


def test_kindergeld_is_not_the_childs_income_for_kiz():
    result = _kiz(_household(partner=False))
    assert result.monthly_amount == D("297")
    assert not [s for s in result.steps if s.code == "kiz_kindeseinkommen"]


def test_uvg_reduces_the_childs_kiz_by_45_percent():
    household = _household(partner=False, child_incomes={"k1": [{"kind": "uvg", "amount": "299.00"}]})
    result = _kiz(household)
    step = next(s for s in result.steps if s.code == "kiz_kindeseinkommen")
    assert step.amount == D("-134.55")
    assert result.monthly_amount == D("162")


def test_an_adult_childs_maintenance_counts_after_the_versicherungspauschale():
    # 19, in school: maintenance 300 − 30 € (§ 6 Abs. 1 Nr. 1 Bürgergeld-V) = 270 × 45 % = 121,50.
    household = _household(partner=False, children=(19,), child_training="school", child_incomes={"k1": [{"kind": "maintenance", "amount": "300.00"}]})
    result = _kiz(household)
    assert result.monthly_amount == D("176")  # 297 − 121,50 = 175,50 → 176


# --- § 6a Abs. 6 Satz 2–4 BKGG: other parental income above the limit reduces in full ----------


def test_other_income_alone_above_the_limit_reduces_in_full():
    # Single parent, ALG I 1 500 − 30 € Pauschale = 1 470; limit 630,56 + 77,14 % × 600 = 1 093,40:
    # 376,60 € in full exceed the 297 € (45 % would have left 127,53 €).
    household = _household(partner=False, parent_incomes=[{"kind": "alg1", "amount": "1500.00"}], warm=("400.00", "120.00", "80.00"))
    result = _kiz(household)
    assert result.status == Status.UNLIKELY
    assert "income_too_high" in _codes(result)
    assert any(s.code == "kiz_abschmelzung_sonstiges" and s.amount == D("-376.60") for s in result.steps)


def test_mixed_income_with_other_income_below_the_limit_is_withdrawn_at_45_percent():
    # Earnings 1 600 / 1 230 − 378 = 852 + other income 300 (no Pauschale besides earnings): 1 152 over
    # the limit 1 093,40 by 58,60; the other income alone (300) stays below it, so the whole excess
    # counts as caused by the earnings: × 45 % = 26,37 → 297 − 26,37 = 270,63 → 271.
    incomes = [{"kind": "employment", "gross": "1600.00", "net": "1230.00"}, {"kind": "other", "amount": "300.00"}]
    household = _household(partner=False, parent_incomes=incomes, warm=("400.00", "120.00", "80.00"))
    result = _kiz(household)
    income = next(s for s in result.steps if s.code == "kiz_elterneinkommen")
    assert income.amount == D("1152.00")
    assert result.monthly_amount == D("271")


# --- § 6a Abs. 1 Nr. 3 and Abs. 1a BKGG --------------------------------------------------------

FAMILY = {"partner": True, "children": (6,), "warm": ("800.00", "150.00", "100.00")}  # KiZ 297
NEEDS = {"k1": "765.00"}


def test_kiz_and_wohngeld_ending_the_need_is_likely():
    result = _kiz(_household(**FAMILY), wohngeld="685", shortfall="982.00", needs=NEEDS)
    assert result.status == Status.LIKELY
    assert result.monthly_amount == D("297")


@pytest.mark.parametrize("shortfall", ["983.00", "1082.00"])
def test_a_gap_of_at_most_100_euro_opens_the_extended_access(shortfall):
    result = _kiz(_household(**FAMILY), wohngeld="685", shortfall=shortfall, needs=NEEDS)
    assert result.status == Status.POSSIBLE
    assert result.monthly_amount == D("297")
    assert result.facts["extended_access"] is True
    reason = next(r for r in result.reasons if r.code == "extended_access")
    assert reason.citation == "§ 6a Abs. 1a BKGG"
    assert "need_not_avoided" not in _codes(result)


def test_a_gap_above_100_euro_keeps_need_not_avoided():
    result = _kiz(_household(**FAMILY), wohngeld="685", shortfall="1082.01", needs=NEEDS)
    assert result.status == Status.UNLIKELY
    assert "need_not_avoided" in _codes(result)
    assert result.monthly_amount == D("297")
    assert result.facts["amount_if_need_avoided"] == D("297")
    assert result.facts["extended_access"] is False


def test_no_extended_access_when_someone_already_receives_sgb2():
    household = _household(**FAMILY, parent_receives=("sgb2",))
    result = _kiz(household, wohngeld="685", shortfall="1036.00", needs=NEEDS)
    assert result.status == Status.UNLIKELY
    assert "need_not_avoided" in _codes(result)


def test_no_extended_access_without_100_euro_allowances_on_earnings():
    # Only ALG I (no earnings): no § 11b Abs. 2, 3 allowances (Abs. 1a Nr. 2).
    household = _household(**FAMILY, parent_incomes=[{"kind": "alg1", "amount": "1000.00"}])
    result = _kiz(household, wohngeld="685", shortfall="1036.00", needs=NEEDS)
    assert result.status == Status.UNLIKELY
    assert "need_not_avoided" in _codes(result)


def test_a_childs_kiz_covers_only_its_own_need():
    # The child needs only 100 € more; the other 197 € of its KiZ do not reach the parents
    # (§ 11 Abs. 1 Satz 4, § 7 Abs. 3 Nr. 4 SGB II): shortfall 150 − 100 = 50 € still open.
    result = _kiz(_household(**FAMILY), wohngeld="0", shortfall="150.00", needs={"k1": "100.00"})
    assert result.status == Status.POSSIBLE
    assert result.facts["gap"] == D("50.00")
