"""Properties the law guarantees, checked on generated households (hypothesis)."""

import copy
import random
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.rules import InputError, evaluate_json

AS_OF = st.sampled_from(["2024-05-01", "2025-03-01", "2026-02-01", "2026-08-01", "2026-11-25"])
MONEY = st.integers(min_value=0, max_value=400000).map(lambda cents: f"{Decimal(cents) / 100:.2f}")
AMOUNTS = ("sgb2", "sgb12_ch3", "sgb12_ch4", "wohngeld")
CONTRIBUTIONS = {"income_tax": True, "health_care_insurance": True, "pension_insurance": True}


@st.composite
def households(draw):
    self_age = draw(st.integers(min_value=18, max_value=85))
    members = [{"id": "p1", "relation": "self", "age": self_age, "contributions": CONTRIBUTIONS}]
    if draw(st.booleans()):
        members.append({"id": "p2", "relation": "partner", "age": draw(st.integers(min_value=18, max_value=85)), "contributions": CONTRIBUTIONS})
    oldest = max(m["age"] for m in members)
    if oldest >= 30:
        for index in range(draw(st.integers(min_value=0, max_value=4))):
            age = draw(st.integers(min_value=0, max_value=min(24, oldest - 12)))
            members.append({"id": f"c{index}", "relation": "child", "age": age})
    for member in members:
        if member["relation"] == "child" or not draw(st.booleans()):
            continue
        kind = draw(st.sampled_from(["employment", "pension", "alg1", "minijob"]))
        gross = Decimal(draw(st.integers(min_value=0, max_value=5000)))
        if kind == "employment":
            # A fixed net share keeps the test about the benefit rules, not the tax estimate.
            member["incomes"] = [{"kind": kind, "gross": str(gross), "net": str((gross * Decimal("0.7")).quantize(Decimal("0.01")))}]
        elif kind == "pension":
            member["incomes"] = [{"kind": kind, "gross": str(gross), "net": str(gross), "pension_type": "old_age" if member["age"] >= 63 else "disability"}]
        elif kind == "minijob":
            member["incomes"] = [{"kind": kind, "gross": str(min(gross, Decimal(500)))}]
        else:
            member["incomes"] = [{"kind": kind, "amount": str(gross)}]
    return {
        "as_of": draw(AS_OF),
        "members": members,
        "housing": {
            "rent_cold": str(draw(st.integers(min_value=150, max_value=1400))),
            "service_charges": str(draw(st.integers(min_value=0, max_value=300))),
            "heating": str(draw(st.integers(min_value=0, max_value=200))),
            "other_occupants": draw(st.integers(min_value=0, max_value=2)),
        },
    }


def amounts(result: dict) -> dict:
    return {key: Decimal(result["programs"][key]["monthly_amount"] or "0") for key in AMOUNTS}


def _raise_income(household: dict, delta: int, who: int) -> dict:
    changed = copy.deepcopy(household)
    member = changed["members"][who % len(changed["members"])]
    incomes = member.setdefault("incomes", [])
    incomes.append({"kind": "other", "amount": str(delta)})
    return changed


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households(), st.integers(min_value=1, max_value=800), st.integers(min_value=0, max_value=10))
def test_more_income_of_anyone_never_raises_a_means_tested_benefit(household, delta, who):
    before = amounts(evaluate_json(household))
    after = amounts(evaluate_json(_raise_income(household, delta, who)))
    for key in AMOUNTS:
        assert after[key] <= before[key], f"{key}: {before[key]} -> {after[key]} with {delta} € more income"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households(), st.integers(min_value=1, max_value=80000), st.integers(min_value=0, max_value=10))
def test_more_assets_never_raise_a_benefit(household, assets, who):
    before = amounts(evaluate_json(household))
    changed = copy.deepcopy(household)
    member = changed["members"][who % len(changed["members"])]
    member["assets"] = str(assets)
    after = amounts(evaluate_json(changed))
    for key in AMOUNTS:
        assert after[key] <= before[key], f"{key}: {before[key]} -> {after[key]} with {assets} € assets"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households(), st.integers(min_value=1, max_value=300))
def test_more_rent_never_lowers_a_benefit(household, delta):
    before = amounts(evaluate_json(household))
    changed = copy.deepcopy(household)
    changed["housing"]["rent_cold"] = str(int(changed["housing"]["rent_cold"]) + delta)
    after = amounts(evaluate_json(changed))
    for key in AMOUNTS:
        assert after[key] >= before[key], f"{key}: {before[key]} -> {after[key]} with {delta} € more rent"


@settings(max_examples=150, deadline=None)
@given(households(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_members(household, rnd: random.Random):
    shuffled = copy.deepcopy(household)
    rnd.shuffle(shuffled["members"])

    def summary(result):
        return {
            key: (value["status"], value["monthly_amount"], sorted(value["members"]))
            for key, value in result["programs"].items()
        } | {"claim": sorted(result["priority"]["claim"]), "instead_of": sorted(result["priority"]["instead_of"])}

    assert summary(evaluate_json(household)) == summary(evaluate_json(shuffled))


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=8) | st.floats(allow_nan=True),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(households(), st.sampled_from(["members", "housing", "place", "as_of", "sgb2_receipt_since"]), JUNK)
def test_any_malformed_field_is_an_input_error_never_a_crash(household, field, junk):
    broken = copy.deepcopy(household)
    broken[field] = junk
    try:
        evaluate_json(broken)
    except InputError as error:
        assert error.field
