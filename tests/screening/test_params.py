"""Guard rails for the dated legal parameters (conventions 4.3)."""

import re
from datetime import date
from decimal import Decimal

import pytest
import yaml

from screening.rules import params
from screening.rules.params import PARAMS_DIR, ParameterError, _spec

SPECS, DIGEST = params.load()


def test_every_parameter_file_loads_with_a_digest():
    assert len(SPECS) >= 25
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", DIGEST)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_entry_cites_its_source_and_dates_ascend(name):
    spec = SPECS[name]
    assert spec.citation and spec.unit and spec.reference_period
    assert isinstance(spec.verified_on, date)
    dates = [entry.valid_from for entry in spec.entries]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    for entry in spec.entries:
        assert params.REFERENCE_PATTERN.search(entry.reference)
        assert entry.status in ("verified", "unverified")
    for draft in spec.drafts:
        assert draft.status == "draft" and "BT-Drs" in draft.reference


@pytest.mark.parametrize("name", sorted(n for n, s in SPECS.items() if s.unit == "Euros"))
def test_money_is_decimal_never_float(name):
    def walk(value):
        if isinstance(value, dict):
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
        else:
            assert not isinstance(value, float)

    for entry in SPECS[name].entries:
        walk(entry.value)
    sample = SPECS[name].entries[-1].value
    if isinstance(sample, Decimal):
        assert sample == sample.quantize(Decimal("0.01"))


def test_the_law_covers_2024_to_today():
    for day in (date(2024, 1, 1), date(2025, 6, 1), date(2026, 6, 30), date(2026, 7, 1), date(2026, 11, 25)):
        p = params.params_at(day)
        for name in ("common.regelbedarf", "sgb2.vermoegen", "wohngeld.formel", "family.kindergeld", "family.kinderzuschlag"):
            assert p.has(name), f"{name} on {day}"


def test_the_2026_07_01_change_switches_the_asset_formula():
    from screening.rules.sgb2_assets import ASSET_FORMULAS

    assert [valid_from for valid_from, _f in ASSET_FORMULAS] == [date(2023, 1, 1), date(2026, 7, 1)]
    assert "karenz_first_person" in params.params_at(date(2026, 6, 30))["sgb2.vermoegen"]
    assert "per_person_by_age" in params.params_at(date(2026, 7, 1))["sgb2.vermoegen"]


def test_a_float_in_yaml_is_refused():
    raw = yaml.safe_load(
        """
        values:
          - {valid_from: 2024-01-01, value: 563.5, reference: "§ 20 SGB II", status: verified}
        description: x
        citation: "§ 20 SGB II"
        unit: Euros
        reference_period: Month
        verified_on: 2026-11-25
        known_until: null
        """
    )
    with pytest.raises(ParameterError, match="float"):
        _spec("x", raw, "test.yaml")


def test_descending_dates_are_refused():
    raw = {
        "description": "x", "citation": "§ 1", "unit": "Euros", "reference_period": "Month", "verified_on": date(2026, 1, 1),
        "known_until": None,
        "values": [
            {"valid_from": date(2025, 1, 1), "value": "1.00", "reference": "§ 1", "status": "verified"},
            {"valid_from": date(2024, 1, 1), "value": "2.00", "reference": "§ 1", "status": "verified"},
        ],
    }  # fmt: skip
    with pytest.raises(ParameterError, match="ascend"):
        _spec("x", raw, "test.yaml")


def test_values_marked_unverified_in_the_reference_are_unverified_here():
    p = params.params_at(date(2026, 11, 25))
    for name in ("local.stuttgart.mietenstufe", "sgb2.vermoegen", "common.warmwasser_mehrbedarf"):
        assert p.entry(name).status == "unverified", name
    assert p.entry("common.regelbedarf").status == "verified"


def test_files_are_under_the_params_folder():
    assert all(path.suffix == ".yaml" for path in PARAMS_DIR.rglob("*") if path.is_file())
