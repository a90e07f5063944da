"""manage.py backup / restore: a restored database is the backed-up one, and its invariants hold."""

import io
import logging
import stat

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from infopoint.lib import backup, db_roles
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
    assert after.row_counts == before.row_counts
    assert not after.problems
    [(year, numbering)] = after.receipt_numbers.items()
    assert numbering == (3, 3, 3)
    assert sorted(Receipt.objects.values_list("number", flat=True)) == [1, 2, 3]
    assert set(Visit.objects.values_list("language", flat=True)) == {"de"}
    assert Visitor.objects.filter(pk=visits[1].visitor_id).exists()
    # The next receipt continues the restored numbering.
    assert factories.receipt(office=receipts[0].office).number == 4


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
