"""Issue 19: bills, debts and one-off incomes never change the ongoing route; one-month claims
stay within the one-off plus the ordinary shortfall; bad input names its field."""

import calendar
import copy
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.rules import InputError, evaluate_json
from tests.screening.test_properties import households

KINDS = ["service_charge_backpayment", "heating_backpayment", "heating_fuel_purchase", "other_housing"]
DEBT_KINDS = ["electricity", "gas", "heating", "rent", "other"]
THREATS = ["none", "disconnection_notice", "disconnected", "termination_notice", "eviction_suit"]
BILL = st.integers(min_value=0, max_value=10_000_000).map(lambda cents: f"{Decimal(cents) / 100:.2f}")


def _month_after(as_of: str, months: int) -> date:
    day = date.fromisoformat(as_of)
    year, month = divmod(day.month - 1 + months, 12)
    return date(day.year + year, month + 1, 1)


@st.composite
def bills(draw, household):
    as_of = household["as_of"]
    costs = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        month = _month_after(as_of, draw(st.integers(min_value=-3, max_value=11)))
        if month < date(2024, 1, 1):
            month = date(2024, 1, 1)
        day = draw(st.integers(min_value=1, max_value=28))
        costs.append({"kind": draw(st.sampled_from(KINDS)), "amount": draw(BILL), "due": f"{month:%Y-%m}-{day:02d}"})
    debts = [
        {"kind": draw(st.sampled_from(DEBT_KINDS)), "amount": draw(BILL), "threat": draw(st.sampled_from(THREATS))}
        for _ in range(draw(st.integers(min_value=0, max_value=2)))
    ]
    incomes = []
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        month = max(_month_after(as_of, draw(st.integers(min_value=-2, max_value=11))), date(2024, 1, 1))
        incomes.append({"kind": "one_off", "amount": draw(BILL), "month": f"{month:%Y-%m}"})
    return costs, debts, incomes


def _with_bills(household, costs, debts, incomes):
    data = copy.deepcopy(household)
    data.setdefault("housing", {})["one_off_costs"] = costs
    data["debts"] = debts
    if incomes:
        data["members"][0].setdefault("incomes", []).extend(incomes)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_bills_debts_and_one_off_incomes_never_change_the_ongoing_route(data):
    household = data.draw(households())
    costs, debts, incomes = data.draw(bills(household))
    try:
        before = evaluate_json(copy.deepcopy(household))
    except InputError:
        return
    after = evaluate_json(_with_bills(household, costs, debts, incomes))
    assert after["route"] == before["route"]
    assert after["priority"] == before["priority"]
    assert after["programs"] == before["programs"]
    assert len(after["loans"]) == len(debts)
    months = {cost["due"][:7] for cost in costs}
    assert [c["month"] for c in after["one_month_claims"]] == sorted({c["month"] for c in after["one_month_claims"]})
    for claim in after["one_month_claims"]:
        assert claim["month"] in months
        total = sum((Decimal(c["amount"]) for c in costs if c["due"][:7] == claim["month"]), Decimal(0))
        amount = Decimal(claim["monthly_amount"])
        ordinary = Decimal(claim["reason"].get("params", {}).get("ordinary", "0"))
        assert Decimal(0) < amount <= total + ordinary + Decimal("0.01")
        year, month = int(claim["month"][:4]), int(claim["month"][5:])
        assert claim["apply_by"] == date(year, month, calendar.monthrange(year, month)[1]).isoformat()
        assert claim["office"] in ("jobcenter", "sozialamt")
        assert claim["status"] in ("likely", "possible", "unlikely")
        assert claim["steps"] and claim["reason"]["citation"]
    for loan, debt in zip(after["loans"], debts, strict=True):
        assert loan["amount"] == f"{Decimal(debt['amount']):.2f}"
        assert loan["status"] == ("unlikely" if debt["threat"] == "none" else "possible")
        assert loan["office"] == ("jobcenter" if loan["program"] == "sgb2_debt_loan" else "sozialamt")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households(), st.integers(min_value=0, max_value=200000), st.integers(min_value=1, max_value=200000))
def test_a_higher_bill_never_lowers_the_one_month_claim(household, cents, more):
    def amount(value):
        data = copy.deepcopy(household)
        data.setdefault("housing", {})["one_off_costs"] = [{"kind": "service_charge_backpayment", "amount": f"{Decimal(value) / 100:.2f}", "due": data["as_of"]}]
        claims = evaluate_json(data)["one_month_claims"]
        return Decimal(claims[0]["monthly_amount"]) if claims else Decimal(0)

    try:
        low = amount(cents)
    except InputError:
        return
    assert amount(cents + more) >= low


