"""Unit tests for the Wohngeld rules: § 16 defaults, § 17 Nr. 3, households above twelve, labels."""

from datetime import date
from decimal import ROUND_DOWN, Decimal

from screening.rules import evaluate_json
from screening.rules.household import Contributions, Household, Housing, Income, Member
from screening.rules.params import params_at
from screening.rules.wohngeld import (
    CONTRIBUTION_DEFAULTS,
    _by_size,
    _percent,
    default_contributions,
    evaluate,
    single_parent,
)

AS_OF = date(2025, 6, 1)


def _member(mid="p1", relation="self", age=40, incomes=(), contributions=None):
    return Member(id=mid, relation=relation, age=age, incomes=tuple(incomes), contributions=contributions)


def _household(members, other_occupants=0, rent="600.00"):
    return Household(as_of=AS_OF, members=tuple(members), housing=Housing(rent_cold=Decimal(rent), other_occupants=other_occupants))


def test_every_income_kind_has_a_documented_default():
    from screening.rules.household import INCOME_KINDS

    assert set(CONTRIBUTION_DEFAULTS) == set(INCOME_KINDS)


def test_alg1_alone_gets_no_section_16_deduction():
    # BMWSB Beispiele 2025, example 2: the Bundesagentur pays KV, PV and RV for ALG I.
    assert default_contributions(_member(incomes=[Income(kind="alg1", amount=Decimal("1350"))])) == (False, False, False)


def test_wage_and_alg1_of_one_member_combine_to_the_whole_income():
    member = _member(incomes=[Income(kind="employment", gross=Decimal("600")), Income(kind="alg1", amount=Decimal("700"))])
    assert default_contributions(member) == (False, True, True)


def test_defaults_per_kind():
    def flags(kind, **money):
        return default_contributions(_member(incomes=[Income(kind=kind, **money)]))

    assert flags("pension", gross=Decimal("1300")) == (False, True, False)
    assert flags("sickness_benefit", amount=Decimal("1200")) == (False, True, True)
    assert flags("employment", gross=Decimal("2000")) == (True, True, True)
    assert flags("employment", gross=Decimal("1200")) == (False, True, True)
    for kind in ("minijob", "parental_allowance", "maintenance", "uvg", "bafoeg", "other"):
        money = {"gross": Decimal("500")} if kind == "minijob" else {"amount": Decimal("500")}
        assert flags(kind, **money) == (False, False, False), kind


def test_explicit_contributions_win():
    member = _member(incomes=[Income(kind="alg1", amount=Decimal("900"))], contributions=Contributions(True, True, True))
    assert default_contributions(member) == (True, True, True)


def test_single_parent_allowance_once_for_two_children():
    parent = _member(incomes=[Income(kind="employment", gross=Decimal("1530"))])
    kids = [_member("c1", "child", 9), _member("c2", "child", 13)]
    household = _household([parent, *kids])
    result = evaluate(household, params_at(AS_OF), [])
    allowances = [s for s in result.steps if s.code == "wg_freibetrag_alleinerziehend"]
    assert len(allowances) == 1
    assert allowances[0].amount == Decimal("-110")
    assert "§ 17 Nr. 3 WoGG" in allowances[0].citation


def test_single_parent_conditions_follow_the_statute():
    parent = _member()
    counted = lambda h: list(h.members)  # noqa: E731
    child, adult_child, grandmother = _member("c1", "child", 5), _member("c2", "child", 20), _member("g", "relative", 70)
    assert single_parent(_household([parent, child]), counted(_household([parent, child]))) is parent
    # "ausschließlich mit einem Kind oder mehreren Kindern": a grandmother or a flatmate breaks it.
    h = _household([parent, child, grandmother])
    assert single_parent(h, counted(h)) is None
    h = _household([parent, child], other_occupants=1)
    assert single_parent(h, counted(h)) is None
    # "mindestens eines dieser Kinder noch nicht 18 Jahre alt"
    h = _household([parent, adult_child])
    assert single_parent(h, counted(h)) is None
    h = _household([parent, adult_child, child])
    assert single_parent(h, counted(h)) is parent
    # "ein zu berücksichtigendes Haushaltsmitglied": not when the parent is excluded.
    h = _household([parent, child])
    assert single_parent(h, [child]) is None


