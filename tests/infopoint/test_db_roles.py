"""Issue 21: the app's own database connection cannot change receipts or the audit log.

The tests run as the app role (tests/conftest.py); this module checks that first, then tries
every statement the probe of issue 21 got through with the app's connection. Each must be
refused by PostgreSQL (privileges, the SECURITY DEFINER functions' own cut-offs, or the
triggers of infopoint migration 0006). The count goes into the security summary.
"""

import datetime
import threading

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from infopoint.lib import db_roles, embedded_db
from infopoint.retention import receipt_anonymise
from openarea.models import Receipt, ReceiptCounter, ReceiptDocument
from openarea.receipts.services import receipt_document_store
from tests import factories
from tests.summary import record

pytestmark = pytest.mark.django_db


def _role_facts():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT current_user, r.rolsuper, r.rolcreatedb, r.rolcreaterole,
                   has_schema_privilege(current_user, 'public', 'CREATE'),
                   (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'USAGE'))
              FROM pg_roles r WHERE r.rolname = current_user
            """
        )
        return cursor.fetchone()


def test_the_app_connects_as_a_role_without_power():
    user, superuser, createdb, createrole, create_in_schema, owned = _role_facts()
    assert user == settings.DATABASE_APP_USER
    assert user != settings.DATABASE_OWNER["USER"]
    assert not superuser and not createdb and not createrole and not create_in_schema
    assert owned == 0, "the app role owns tables: it could ALTER, DROP or TRUNCATE them"


@pytest.fixture
def issued(advisor):
    """A receipt issued today with its stored PDF, and a fresh audit entry."""
    receipt = factories.receipt(actor=advisor)
    receipt_document_store(receipt=receipt, pdf=b"%PDF-1.4 Canary")
    entry = LogEntry.objects.filter(object_pk=str(receipt.pk)).first() or LogEntry.objects.latest("pk")
    return receipt, entry


def _statements(receipt, entry):
    """(what, SQL, params): each one the issue's probe ran successfully as the superuser."""
    back_dated = receipt.received_at - datetime.timedelta(days=400)
    return [
        ("TRUNCATE the audit log", "TRUNCATE auditlog_logentry", []),
        ("TRUNCATE the receipts", "TRUNCATE openarea_receipt CASCADE", []),
        ("TRUNCATE the stored PDFs", "TRUNCATE openarea_receiptdocument", []),
        ("TRUNCATE the receipt counter", "TRUNCATE openarea_receiptcounter", []),
        ("switch the triggers off for the session", "SET session_replication_role = replica", []),
        ("disable the audit-log trigger", "ALTER TABLE auditlog_logentry DISABLE TRIGGER auditlog_logentry_unchangeable", []),
        ("disable the receipt triggers", "ALTER TABLE openarea_receipt DISABLE TRIGGER ALL", []),
        ("drop the audit-log trigger", "DROP TRIGGER auditlog_logentry_unchangeable ON auditlog_logentry", []),
        ("drop the receipt trigger", "DROP TRIGGER openarea_receipt_immutable ON openarea_receipt", []),
        ("replace the trigger function", "CREATE OR REPLACE FUNCTION infopoint_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$", []),
        ("create a table", "CREATE TABLE infopoint_probe (id int)", []),
        ("update the receipt counter (a gap)", "UPDATE openarea_receiptcounter SET last_number = last_number + 5", []),
        ("reset the counter's sequence", "SELECT setval(pg_get_serial_sequence('openarea_receipt', 'id'), 1)", []),
        ("draw a number for another year", "INSERT INTO openarea_receiptcounter (series, year, last_number) VALUES ('infopoint', 2031, 0)", []),
        (
            "insert a back-dated receipt",
            """INSERT INTO openarea_receipt (year, number, received_at, kind, applicant_name, benefit, office_id,
                   office_name, office_address, items, remarks, originals_returned, channel, language,
                   issued_by_id, issued_by_name, organisation, verification_code, content_digest)
               SELECT year, number + 1, %s, kind, 'Canary', benefit, office_id, office_name, office_address, items,
                   remarks, originals_returned, channel, language, issued_by_id, issued_by_name, organisation,
                   'forged-code-1', content_digest FROM openarea_receipt WHERE id = %s""",
            [back_dated, receipt.pk],
        ),
        ("change a receipt", "UPDATE openarea_receipt SET applicant_name = 'forged' WHERE id = %s", [receipt.pk]),
        ("delete a receipt", "DELETE FROM openarea_receipt WHERE id = %s", [receipt.pk]),
        ("delete a stored PDF", "DELETE FROM openarea_receiptdocument WHERE receipt_id = %s", [receipt.pk]),
        ("change an audit entry", "UPDATE auditlog_logentry SET object_repr = 'forged' WHERE id = %s", [entry.pk]),
        ("blank an audit entry's actor", "UPDATE auditlog_logentry SET actor_id = NULL WHERE id = %s", [entry.pk]),
        ("delete a recent audit entry", "DELETE FROM auditlog_logentry WHERE id = %s", [entry.pk]),
        (
            "delete recent audit entries by announcing a cut-off",
            [("SELECT set_config('infopoint.audit_retention_before', '2999-01-01', true)", []),
             ("DELETE FROM auditlog_logentry WHERE id = %s", [entry.pk])],
            None,
        ),
        ("expire the audit log with a young cut-off", "SELECT infopoint_audit_log_expire(%s)", [timezone.now() + datetime.timedelta(days=1)]),
        ("expire the audit log with yesterday as cut-off", "SELECT infopoint_audit_log_expire(%s)", [timezone.now() - datetime.timedelta(days=1)]),
        ("anonymise a receipt issued today", "SELECT * FROM openarea_receipt_anonymise(%s, NULL)", [receipt.pk]),
        ("change the retention period", "UPDATE infopoint_retention_period SET value = 1", []),
        ("record a migration", "INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', now())", []),
        ("give itself the owner's role", f"GRANT {settings.DATABASE_OWNER['USER']} TO {settings.DATABASE_APP_USER}", []),
    ]


