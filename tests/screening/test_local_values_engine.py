"""Local values the city sets (issue 20), engine side: ``place.local_values`` replaces the YAML
entry for a date inside the record's range; outside it the YAML applies; bad input is refused
naming the field. Pure: no database."""

from copy import deepcopy
from datetime import date
from decimal import Decimal

import pytest

from screening.rules import evaluate_json
from screening.rules.household import InputError
from screening.rules.local_values import LOCAL_PARAMETERS, LocalValueError, convert, to_json
from screening.rules.params import Entry, load, params_at
from screening.rules.parse import parse_household

LIMITS = ["600.00", "670.00", "726.00", "923.00", "1009.00", "1191.00", "149.00"]
RECORD = {
    "parameter": "local.stuttgart.mietobergrenze",
    "valid_from": "2025-01-01",
    "valid_to": "2026-06-30",
    "value": LIMITS,
    "reference": "GRDrs 999/2099, Anlage 2 (Testwert)",
    "status": "verified",
}


def household(as_of="2026-03-01", records=(RECORD,)):
    # In SGB II receipt for more than a year: no Karenzzeit, the Mietobergrenze applies.
    return {
        "as_of": as_of,
        "sgb2_receipt_since": "2024-01-01",
        "members": [{"relation": "self", "age": 40}],
        "housing": {"rent_cold": "700.00", "service_charges": "100.00", "heating": "60.00"},
        "place": {"municipality": "Stuttgart", "local_values": [deepcopy(r) for r in records]},
    }


def kdu_step(result):
    return next(s for s in result["programs"]["sgb2"]["steps"] if s["code"] == "kdu_angemessenheit")


def test_a_local_record_replaces_the_yaml_value_inside_its_range():
    step = kdu_step(evaluate_json(household()))
    assert "600,00 €" in step["label"]
    assert step["amount"] == "-100.00"  # 700 cold rent, 600 the city's limit for one person
    assert "ab 01.01.2025; GRDrs 999/2099, Anlage 2 (Testwert)" in step["citation"]


def test_outside_the_records_range_the_yaml_applies():
    step = kdu_step(evaluate_json(household(as_of="2026-08-01")))
    yaml_entry = load()[0]["local.stuttgart.mietobergrenze"].entry_at(date(2026, 8, 1))
    assert f"{yaml_entry.value[0]:.2f}".replace(".", ",") + " €" in step["label"]
    assert yaml_entry.reference in step["citation"]
    assert "GRDrs 999/2099" not in step["citation"]


def test_without_local_values_the_result_is_unchanged():
    plain = household(records=())
    del plain["place"]["local_values"]
    assert evaluate_json(plain) == evaluate_json(household(records=()))


def test_the_param_set_consults_the_local_record_first_and_records_it_as_used():
    entry = Entry(date(2025, 1, 1), date(2026, 6, 30), [Decimal("600.00")] * 7, "GRDrs 1/2025", "verified")
    p = params_at(date(2026, 3, 1), local={"local.stuttgart.mietobergrenze": (entry,)})
    assert p.has("local.stuttgart.mietobergrenze")
    assert p["local.stuttgart.mietobergrenze"][0] == Decimal("600.00")
    assert p.used["local.stuttgart.mietobergrenze"] is entry
    assert ("local.stuttgart.mietobergrenze", entry) not in p.unverified_used()
    later = params_at(date(2026, 7, 1), local={"local.stuttgart.mietobergrenze": (entry,)})
    assert later.entry("local.stuttgart.mietobergrenze").reference != "GRDrs 1/2025"


def test_an_open_ended_record_applies_from_its_start():
    record = {**RECORD, "valid_to": None, "valid_from": "2027-01-01", "value": ["610.00", *LIMITS[1:]]}
    step = kdu_step(evaluate_json(household(as_of="2027-01-15", records=(RECORD, record))))
    assert "610,00 €" in step["label"]