def test_amounts_above_twelve_members_are_those_of_twelve():
    heating = ["110.40", "142.60", "170.20", "197.80", "225.40", "27.60"]
    assert _by_size(heating, 12) == Decimal("418.60")
    assert _by_size(heating, 14) == Decimal("418.60")
    assert _by_size(heating, 6) == Decimal("253.00")


def _big_household(members: int, gross: str, rent: str, stufe: int = 3) -> dict:
    people = [
        {"id": "p1", "relation": "self", "age": 45, "contributions": {"income_tax": True, "health_care_insurance": True, "pension_insurance": True},
         "incomes": [{"kind": "employment", "gross": gross}]},
        {"id": "p2", "relation": "partner", "age": 44},
    ]
    people += [{"id": f"c{i}", "relation": "child", "age": 3 + i % 15} for i in range(members - 2)]
    return {"as_of": "2025-01-01", "place": {"municipality": "X", "mietenstufe": stufe}, "members": people,
            "housing": {"tenure": "rent", "rent_cold": rent, "service_charges": "0.00", "heating": "100.00"}}


def test_thirteen_members_add_65_euro_to_the_amount_for_twelve():
    result = evaluate_json(_big_household(13, "6800.00", "1600.00"))["programs"]["wohngeld"]
    keys = {s["code"]: s for s in result["steps"]}
    base = Decimal(keys["wg_formel"]["amount"])
    assert Decimal(result["monthly_amount"]) == base + 65
    assert "berechnet für 12 Personen" in keys["wg_formel"]["label"]


def test_above_twelve_capped_at_m():
    # Very low income: formula for 12 plus 3 × 65 would exceed M; § 19 Abs. 3: at most M.
    result = evaluate_json(_big_household(15, "0.00", "100.00", stufe=1))["programs"]["wohngeld"]
    keys = {s["code"]: s for s in result["steps"]}
    m = Decimal(keys["wg_m"]["amount"])
    assert Decimal(keys["wg_formel"]["amount"]) + 3 * 65 > m
    assert Decimal(result["monthly_amount"]) == m.to_integral_value(rounding=ROUND_DOWN)


def test_percent_labels_in_german_notation():
    assert _percent(Decimal("0.10")) == "10 %"
    assert _percent(Decimal("0.30")) == "30 %"
    assert _percent(Decimal("0.125")) == "12,5 %"
    member = _member(incomes=[Income(kind="employment", gross=Decimal("2000"))])
    result = evaluate(_household([member]), params_at(AS_OF), [])
    labels = [s.label for s in result.steps if s.code == "wg_pauschalabzug"]
    assert labels == ["Pauschaler Abzug 30 % (Steuern/Beiträge)"]


def test_bmwsb_example_9_gives_343_euros_for_all_six_members():
    # The golden case shows the route's Wohngeld (the mother-in-law claims Grundsicherung of her
    # own, so the family's Wohngeld is pro rata); the ministry's figure for all six is checked here.
    from pathlib import Path

    import yaml

    from screening.rules.parse import parse_household

    case = Path(__file__).parent / "cases/wohngeld/2025-01-01/bmwsb_2025_example_09_six_persons_mother_in_law_attendorn.yaml"
    data = yaml.safe_load(case.read_text(encoding="utf-8"))["input"]
    data["as_of"] = str(data["as_of"])
    household = parse_household(data)
    result = evaluate(household, params_at(household.as_of), [])
    assert result.monthly_amount == Decimal("343")
    assert result.members == ["p1", "p2", "c1", "c2", "c3", "g1"]
