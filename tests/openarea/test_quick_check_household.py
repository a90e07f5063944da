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
def test_a_single_mother_with_exact_figures_sees_the_route_in_order_and_its_total():
    result = quick_result(SINGLE_MOTHER, today=TODAY)
    household = household_json(SINGLE_MOTHER, today=TODAY)
    route = evaluate_json(household)["route"]
    # The engine's route, in its order, with what each office pays in the route.
    assert [s.key for s in result.suggestions] == [c["program"] for c in route["claims"]] == ["kindergeld", "uvg", "wohngeld", "kiz"]
    assert [s.amount for s in result.suggestions] == [Decimal(c["monthly_amount"]) for c in route["claims"]]
    assert result.suggestions[0].amount == Decimal("518.00")  # 2 × 259 € (2026)
    assert result.shows_amounts
    assert result.monthly_money == Decimal(route["monthly_money"])
    # Bürgergeld is what the route replaces: named once as "instead", never as money on top.
    assert "sgb2" not in {s.key for s in result.suggestions}
    assert route["instead_of"] == ["sgb2"]
    assert str(result.instead) == 'Statt <bdi lang="de">Bürgergeld / Grundsicherungsgeld</bdi>: <bdi lang="de">Wohngeld</bdi> und <bdi lang="de">Kinderzuschlag</bdi>'
    assert result.adds is None  # nothing already received


@pytest.mark.django_db
def test_ranges_give_the_route_without_amounts_or_total():
    result = quick_result({**SINGLE_MOTHER, "income": "1000-1500"}, today=TODAY)
    assert result.suggestions and not result.shows_amounts
    assert all(s.amount is None for s in result.suggestions)
    assert result.monthly_money is None


@pytest.mark.django_db
def test_without_income_the_route_goes_to_buergergeld_and_nothing_is_instead():
    result = quick_result({**SINGLE_MOTHER, "income": "0"}, today=TODAY)
    keys = [s.key for s in result.suggestions]
    assert keys[-1] == "sgb2" and keys[:2] == ["kindergeld", "uvg"]
    assert "wohngeld" not in keys and "kiz" not in keys  # not side by side with Bürgergeld
    assert result.instead is None


@pytest.mark.django_db
def test_what_the_visitor_already_gets_is_not_suggested_again():
    result = quick_result({**SINGLE_MOTHER, "receives": "kindergeld"}, today=TODAY)
    assert "kindergeld" not in {s.key for s in result.suggestions}
    assert any("Kindergeld" in label for label in result.already)
    # What the route still adds: the other claims of the route, not the Kindergeld already paid.
    assert result.adds == sum(s.amount for s in result.suggestions)
    assert result.monthly_money == quick_result(SINGLE_MOTHER, today=TODAY).monthly_money


@pytest.mark.django_db
def test_a_visitor_who_already_gets_wohngeld_is_told_what_the_route_adds():
    result = quick_result({**SINGLE_MOTHER, "receives": "wohngeld"}, today=TODAY)
    assert [s.key for s in result.suggestions] == ["kindergeld", "uvg", "kiz"]
    assert result.adds == sum(s.amount for s in result.suggestions)


@pytest.mark.django_db
def test_regular_maintenance_makes_unterhaltsvorschuss_only_a_maybe():
    result = quick_result({**SINGLE_MOTHER, "maintenance": "yes"}, today=TODAY)
    uvg = next(s for s in result.suggestions if s.key == "uvg")
    assert not uvg.likely


@pytest.mark.parametrize("answer", ["bill", "cutoff", "no"])
def test_the_answer_about_bills_is_never_sent_to_the_engine(answer):
    household = household_json({**SINGLE_MOTHER, "bills": answer}, today=TODAY)
    assert household == household_json(SINGLE_MOTHER, today=TODAY)
    assert "one_off_costs" not in household["housing"] and "debts" not in household
    evaluate_json(household)  # the engine of today refuses bills; nothing of them is sent


@pytest.mark.django_db
def test_a_high_bill_names_this_month_and_its_last_day_and_the_office():
    result = quick_result({**SINGLE_MOTHER, "bills": "bill"}, today=date(2026, 12, 7))
    assert result.bills.bill and not result.bills.cutoff
    assert (result.bills.month, result.bills.apply_by) == (date(2026, 12, 1), date(2026, 12, 31))
    assert result.bills.office == "jobcenter"
    pensioner = quick_result({**PENSIONER, "bills": "cutoff"}, today=date(2027, 2, 3))
    assert pensioner.bills.cutoff and pensioner.bills.office == "sozialamt"
    assert pensioner.bills.apply_by == date(2027, 2, 28)
    assert quick_result({**PENSIONER, "bills": "cutoff"}, today=date(2028, 2, 3)).bills.apply_by == date(2028, 2, 29)


@pytest.mark.django_db
def test_no_bill_or_an_older_form_without_the_answer_says_nothing_about_bills():
    assert quick_result({**SINGLE_MOTHER, "bills": "no"}, today=TODAY).bills is None
    assert quick_result(SINGLE_MOTHER, today=TODAY).bills is None


@pytest.mark.django_db
def test_the_route_is_the_same_with_or_without_a_bill():
    with_bill = quick_result({**SINGLE_MOTHER, "bills": "bill"}, today=TODAY)
    without = quick_result({**SINGLE_MOTHER, "bills": "no"}, today=TODAY)
    assert with_bill.suggestions == without.suggestions and with_bill.monthly_money == without.monthly_money
