"""manage.py backup / restore: a restored database is the backed-up one, and its invariants hold."""

import io
import logging
import stat

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from infopoint.lib import backup, db_roles, issued_numbers
from infopoint.lib.audited_bulk import audited_bulk
from intake.models import Visit, Visitor
from openarea.models import Receipt, ReceiptCounter
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stored_data():
    desk = factories.advisor()
    office = factories.OfficeFactory()
    visits = factories.VisitFactory.create_batch(4)
    receipts = [factories.receipt(actor=desk, office=office, visit=visits[0]) for _ in range(3)]
    return visits, receipts


def test_a_restore_brings_back_exactly_what_was_backed_up(stored_data, tmp_path):
    visits, receipts = stored_data
    before = backup.invariants()
    assert not before.problems
    dump = tmp_path / "nightly.dump"
    call_command("backup", "--output", str(dump))
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600

    # What happens after the backup: a visitor erased, contacts changed, one more receipt.
    Visitor.objects.filter(pk=visits[1].visitor_id).delete()
    with audited_bulk("test setup"):
        Visit.objects.update(language="tr")
    factories.receipt(office=receipts[0].office)
    assert backup.invariants().row_counts != before.row_counts

    call_command("restore", str(dump), "--yes")

    after = backup.invariants()
    assert {label: count for label, count in after.row_counts.items() if label != "openarea.ReceiptCounter"} == {
        label: count for label, count in before.row_counts.items() if label != "openarea.ReceiptCounter"
    }
    assert not after.problems
    [(year, numbering)] = after.receipt_numbers.items()
    # Three receipts came back; number 4 was handed out after the backup: the counter stays at 4.
    assert numbering == (3, 3, 4)
    assert sorted(Receipt.objects.values_list("number", flat=True)) == [1, 2, 3]
    assert set(Visit.objects.values_list("language", flat=True)) == {"de"}
    assert Visitor.objects.filter(pk=visits[1].visitor_id).exists()
    # The next receipt continues above every number ever issued (issue 21: 4 was re-issued before).
    assert factories.receipt(office=receipts[0].office).number == 5
    assert not backup.invariants().problems


def test_receipts_stay_immutable_after_a_restore(stored_data, tmp_path):
    dump = tmp_path / "nightly.dump"
    call_command("backup", "--output", str(dump))
    call_command("restore", str(dump), "--yes")
    assert not backup.invariants().inactive_triggers
    # Issue 21: the app role is refused by its privileges (they survive the restore), the owner
    # by the triggers.
    with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE openarea_receipt SET applicant_name = 'changed'")
    with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM openarea_receipt")
    with db_roles.as_owner():
        with pytest.raises(DatabaseError, match="immutable"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE openarea_receipt SET applicant_name = 'changed'")
        with pytest.raises(DatabaseError, match="immutable"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM openarea_receipt")


def test_restore_refuses_without_yes_and_changes_nothing(stored_data, tmp_path):
    dump = tmp_path / "nightly.dump"
    call_command("backup", "--output", str(dump))
    factories.VisitFactory()
    count = Visit.objects.count()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(dump))
    assert Visit.objects.count() == count


def test_a_broken_backup_file_leaves_the_database_as_it_was(stored_data, tmp_path):
    broken = tmp_path / "broken.dump"
    broken.write_bytes(b"PGDMP this is not a dump")
    before = backup.invariants()
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(broken), "--yes")
    assert backup.invariants().row_counts == before.row_counts


def test_a_backup_never_overwrites_an_existing_file(stored_data, tmp_path):
    dump = tmp_path / "nightly.dump"
    dump.write_bytes(b"older backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", "--output", str(dump))
    assert dump.read_bytes() == b"older backup"


@pytest.mark.db_owner  # issue 21: the app role cannot touch the counter
def test_the_invariant_check_notices_a_counter_ahead_of_the_numbers(stored_data):
    ReceiptCounter.objects.update(last_number=5)
    problems = backup.invariants().problems
    assert any("counter" in problem for problem in problems)


def test_backup_and_restore_are_security_events_without_personal_data(stored_data, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="infopoint.security")
    dump = tmp_path / "nightly.dump"
    call_command("backup", "--output", str(dump), stdout=io.StringIO())
    call_command("restore", str(dump), "--yes", stdout=io.StringIO())
    events = {record.event: record for record in caplog.records if record.name == "infopoint.security"}
    assert events["backup_written"].bytes == dump.stat().st_size
    assert events["database_restored"].invariant_problems == 0
    assert events["database_restored"].levelname == "WARNING"
    assert "Canary" not in caplog.text