BASE = {"as_of": "2026-12-07", "members": [{"id": "p1", "relation": "self", "age": 40}], "housing": {"rent_cold": "500.00"}}


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"housing": {"one_off_costs": [{"kind": "heating_backpayment", "amount": "100.00", "due": "2023-12-31"}]}}, "housing.one_off_costs[0].due"),
        ({"housing": {"one_off_costs": [{"kind": "heating_backpayment", "amount": "100.00", "due": "2027-12-08"}]}}, "housing.one_off_costs[0].due"),
        ({"housing": {"one_off_costs": [{"kind": "heating_backpayment", "amount": "-5", "due": "2026-12-15"}]}}, "housing.one_off_costs[0].amount"),
        ({"housing": {"one_off_costs": [{"kind": "heating_backpayment", "amount": "100000.01", "due": "2026-12-15"}]}}, "housing.one_off_costs[0].amount"),
        ({"housing": {"one_off_costs": [{"kind": "heating_backpayment", "due": "2026-12-15"}]}}, "housing.one_off_costs[0].amount"),
        ({"housing": {"one_off_costs": [{"kind": "refund", "amount": "10", "due": "2026-12-15"}]}}, "housing.one_off_costs[0].kind"),
        ({"housing": {"one_off_costs": [{"kind": "heating_backpayment", "amount": "10", "due": "15.12.2026"}]}}, "housing.one_off_costs[0].due"),
        ({"debts": [{"kind": "electricity", "threat": "disconnected"}]}, "debts[0].amount"),
        ({"debts": [{"kind": "electricity", "amount": "200000", "threat": "disconnected"}]}, "debts[0].amount"),
        ({"debts": [{"kind": "water", "amount": "20"}]}, "debts[0].kind"),
        ({"debts": [{"kind": "gas", "amount": "20", "threat": "soon"}]}, "debts[0].threat"),
        ({"members": [{"id": "p1", "relation": "self", "age": 40, "incomes": [{"kind": "one_off", "amount": "100"}]}]}, "members[0].incomes[0].month"),
        ({"members": [{"id": "p1", "relation": "self", "age": 40, "incomes": [{"kind": "one_off", "amount": "100", "month": "2028-01"}]}]}, "members[0].incomes[0].month"),
        ({"members": [{"id": "p1", "relation": "self", "age": 40, "incomes": [{"kind": "one_off", "month": "2026-12"}]}]}, "members[0].incomes[0].amount"),
    ],
)
def test_bad_bills_name_their_field(patch, field):
    data = copy.deepcopy(BASE)
    for key, value in patch.items():
        if key == "housing":
            data["housing"].update(value)
        else:
            data[key] = value
    with pytest.raises(InputError) as error:
        evaluate_json(data)
    assert error.value.field == field


def test_a_bill_on_the_last_allowed_day_is_accepted():
    data = copy.deepcopy(BASE)
    data["housing"]["one_off_costs"] = [{"kind": "other_housing", "amount": "100000.00", "due": "2027-12-07"}]
    data["debts"] = [{"kind": "rent", "amount": "0", "threat": "eviction_suit"}]
    result = evaluate_json(data)
    assert result["loans"][0]["status"] == "possible"


def test_a_one_off_income_that_would_end_the_need_is_spread_over_six_months():
    data = copy.deepcopy(BASE)
    data["housing"]["one_off_costs"] = [{"kind": "service_charge_backpayment", "amount": "1000.00", "due": "2026-12-15"}]
    data["members"][0]["incomes"] = [{"kind": "employment", "gross": "2000.00", "net": "1450.00"}, {"kind": "one_off", "amount": "3000.00", "month": "2026-12"}]
    claim = evaluate_json(data)["one_month_claims"][0]
    assert "one_off_income_spread" in [r["code"] for r in claim["reasons"]]
    # need 563 + 500 = 1.063, income 1.102 → −39; + 1.000 − Wohngeld 111 = 850; 3.000 ≥ 850 → 500 a month.
    assert [s["amount"] for s in claim["steps"] if s["code"] == "einmalige_einnahme"] == ["500.00"]
    assert claim["monthly_amount"] == "350.00"
