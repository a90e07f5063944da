"""Local values (issue 20), the reads: ``place_for`` gives the engine the confirmed records only,
the counter passes them with every check and saves them with it."""

from datetime import date

import pytest

from screening.local_value_selectors import household_with_place, local_value_overview, place_for
from screening.local_value_services import local_value_confirm, local_value_enter, local_value_withdraw
from screening.rules import evaluate_json
from screening.services import screening_run_create

pytestmark = pytest.mark.django_db
LIMITS = ["600.00", "670.00", "726.00", "923.00", "1009.00", "1191.00", "149.00"]
HOUSEHOLD = {
    "as_of": "2026-03-01",
    "sgb2_receipt_since": "2024-01-01",
    "members": [{"relation": "self", "age": 40}],
    "housing": {"rent_cold": "700.00", "service_charges": "100.00", "heating": "60.00"},
    "place": {"municipality": "Stuttgart"},
}


def record(actor, confirmer=None, **changes):
    fields = {
        "parameter": "local.stuttgart.mietobergrenze",
        "valid_from": date(2025, 1, 1),
        "valid_to": date(2026, 12, 31),
        "value": LIMITS,
        "source_document": "GRDrs 999/2099, Anlage 2 (Testwert)",
        **changes,
    }
    entered = local_value_enter(actor=actor, **fields)
    return local_value_confirm(actor=confirmer, record=entered) if confirmer else entered


def test_place_for_lists_only_confirmed_records_in_the_contracts_shape(teamlead, administrator):
    record(teamlead, administrator)
    record(teamlead, parameter="local.stuttgart.mietenstufe", value=6)  # pending
    withdrawn = record(teamlead, administrator, parameter="bills.heizspiegel_zu_hoch", value={"unknown_fuel": "50", "heating_oil": "41"})
    local_value_withdraw(actor=administrator, record=withdrawn)
    place = place_for("Stuttgart", date(2026, 3, 1))
    assert place == {
        "municipality": "Stuttgart",
        "local_values": [
            {
                "parameter": "local.stuttgart.mietobergrenze",
                "valid_from": "2025-01-01",
                "valid_to": "2026-12-31",
                "value": LIMITS,
                "reference": "GRDrs 999/2099, Anlage 2 (Testwert)",
                "status": "verified",
            }
        ],
    }
    assert place_for("Esslingen", date(2026, 3, 1)) == {"municipality": "Esslingen"}
    # Records that ended long before the date are left out.
    assert "local_values" not in place_for("Stuttgart", date(2029, 1, 1))


def test_without_records_the_household_is_passed_as_it_is():
    assert household_with_place(HOUSEHOLD) == HOUSEHOLD


def test_the_saved_check_keeps_the_local_values_it_was_computed_with(teamlead, administrator, advisor):
    record(teamlead, administrator)
    run = screening_run_create(household=HOUSEHOLD, actor=advisor)
    assert run.input_data["place"]["local_values"][0]["value"] == LIMITS
    step = next(s for s in run.result["programs"]["sgb2"]["steps"] if s["code"] == "kdu_angemessenheit")
    assert "600,00 €" in step["label"]
    # A re-run of the saved input gives the same answer, whatever is recorded later.
    assert evaluate_json(run.input_data) == run.result


def test_a_copied_check_gets_the_records_in_force_now_not_the_stale_ones(teamlead, administrator):
    first = record(teamlead, administrator)
    stale = {**HOUSEHOLD, "place": {"municipality": "Stuttgart", "local_values": [{"parameter": "x"}]}}
    again = household_with_place(stale)
    assert again["place"]["local_values"][0]["valid_from"] == first.valid_from.isoformat()


def test_the_overview_shows_the_yaml_fallback_per_parameter(teamlead):
    record(teamlead)
    rows = {row.name: row for row in local_value_overview(today=date(2026, 12, 7))}
    mog = rows["local.stuttgart.mietobergrenze"]
    assert len(mog.records) == 1 and mog.records[0].status == "pending"
    assert mog.fallback_now.status == "unverified"
    assert "2025/2026" in mog.fallback_now.reference
    assert rows["local.stuttgart.angemessene_wohnflaeche"].fallback_now.status == "verified"