# --- Issue 21: a restore never hands out a receipt number again ------------------------------


def _issue(office, count):
    return [factories.receipt(office=office).number for _ in range(count)]


def _after_first(real):
    """The database is new and empty before the restore, the restored one afterwards."""
    calls = []

    def maxima():
        calls.append(1)
        return {} if len(calls) == 1 else real()

    return maxima


def test_numbers_issued_after_the_backup_are_never_issued_again(stored_data, tmp_path):
    _visits, receipts = stored_data
    office = receipts[0].office
    dump = tmp_path / "nightly.dump"
    call_command("backup", "--output", str(dump), stdout=io.StringIO())
    handed_out = _issue(office, 3)  # after the backup: 4, 5, 6
    assert handed_out == [4, 5, 6]

    out = io.StringIO()
    call_command("restore", str(dump), "--yes", stdout=out)

    assert "numbers 4 to 6 were issued after the backup" in out.getvalue()
    next_numbers = _issue(office, 2)
    assert min(next_numbers) > max(handed_out)
    assert next_numbers == [7, 8]
    found = backup.invariants()
    assert not found.problems  # 4–6 are accounted for as lost in the restore
    record = issued_numbers.read()
    year = receipts[0].year
    assert record.highest[year] == 8
    assert record.lost_numbers(year) == {4, 5, 6}


def test_the_record_outside_the_database_is_enough_when_the_database_is_new(stored_data, tmp_path, monkeypatch):
    """A restore onto a new, empty database server: only the file knows what was issued."""
    _visits, receipts = stored_data
    dump = tmp_path / "nightly.dump"
    call_command("backup", "--output", str(dump), stdout=io.StringIO())
    handed_out = _issue(receipts[0].office, 2)
    monkeypatch.setattr(backup, "issued_maxima", _after_first(backup.issued_maxima))
    call_command("restore", str(dump), "--yes", stdout=io.StringIO())
    assert factories.receipt(office=receipts[0].office).number == max(handed_out) + 1


def test_every_issued_number_is_recorded_outside_the_database(stored_data):
    _visits, receipts = stored_data
    year = receipts[0].year
    assert issued_numbers.read().highest == {year: 3}
    fourth = factories.receipt(office=receipts[0].office)
    assert issued_numbers.read().highest == {year: fourth.number} == {year: 4}


def test_without_the_record_a_restore_refuses_unless_told_where_to_continue(stored_data, tmp_path, monkeypatch):
    _visits, receipts = stored_data
    dump = tmp_path / "nightly.dump"
    call_command("backup", "--output", str(dump), stdout=io.StringIO())
    issued_numbers.path().unlink()
    real_maxima = backup.issued_maxima
    monkeypatch.setattr(backup, "issued_maxima", lambda: {})  # a new database server
    with pytest.raises(CommandError, match="--continue-from"):
        call_command("restore", str(dump), "--yes")
    assert not issued_numbers.read().exists
    with pytest.raises(CommandError, match="give a number"):
        call_command("restore", str(dump), "--yes", "--continue-from", "x12")
    monkeypatch.setattr(backup, "issued_maxima", _after_first(real_maxima))
    year = receipts[0].year
    call_command("restore", str(dump), "--yes", f"--continue-from={year}-000011", stdout=io.StringIO())
    assert factories.receipt(office=receipts[0].office).number == 12
    assert not backup.invariants().problems


def test_a_backup_brings_the_record_up_to_the_database(stored_data, tmp_path):
    _visits, receipts = stored_data
    issued_numbers.path().unlink()
    call_command("backup", "--output", str(tmp_path / "nightly.dump"), stdout=io.StringIO())
    assert issued_numbers.read().highest == {receipts[0].year: 3}


def test_no_receipt_is_issued_when_its_number_cannot_be_recorded(stored_data, settings, tmp_path):
    from django.core.exceptions import ValidationError

    _visits, receipts = stored_data
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    settings.INFOPOINT_ISSUED_NUMBERS_FILE = blocker / "issued-receipt-numbers.json"
    with pytest.raises(ValidationError, match="no receipt was issued|keine Eingangsbestätigung ausgestellt"):
        factories.receipt(office=receipts[0].office)
    assert Receipt.objects.count() == 3
    assert ReceiptCounter.objects.get().last_number == 3
