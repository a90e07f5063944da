"""The rules package stays pure: no Django, no database, no clock."""

import ast
import subprocess
import sys
from pathlib import Path

import screening.rules

RULES = Path(screening.rules.__file__).parent
FORBIDDEN_CALLS = {"today", "now", "utcnow"}


def test_importing_the_engine_loads_no_django():
    code = "import sys, screening.rules; sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=RULES.parent.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_no_rule_reads_the_clock_or_uses_floats_for_money():
    for path in RULES.glob("*.py"):
        if path.name == "__main__.py":
            continue  # the command line supplies "today" as the default as_of
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_CALLS:
                raise AssertionError(f"{path.name}:{node.lineno} reads the clock ({node.attr})")
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "float":
                raise AssertionError(f"{path.name}:{node.lineno} uses float()")
            if isinstance(node, ast.Constant) and isinstance(node.value, float):
                raise AssertionError(f"{path.name}:{node.lineno} has a float literal")


# --- members[].expenses, German step labels, asset bands by birth month -------------------

import pytest  # noqa: E402

from screening.rules import evaluate_json  # noqa: E402
from screening.rules.household import InputError  # noqa: E402
from screening.rules.params import params_at  # noqa: E402
from screening.rules.parse import parse_household  # noqa: E402
from screening.rules.sgb2_assets import asset_limit  # noqa: E402


def _household(**member):
    return {
        "as_of": "2026-03-01",
        "members": [{"id": "p1", "relation": "self", "age": 35, **member}],
        "housing": {"rent_cold": "500.00", "service_charges": "120.00", "heating": "80.00"},
    }


@pytest.mark.parametrize(
    ("expenses", "field", "words"),
    [
        ({"insurance": "10"}, "members[0].expenses.insurance", "unknown field"),
        ({"commuting": "-5"}, "members[0].expenses.commuting", "must not be negative"),
        ({"other_work_costs": "viel"}, "members[0].expenses.other_work_costs", "not an amount in euro"),
        ("50", "members[0].expenses", "must be an object"),
    ],
)
def test_invalid_expenses_name_the_field(expenses, field, words):
    with pytest.raises(InputError) as error:
        parse_household(_household(expenses=expenses))
    assert error.value.field == field
    assert words in error.value.message


def test_expenses_are_optional_and_default_to_zero():
    household = parse_household(_household(expenses={"commuting": "160.00"}))
    expenses = household.members[0].expenses
    assert (expenses.insurances, expenses.commuting, expenses.total) == (0, 160, 160)
    assert parse_household(_household()).members[0].expenses is None


def test_actual_costs_replace_the_flat_100_only_above_400():
    above = evaluate_json(_household(incomes=[{"kind": "minijob", "gross": "401.00"}], expenses={"commuting": "160"}))
    at = evaluate_json(_household(incomes=[{"kind": "minijob", "gross": "400.00"}], expenses={"commuting": "160"}))
    codes_above = [s["code"] for s in above["programs"]["sgb2"]["steps"]]
    codes_at = [s["code"] for s in at["programs"]["sgb2"]["steps"]]
    assert "absetzbetraege_tatsaechlich" in codes_above
    assert "absetzbetraege_tatsaechlich" not in codes_at
    step = next(s for s in above["programs"]["sgb2"]["steps"] if s["code"] == "absetzbetraege_tatsaechlich")
    assert step["amount"] == "-190.00" and "§ 11b Abs. 2 Satz 2" in step["citation"]


def test_step_labels_write_percentages_in_german():
    single_parent = {
        "as_of": "2026-03-01",
        "members": [{"id": "p1", "relation": "self", "age": 30}, {"id": "c1", "relation": "child", "age": 4}],
        "housing": {"rent_cold": "500.00", "heating": "80.00", "hot_water_decentral": True},
    }
    labels = [s["label"] for s in evaluate_json(single_parent)["programs"]["sgb2"]["steps"]]
    assert "Mehrbedarf Alleinerziehende (36 % der Stufe 1)" in labels
    assert "Mehrbedarf dezentrale Warmwassererzeugung (2,3 %)" in labels
    assert "Mehrbedarf dezentrale Warmwassererzeugung (0,8 %)" in labels
    assert not [label for label in labels if "." in label.split("(")[-1] and "%" in label]


def test_asset_limit_keeps_its_call_and_tells_a_possible_birthday_band():
    p = params_at(parse_household(_household()).as_of.replace(year=2026, month=8))
    household = parse_household({**_household(age=29), "as_of": "2026-08-10"})
    test = asset_limit(list(household.members), household, p, [])
    assert test.limit == 5000 and test.limit_if_birthday_this_month == 10000
    assert test.members_maybe_higher_band == ("p1",)
    exact = parse_household({**_household(), "as_of": "2026-08-10", "members": [{"id": "p1", "relation": "self", "birth_date": "1996-08-31"}]})
    exact_test = asset_limit(list(exact.members), exact, p, [])
    assert exact_test.limit == 10000 and exact_test.limit_if_birthday_this_month is None
