"""Re-screening (issue 20), the pure comparison: which changes of the route are worth telling."""

from decimal import Decimal

import pytest

from screening.rescreen import DOWN, ENDED, MONTHLY_MONEY, NEW, UP, Change, compare, route_of


def result(claims: dict, monthly_money: str | None = None, *, programs: dict | None = None) -> dict:
    money = monthly_money if monthly_money is not None else str(sum(Decimal(a) for a in claims.values()))
    return {
        "programs": programs or {key: {"status": "likely", "monthly_amount": amount} for key, amount in claims.items()},
        "route": {
            "claims": [{"program": key, "monthly_amount": amount, "status": "likely"} for key, amount in claims.items()],
            "monthly_money": money,
        },
        "priority": {"claim": list(claims)},
    }


def before_routes(claims: dict, programs: dict) -> dict:
    return {"programs": programs, "priority": {"claim": list(claims)}}


@pytest.mark.parametrize(
    ("new_amount", "listed"),
    [("309.99", False), ("310.00", False), ("310.01", True), ("289.99", True), ("290.01", False), ("290.00", False)],
)
def test_an_amount_is_listed_only_when_it_moves_by_more_than_10_euros(new_amount, listed):
    # Kindergeld keeps the household's money the same side of the threshold too.
    old = result({"wohngeld": "300.00"}, "1000.00")
    new = result({"wohngeld": new_amount}, str(Decimal("700.00") + Decimal(new_amount)))
    assert bool(compare(old, new)) is listed


def test_9_99_is_not_listed_10_01_is():
    old = result({"wohngeld": "300.00", "kindergeld": "259.00"})
    assert compare(old, result({"wohngeld": "309.99", "kindergeld": "259.00"})) == []
    assert compare(old, result({"wohngeld": "310.01", "kindergeld": "259.00"})) == [
        Change("wohngeld", UP, Decimal("10.01")),
        Change(MONTHLY_MONEY, UP, Decimal("10.01")),
    ]


def test_a_new_and_an_ended_claim_are_listed_whatever_the_amount():
    old = result({"kindergeld": "259.00", "sgb2": "5.00"}, "1000.00")
    new = result({"kindergeld": "259.00", "wohngeld": "4.00"}, "999.00")
    assert compare(old, new) == [Change("wohngeld", NEW, Decimal("4.00")), Change("sgb2", ENDED, Decimal("5.00"))]


def test_falling_amounts_are_positive_differences():
    old = result({"wohngeld": "400.00", "kiz": "0.00"}, "1400.00")
    new = result({"wohngeld": "340.00", "kiz": "0.00"}, "1340.00")
    assert compare(old, new) == [Change("wohngeld", DOWN, Decimal("60.00")), Change(MONTHLY_MONEY, DOWN, Decimal("60.00"))]


def test_the_money_per_month_alone_can_be_listed():
    # Each claim moves by 8 €, together by 16 €.
    old = result({"wohngeld": "300.00", "kiz": "200.00"}, "1500.00")
    new = result({"wohngeld": "308.00", "kiz": "208.00"}, "1516.00")
    assert compare(old, new) == [Change(MONTHLY_MONEY, UP, Decimal("16.00"))]


def test_an_unchanged_route_in_another_order_is_not_listed():
    old = result({"kindergeld": "259.00", "wohngeld": "300.00"})
    new = result({"wohngeld": "300.00", "kindergeld": "259.00"})
    assert compare(old, new) == []


def test_a_result_saved_before_routes_is_compared_on_priority_and_standalone_amounts():
    programs_old = {"wohngeld": {"status": "likely", "monthly_amount": "250.00"}, "sgb2": {"status": "possible", "monthly_amount": "900.00"}}
    old = before_routes({"wohngeld": None}, programs_old)
    programs_new = {"wohngeld": {"status": "likely", "monthly_amount": "320.00"}, "sgb2": {"status": "possible", "monthly_amount": "950.00"}}
    new = result({"wohngeld": "320.00"}, programs=programs_new)
    # Both sides on the older basis: the route's amounts of the new result are not mixed in.
    assert route_of(new, before_routes=True).monthly_money is None
    assert compare(old, new) == [Change("wohngeld", UP, Decimal("70.00"))]


def test_missing_amounts_do_not_count_as_a_change():
    old = before_routes({"wohngeld": None}, {"wohngeld": {"status": "likely", "monthly_amount": None}})
    new = before_routes({"wohngeld": None}, {"wohngeld": {"status": "likely", "monthly_amount": "300.00"}})
    assert compare(old, new) == []


def test_change_items_as_json():
    assert Change("wohngeld", DOWN, Decimal("60.00")).to_json() == {"program": "wohngeld", "kind": "down", "amount": "60.00"}