def test_a_local_mietenstufe_reaches_the_wohngeld():
    record = {"parameter": "local.stuttgart.mietenstufe", "valid_from": "2025-01-01", "value": 5, "reference": "WoGV Anlage (Test)", "status": "verified"}
    parsed = parse_household(household(records=(record,)))
    assert parsed.place.local_values[0].entry.value == 5
    result = evaluate_json(household(records=(record,)))
    steps = {s["code"]: s for s in result["programs"]["wohngeld"]["steps"]}
    assert "Mietenstufe V" in steps["wg_hoechstbetrag"]["label"]


def test_the_heating_limit_takes_the_yaml_keys():
    value = convert("bills.heizspiegel_zu_hoch", {"unknown_fuel": "50.00", "heating_oil": "41.5"})
    assert value == {"unknown_fuel": Decimal("50.00"), "heating_oil": Decimal("41.5")}
    assert to_json(value) == {"unknown_fuel": "50.00", "heating_oil": "41.50"}
    with pytest.raises(LocalValueError, match="keys"):
        convert("bills.heizspiegel_zu_hoch", {"gas": "50.00"})


def test_every_local_parameter_exists_in_the_yaml():
    specs = load()[0]
    assert all(name in specs for name in LOCAL_PARAMETERS)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"parameter": "common.regelbedarf"}, "place.local_values[0].parameter"),
        ({"parameter": None}, "place.local_values[0].parameter"),
        ({"valid_from": "2025-13-01"}, "place.local_values[0].valid_from"),
        ({"valid_from": None}, "place.local_values[0].valid_from"),
        ({"valid_to": "2024-12-31"}, "place.local_values[0].valid_to"),
        ({"reference": "  "}, "place.local_values[0].reference"),
        ({"status": "draft"}, "place.local_values[0].status"),
        ({"value": LIMITS[:6]}, "place.local_values[0].value"),
        ({"value": "600.00"}, "place.local_values[0].value"),
        ({"value": [*LIMITS[:3], 923.0, *LIMITS[4:]]}, "place.local_values[0].value[3]"),
        ({"value": ["0.00", *LIMITS[1:]]}, "place.local_values[0].value[0]"),
        ({"value": ["-1.00", *LIMITS[1:]]}, "place.local_values[0].value[0]"),
        ({"value": ["6OO", *LIMITS[1:]]}, "place.local_values[0].value[0]"),
        ({"extra": 1}, "place.local_values[0].extra"),
    ],
)
def test_bad_records_are_refused_naming_the_field(change, field):
    record = {**RECORD, **change}
    with pytest.raises(InputError) as error:
        evaluate_json(household(records=(record,)))
    assert error.value.field == field


def test_overlapping_records_of_one_parameter_are_refused():
    second = {**RECORD, "valid_from": "2026-06-01", "valid_to": None}
    with pytest.raises(InputError) as error:
        parse_household(household(records=(RECORD, second)))
    assert error.value.field == "place.local_values[1].valid_from"
    # Records of different parameters may share dates; adjoining ranges are fine.
    adjoining = {**RECORD, "valid_from": "2026-07-01", "valid_to": None}
    stufe = {"parameter": "local.stuttgart.mietenstufe", "valid_from": "2025-01-01", "value": 6, "reference": "WoGV", "status": "verified"}
    assert len(parse_household(household(records=(RECORD, adjoining, stufe))).place.local_values) == 3


def test_a_mietenstufe_outside_i_to_vii_and_a_non_list_are_refused():
    stufe = {"parameter": "local.stuttgart.mietenstufe", "valid_from": "2025-01-01", "value": 8, "reference": "WoGV", "status": "verified"}
    with pytest.raises(InputError) as error:
        parse_household(household(records=(stufe,)))
    assert error.value.field == "place.local_values[0].value"
    bad = household()
    bad["place"]["local_values"] = {"parameter": "x"}
    with pytest.raises(InputError) as error:
        parse_household(bad)
    assert error.value.field == "place.local_values"
