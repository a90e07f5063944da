"""Local values (issue 20), the services: entered by one person, confirmed by a second, every
refusal with a message at its field, and the audit log."""

from datetime import date

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from screening.local_value_services import local_value_confirm, local_value_enter, local_value_withdraw
from screening.local_values import LocalValue
from tests import factories

pytestmark = pytest.mark.django_db
LIMITS = ["600.00", "670.00", "726.00", "923.00", "1009.00", "1191.00", "149.00"]


def enter(actor, **changes):
    fields = {
        "parameter": "local.stuttgart.mietobergrenze",
        "valid_from": date(2025, 1, 1),
        "valid_to": date(2026, 12, 31),
        "value": LIMITS,
        "source_document": "GRDrs 999/2099, Anlage 2 (Testwert)",
        **changes,
    }
    return local_value_enter(actor=actor, **fields)


def refusal(error: ValidationError) -> dict:
    return error.value.message_dict


def test_a_team_lead_enters_and_another_confirms(teamlead, administrator):
    record = enter(teamlead, value=["600", *LIMITS[1:]])
    assert record.status == "pending" and record.confirmed_at is None
    assert record.value[0] == "600.00"  # stored in the contract's notation
    confirmed = local_value_confirm(actor=administrator, record=record)
    assert confirmed.status == "confirmed"
    assert confirmed.confirmed_by == administrator and confirmed.confirmed_at is not None


def test_the_person_who_entered_cannot_confirm(teamlead):
    record = enter(teamlead)
    with pytest.raises(ValidationError, match="zweite Person"):
        local_value_confirm(actor=teamlead, record=record)
    record.refresh_from_db()
    assert record.confirmed_at is None


def test_a_second_confirmation_is_refused(teamlead, administrator):
    record = enter(teamlead)
    local_value_confirm(actor=administrator, record=record)
    other_lead = factories.teamlead()
    with pytest.raises(ValidationError, match="bereits von"):
        local_value_confirm(actor=other_lead, record=record)


def test_advisors_may_neither_enter_nor_confirm(advisor, teamlead):
    with pytest.raises(PermissionDenied):
        enter(advisor)
    record = enter(teamlead)
    with pytest.raises(PermissionDenied):
        local_value_confirm(actor=advisor, record=record)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"source_document": "  "}, "source_document"),
        ({"valid_from": None}, "valid_from"),
        ({"valid_to": date(2024, 12, 31)}, "valid_to"),
        ({"parameter": "common.regelbedarf"}, "parameter"),
        ({"value": LIMITS[:6]}, "value"),
        ({"value": [*LIMITS[:3], "-5", *LIMITS[4:]]}, "value_3"),
        ({"value": [*LIMITS[:3], "", *LIMITS[4:]]}, "value_3"),
        ({"parameter": "local.stuttgart.mietenstufe", "value": 9}, "value"),
        ({"parameter": "bills.heizspiegel_zu_hoch", "value": {"unknown_fuel": "50.00", "heating_oil": "0"}}, "value_heating_oil"),
    ],
)
def test_bad_records_are_refused_at_their_field(teamlead, changes, field):
    with pytest.raises(ValidationError) as error:
        enter(teamlead, **changes)
    assert field in refusal(error)
    assert not LocalValue.objects.exists()


def test_an_overlapping_range_is_refused_against_pending_and_confirmed_records(teamlead, administrator):
    first = enter(teamlead)
    with pytest.raises(ValidationError) as error:
        enter(administrator, valid_from=date(2026, 6, 1), valid_to=None)
    assert "wartet auf Bestätigung" in refusal(error)["valid_from"][0]
    local_value_confirm(actor=administrator, record=first)
    with pytest.raises(ValidationError) as error:
        enter(administrator, valid_from=date(2024, 1, 1), valid_to=date(2025, 1, 1))
    assert "bestätigt" in refusal(error)["valid_from"][0]
    # Adjoining ranges, another parameter or another municipality are fine.
    enter(administrator, valid_from=date(2027, 1, 1), valid_to=None)
    enter(administrator, parameter="local.stuttgart.mietenstufe", value=6)
    enter(administrator, municipality="Esslingen")
    assert LocalValue.objects.count() == 4


def test_a_withdrawn_record_no_longer_blocks_its_dates(teamlead, administrator):
    wrong = enter(teamlead, value=["6000.00", *LIMITS[1:]])
    local_value_withdraw(actor=administrator, record=wrong)
    assert enter(teamlead).status == "pending"
    with pytest.raises(ValidationError, match="zurückgezogen"):
        local_value_confirm(actor=administrator, record=wrong)


def test_the_same_form_sent_twice_stores_one_record(teamlead):
    token = "6f1c1e6e-3a8b-4a53-9a71-0a3c1a0f5b11"
    assert enter(teamlead, token=token) == enter(teamlead, token=token)
    assert LocalValue.objects.count() == 1


def test_entering_and_confirming_are_in_the_audit_log(teamlead, administrator):
    with set_actor(teamlead):
        record = enter(teamlead)
    with set_actor(administrator):
        local_value_confirm(actor=administrator, record=record)
    entries = LogEntry.objects.get_for_object(record).order_by("timestamp")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert [e.actor for e in entries] == [teamlead, administrator]
    assert "confirmed_by" in entries[1].changes_dict
