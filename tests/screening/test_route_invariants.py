"""The route's invariants (screening-contract.md, "Additions of December 2026"), checked on
10,000 generated households of every kind: singles, couples, single parents, families,
pensioners, mixed SGB II / SGB XII couples, a grandparent in the household; incomes from 0 to
5,000 €, cold rents from 300 to 1,800 €, dates in 2025 and 2026. Hypothesis prints the first
household that breaks one (shrunk to its simplest form)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from screening.rules import AMOUNT_DECIDES_STATUS, evaluate_json
from tests.screening.households import MOTHER

CLAIMABLE = ("likely", "possible")
SUBSISTENCE = {"sgb2", "sgb12_ch3", "sgb12_ch4"}
TOP_UPS = {"wohngeld", "kiz"}
FIRST_DAY = date(2025, 1, 1)
DAYS = st.integers(min_value=0, max_value=(date(2027, 6, 30) - FIRST_DAY).days).map(lambda d: (FIRST_DAY + timedelta(days=d)).isoformat())
EUROS = st.integers(min_value=0, max_value=5000)


@st.composite
def incomes(draw, age: int):
    kinds = ["employment", "minijob", "alg1", "other", "none", "none"]
    if age >= 60:
        kinds += ["pension", "pension"]
    kind = draw(st.sampled_from(kinds))
    gross = Decimal(draw(EUROS))
    if kind == "none":
        return []
    if kind == "employment":
        share = Decimal(draw(st.integers(min_value=60, max_value=85))) / 100
        return [{"kind": "employment", "gross": str(gross), "net": str((gross * share).quantize(Decimal("0.01")))}]
    if kind == "minijob":
        return [{"kind": "minijob", "gross": str(min(gross, Decimal(603)))}]
    if kind == "pension":
        pension_type = "old_age" if age >= 67 else draw(st.sampled_from(["old_age", "disability"]))
        return [{"kind": "pension", "gross": str(gross), "net": str((gross * Decimal("0.885")).quantize(Decimal("0.01"))), "pension_type": pension_type}]
    return [{"kind": kind, "amount": str(min(gross, Decimal(2500)))}]


@st.composite
def adult(draw, member_id: str, relation: str, ages=(18, 85)):
    age = draw(st.integers(min_value=ages[0], max_value=ages[1]))
    member = {"id": member_id, "relation": relation, "age": age, "incomes": draw(incomes(age))}
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        member["alg1_basis"] = {"last_gross_wage": str(draw(st.integers(min_value=800, max_value=5000))), "insured_months_last_30": draw(st.integers(min_value=6, max_value=30)), "has_child": False}
    if draw(st.integers(min_value=0, max_value=5)) == 0:
        member["assets"] = str(draw(st.integers(min_value=0, max_value=60000)))
    if age >= 18 and draw(st.integers(min_value=0, max_value=15)) == 0:
        member["permanently_unable_to_work"] = True
    return member


@st.composite
def households(draw):
    kind = draw(st.sampled_from(["single", "couple", "single_parent", "family", "pensioners", "mixed", "with_grandparent"]))
    ages = {"pensioners": (66, 85), "mixed": (68, 85), "single_parent": (30, 64), "family": (30, 64), "with_grandparent": (30, 64)}.get(kind, (18, 64))
    members = [draw(adult("p1", "self", ages))]
    if kind in ("couple", "family", "pensioners"):
        members.append(draw(adult("p2", "partner", ages)))
    if kind == "mixed":
        members.append(draw(adult("p2", "partner", (25, 64))))
    if kind in ("single_parent", "family", "with_grandparent"):
        for index in range(draw(st.integers(min_value=1, max_value=4))):
            child = {"id": f"c{index}", "relation": "child", "age": draw(st.integers(min_value=0, max_value=17))}
            extra = draw(st.sampled_from(["none", "none", "maintenance", "uvg"]))
            if extra != "none" and kind != "family":
                child["incomes"] = [{"kind": extra, "amount": str(draw(st.integers(min_value=50, max_value=400)))}]
            members.append(child)
    if kind == "with_grandparent":
        relative = draw(adult("g1", "relative", (45, 95)))
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            relative["already_receives"] = ["sgb12"]
        members.append(relative)
    if draw(st.integers(min_value=0, max_value=19)) == 0:
        members[0]["training"] = "bafoeg_eligible"
    if draw(st.integers(min_value=0, max_value=19)) == 0:
        members[0]["residence"] = draw(st.sampled_from(["eu_jobseeker_only", "eu_first_3_months", "asylblg"]))
    return {
        "as_of": draw(DAYS),
        "members": members,
        "housing": {
            "rent_cold": str(draw(st.integers(min_value=300, max_value=1800))),
            "service_charges": str(draw(st.integers(min_value=0, max_value=350))),
            "heating": str(draw(st.integers(min_value=0, max_value=250))),
        },
    }


def check_route_invariants(result: dict, household: dict | None = None) -> None:
    route = result["route"]
    relatives = {m["id"] for m in (household or {}).get("members", []) if m["relation"] == "relative"}
    programs = result["programs"]
    claimed = [claim["program"] for claim in route["claims"]]
    for claim in route["claims"]:
        own = programs[claim["program"]]
        assert own["status"] in CLAIMABLE, f"{claim['program']} is claimed but its own result says {own['status']}"
        assert claim["status"] in CLAIMABLE
        assert Decimal(claim["monthly_amount"]) > 0, f"{claim['program']} claimed with {claim['monthly_amount']}"
    for key in TOP_UPS & set(claimed):
        if route["instead_of"]:
            codes = [reason["code"] for reason in programs[key]["reasons"]]
            assert "need_not_avoided" not in codes, f"{key} is claimed instead of {route['instead_of']} but says it would not end the need"
        # One truth: the card and the route name the same amount for Wohngeld and Kinderzuschlag.
        amount = next(claim["monthly_amount"] for claim in route["claims"] if claim["program"] == key)
        assert Decimal(programs[key]["monthly_amount"]) == Decimal(amount)
    # Never Wohngeld or Kinderzuschlag and SGB II / SGB XII for the same people.
    for top_up in route["claims"]:
        for subsistence in route["claims"]:
            if top_up["program"] in TOP_UPS and subsistence["program"] in SUBSISTENCE:
                shared = set(top_up["members"]) & set(subsistence["members"])
                assert not shared, f"{top_up['program']} and {subsistence['program']} both for {shared}"
    assert len(claimed) == len(set(claimed))
    for claim in route["claims"]:
        if claim["program"] in route["instead_of"]:
            # Only a relative's claim of her own may share a programme the family's route replaces.
            assert set(claim["members"]) <= relatives, f"{claim['program']} is claimed and replaced for the same people"
    if route["covers_need"]:
        assert Decimal(route["monthly_money"]) >= Decimal(route["need"])
    if route["instead_of"]:
        assert route["covers_need"] is True, "a route that replaces SGB II / SGB XII must cover the need"
    assert result["priority"]["claim"] == claimed
    assert result["priority"]["instead_of"] == route["instead_of"]
    if route["reason"]["code"] == "need_not_avoided":
        assert route["covers_need"] is not True
    for alternative in route["alternatives"]:
        assert sorted(c["program"] for c in alternative["claims"]) != sorted(claimed)
        if alternative["covers_need"]:
            assert Decimal(alternative["monthly_money"]) >= Decimal(alternative["need"])
        if alternative["reason"]["code"] == "need_not_avoided":
            assert alternative["covers_need"] is False, "an alternative that leaves a gap must not say it covers the need"
    _check_law_invariants(result)
    for key, program in programs.items():
        codes = {reason["code"] for reason in program["reasons"]}
        assert not ({"need_not_avoided"} & codes and {"kiz_positive", "wohngeld_formula_positive"} & codes), f"{key} says both"


def _check_law_invariants(result: dict) -> None:
    """Issue 20: what is not officially known for the date is said, and never "likely"."""
    law = result["law"]
    assert law["complete"] is (not law["provisional"])
    if result["as_of"] <= "2026-12-31":
        assert law["complete"], f"every value is known up to 31.12.2026: {law['provisional']}"
    for key in AMOUNT_DECIDES_STATUS:
        if result["programs"][key]["provisional"]:
            assert result["programs"][key]["status"] != "likely", f"{key} is provisional but 'likely'"
            for claim in result["route"]["claims"]:
                assert claim["program"] != key or claim["status"] != "likely", f"route claims provisional {key} as likely"
    assert not {w["code"] for w in result["warnings"]} & {"parameter_unverified", "parameter_beyond_known_date"}


@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(households())
def test_every_route_keeps_the_contract_invariants(household):
    result = evaluate_json(household)
    event(f"route {'+'.join(c['program'] for c in result['route']['claims']) or 'none'} instead of {result['route']['instead_of']}")
    check_route_invariants(result, household)


def test_the_single_mother_of_issue_18_gets_one_consistent_answer():
    result = evaluate_json(MOTHER)
    check_route_invariants(result)
    route = result["route"]
    assert [c["program"] for c in route["claims"]] == ["kindergeld", "uvg", "wohngeld", "kiz"]
    assert route["instead_of"] == ["sgb2"]
    assert route["covers_need"] is True
    assert result["programs"]["kiz"]["status"] == "likely"
    alternative = route["alternatives"][0]
    sgb2 = next(c for c in alternative["claims"] if c["program"] == "sgb2")
    # With the 526 € Unterhaltsvorschuss counted, SGB II would pay about 850 € (not 1.377,68 €).
    assert Decimal("800") < Decimal(sgb2["monthly_amount"]) < Decimal("900")


def test_a_relatives_own_claim_on_provisional_law_is_not_likely():
    """Found by the property test: on 01.01.2027 a relative's own SGB II claim in the route rests
    on the carried-on Regelbedarf like the family's, so it is "possible" too."""
    household = {
        "as_of": "2027-01-01",
        "members": [
            {"id": "p1", "relation": "self", "age": 30, "incomes": [{"kind": "alg1", "amount": "1019"}]},
            {"id": "c0", "relation": "child", "age": 0, "incomes": [{"kind": "maintenance", "amount": "50"}]},
            {"id": "g1", "relation": "relative", "age": 45, "incomes": [{"kind": "employment", "gross": "0", "net": "0.00"}]},
        ],
        "housing": {"rent_cold": "300", "service_charges": "0", "heating": "0"},
    }
    result = evaluate_json(household)
    check_route_invariants(result, household)
    assert [(c["program"], c["status"]) for c in result["route"]["claims"] if c["program"] == "sgb2"] == [("sgb2", "possible")]