def test_every_statement_of_the_probe_is_refused_to_the_app_role(issued):
    receipt, entry = issued
    assert _role_facts()[0] == settings.DATABASE_APP_USER
    counter_before = list(ReceiptCounter.objects.values_list("year", "last_number"))
    refused = []
    for what, statement, params in _statements(receipt, entry):
        steps = statement if params is None else [(statement, params)]
        with pytest.raises(DatabaseError) as caught, transaction.atomic():
            with connection.cursor() as cursor:
                for sql, values in steps:
                    cursor.execute(sql, values)
        refused.append((what, str(caught.value).splitlines()[0]))
    for what, reason in refused:
        print(f"refused: {what}: {reason}")
        assert "syntax error" not in reason, what
    # Nothing changed.
    assert Receipt.objects.count() == 1
    assert Receipt.objects.get(pk=receipt.pk).applicant_name == "Canary Antragsteller"
    assert ReceiptDocument.objects.filter(receipt=receipt).exists()
    assert LogEntry.objects.filter(pk=entry.pk).exists()
    assert list(ReceiptCounter.objects.values_list("year", "last_number")) == counter_before
    record("statements_refused_app_role", len(refused))


def test_anonymising_a_young_receipt_through_the_service_is_refused(issued):
    receipt, _entry = issued
    with pytest.raises(DatabaseError, match="younger than the receipt retention period"), transaction.atomic():
        receipt_anonymise(receipt, now=timezone.now())
    assert Receipt.objects.get(pk=receipt.pk).anonymised_at is None


def test_the_app_role_still_issues_receipts_without_gaps(advisor):
    receipts = [factories.receipt(actor=advisor) for _ in range(3)]
    assert [r.number for r in receipts] == [1, 2, 3]
    counter = ReceiptCounter.objects.get(year=receipts[0].year)
    assert counter.last_number == 3
    # The time of issue is the database's, within a moment of ours.
    assert abs(receipts[-1].received_at - timezone.now()) < datetime.timedelta(minutes=1)


def test_the_app_role_deletes_a_staff_account_without_entries_but_not_one_with():
    from django.contrib.auth.models import User

    user = factories.advisor()
    assert not LogEntry.objects.filter(actor=user).exists()
    user.delete()
    assert not User.objects.filter(pk=user.pk).exists()


def test_the_grants_are_idempotent_and_name_no_truncate():
    statements = db_roles.grant_sql("infopoint_app", "infopoint_owner")
    text = " ".join(statements).upper()
    assert "TRUNCATE" not in text and "TRIGGER" not in text.replace("REVOKE ALL", "")
    assert any("REVOKE UPDATE, DELETE ON public.auditlog_logentry" in s for s in statements)
    assert any("DEFAULT PRIVILEGES" in s for s in statements)


def test_embedded_start_is_safe_under_threads():
    """Issue 21: a threaded server's first requests all start the server at once."""
    if settings.DATABASES["default"]["ENGINE"] != "infopoint.db.embedded":
        pytest.skip("only the embedded server is started by the app")
    errors, servers = [], []

    def start():
        try:
            embedded_db.ensure_running.cache_clear()
            servers.append(embedded_db.ensure_running())
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(error))

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert len({server.socket_dir for server in servers}) == 1
    assert Receipt.objects.count() >= 0  # the connection still works afterwards
