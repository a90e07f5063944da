from datetime import date
from decimal import Decimal

import pytest

from openarea.quick_check.household import answers_are_exact, household_json
from openarea.quick_check.result import quick_result
from screening.rules import evaluate_json

SINGLE_MOTHER = {
    "age": "25-49", "partner": "no", "children": "2", "youngest": "0-5", "maintenance": "no",
    "situation": "employed", "income": "exact:1200.00", "housing": "exact:850.00", "savings": "0-5000", "receives": "none",
}  # fmt: skip
PENSIONER = {
    "age": "67+", "partner": "no", "children": "0", "situation": "pension",
    "income": "1000-1500", "housing": "600-800", "savings": "0-5000", "receives": "none",
}  # fmt: skip
TODAY = date(2026, 11, 25)


def test_the_answers_become_a_valid_household_for_the_engine():
    household = household_json(SINGLE_MOTHER, today=TODAY)
    assert [m["relation"] for m in household["members"]] == ["self", "child", "child"]
    assert [m["age"] for m in household["members"][1:]] == [3, 6]
    assert household["members"][0]["incomes"] == [{"kind": "employment", "net": "1200.00"}]
    housing = household["housing"]
    assert sum(Decimal(housing[k]) for k in ("rent_cold", "service_charges", "heating")) == Decimal("850.00")
    evaluate_json(household)  # no InputError


def test_amounts_need_typed_income_and_housing_costs():
    assert answers_are_exact(SINGLE_MOTHER)
    assert not answers_are_exact(PENSIONER)
    assert not answers_are_exact({**SINGLE_MOTHER, "savings": "unknown"})


@pytest.mark.django_db
def test_a_pensioner_with_a_small_pension_is_told_about_wohngeld_and_grundsicherung_without_amounts():
    result = quick_result(PENSIONER, today=TODAY)
    keys = {s.key for s in result.suggestions}
    assert "wohngeld" in keys
    assert "sgb2" not in keys  # past pension age: not the Jobcenter
    assert not result.shows_amounts
    assert all(s.amount is None for s in result.suggestions)


@pytest.mark.django_db
def test_a_single_mother_with_exact_figures_sees_rough_amounts_and_what_comes_first():
    result = quick_result(SINGLE_MOTHER, today=TODAY)
    by_key = {s.key: s for s in result.suggestions}
    assert {"kindergeld", "uvg"} <= set(by_key)
    assert result.shows_amounts
    assert by_key["kindergeld"].amount == Decimal("518.00")  # 2 × 259 € (2026)
    assert "sgb2" in by_key
    assert any("Kindergeld" in label for label in result.claim_first)
    assert not any("Bürgergeld" in label for label in result.claim_first)


@pytest.mark.django_db
def test_what_the_visitor_already_gets_is_not_suggested_again():
    result = quick_result({**SINGLE_MOTHER, "receives": "kindergeld"}, today=TODAY)
    assert "kindergeld" not in {s.key for s in result.suggestions}
    assert any("Kindergeld" in label for label in result.already)


@pytest.mark.django_db
def test_regular_maintenance_makes_unterhaltsvorschuss_only_a_maybe():
    result = quick_result({**SINGLE_MOTHER, "maintenance": "yes"}, today=TODAY)
    uvg = next(s for s in result.suggestions if s.key == "uvg")
    assert not uvg.likely
