"""Issue 20: the Wohngeld draft for 2027 (BT-Drs. 21/8284) as a dated rule set.

Pending: the law is unchanged and ``programs.wohngeld.draft`` shows what the bill would give.
Promulgated (its date and BGBl. reference recorded in the YAML): the bill is the law from its
``valid_from`` and there is nothing to compare."""

import copy
import dataclasses
import re
import shutil

import pytest

from screening.rules import evaluate_json, params

PENSIONER = {
    "as_of": "2026-12-07",
    "members": [
        {
            "id": "p1", "relation": "self", "age": 72,
            "contributions": {"income_tax": False, "health_care_insurance": True, "pension_insurance": False},
            "incomes": [{"kind": "pension", "pension_type": "old_age", "gross": "1100.00", "net": "979.00"}],
        }
    ],
    "housing": {"tenure": "rent", "rent_cold": "480.00", "service_charges": "120.00", "heating": "80.00"},
}  # fmt: skip


def _earner(gross: str, as_of: str = "2027-01-15") -> dict:
    return {
        "as_of": as_of,
        "members": [
            {
                "id": "p1", "relation": "self", "age": 40,
                "contributions": {"income_tax": True, "health_care_insurance": True, "pension_insurance": True},
                "incomes": [{"kind": "employment", "gross": gross, "net": "1650.00"}],
            }
        ],
        "housing": {"tenure": "rent", "rent_cold": "550.00", "service_charges": "120.00", "heating": "80.00"},
    }  # fmt: skip


def _run(data: dict) -> dict:
    return evaluate_json(copy.deepcopy(data))


@pytest.fixture
def without_drafts(monkeypatch):
    """The parameters as if no bill were known."""
    specs, digest = params.load()
    stripped = {name: dataclasses.replace(spec, drafts=()) for name, spec in specs.items()}
    monkeypatch.setattr(params, "load", lambda: (stripped, digest))


@pytest.fixture
def promulgated(tmp_path, monkeypatch):
    """The parameter files with the promulgation of BT-Drs. 21/8284 recorded on every draft entry."""
    target = tmp_path / "params"
    shutil.copytree(params.PARAMS_DIR, target)
    path = target / "wohngeld.yaml"
    text, count = re.subn(
        r"(\n( +)status: draft\n)",
        r'\1\2promulgated: {date: 2026-12-20, reference: "BGBl. 2026 I Nr. 400"}\n',
        path.read_text(encoding="utf-8"),
    )
    assert count == 3  # formel, heizkosten_klima, bagatellgrenze
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(params, "PARAMS_DIR", target)
    params.load.cache_clear()
    yield
    monkeypatch.undo()
    params.load.cache_clear()


def _without(result: dict) -> dict:
    result = copy.deepcopy(result)
    result["programs"]["wohngeld"].pop("draft", None)
    result["law"]["drafts"] = []
    result.pop("parameter_digest")
    return result


def test_pending_draft_shows_the_comparison_and_leaves_the_law_alone(without_drafts):
    law_only = _run(PENSIONER)
    assert "draft" not in law_only["programs"]["wohngeld"]
    assert law_only["law"]["drafts"] == []


def test_pending_draft_is_shown_beside_the_unchanged_result(without_drafts, monkeypatch):
    law_only = _run(PENSIONER)
    monkeypatch.undo()
    result = _run(PENSIONER)
    wohngeld = result["programs"]["wohngeld"]
    assert wohngeld["monthly_amount"] == "342.00"
    assert wohngeld["draft"] == {"monthly_amount": "286.00", "as_of": "2027-01-01", "reference": "BT-Drs. 21/8284"}
    assert result["law"]["drafts"] == [
        {"family": "wohngeld", "reference": "BT-Drs. 21/8284", "valid_from": "2027-01-01", "promulgated": None}
    ]
    # Everything else — amounts, route, law block, warnings — is what the law alone gives:
    # the comparison's lookups do not leak into the main parameter set.
    assert _without(result) == _without(law_only)


def test_route_never_uses_the_draft_amount():
    result = _run(_earner("2190.00"))
    assert result["programs"]["wohngeld"]["draft"]["monthly_amount"] == "0.00"
    claims = {c["program"]: c["monthly_amount"] for c in result["route"]["claims"]}
    assert claims.get("wohngeld") == "89.00"


def test_draft_after_its_start_is_compared_on_the_day_itself():
    wohngeld = _run(_earner("2180.00"))["programs"]["wohngeld"]
    assert wohngeld["monthly_amount"] == "93.00" and wohngeld["provisional"] is True
    assert wohngeld["draft"] == {"monthly_amount": "19.00", "as_of": "2027-01-15", "reference": "BT-Drs. 21/8284"}


def test_no_draft_key_where_the_draft_gives_the_same():
    # Nothing under either law (the formula gives less than the minimum).
    wohngeld = _run(_earner("2600.00"))["programs"]["wohngeld"]
    assert wohngeld["monthly_amount"] is None and "draft" not in wohngeld
    # No rent: no Wohngeld, nothing to compare.
    no_rent = _earner("1800.00")
    no_rent["housing"] = {"tenure": "rent", "rent_cold": "0.00", "service_charges": "0.00", "heating": "0.00"}
    assert "draft" not in _run(no_rent)["programs"]["wohngeld"]


@pytest.mark.usefixtures("promulgated")
def test_promulgated_draft_is_the_law_from_its_start_and_no_comparison_appears():
    before = _run(PENSIONER)
    assert before["programs"]["wohngeld"]["monthly_amount"] == "342.00"
    assert "draft" not in before["programs"]["wohngeld"] and before["law"]["drafts"] == []

    after = _run({**PENSIONER, "as_of": "2027-01-15"})
    wohngeld = after["programs"]["wohngeld"]
    assert wohngeld["monthly_amount"] == "286.00" and "draft" not in wohngeld
    assert after["law"]["drafts"] == []
    formula = next(s for s in wohngeld["steps"] if s["code"] == "wg_formel")
    assert "BGBl. 2026 I Nr. 400" not in formula["citation"]  # the step cites the statute; the entry carries the BGBl.

    # The 15 € minimum is law too: 14 € is no longer paid.
    small = _run(_earner("2190.00"))["programs"]["wohngeld"]
    assert small["monthly_amount"] is None and "draft" not in small
    minimum = next(r for r in small["reasons"] if r["code"] == "below_minimum_amount")
    assert "15,00" in minimum["message"] and "BGBl. 2026 I Nr. 400" in minimum["citation"]
