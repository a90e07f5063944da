"""Audit-log entries cannot be changed or deleted through the application or below it (issue 10).

The trigger of infopoint migration 0005 is the backstop: raw SQL, ``QuerySet.update()`` and
``.delete()`` fail; only the retention job deletes entries past the log period, and erasure
and the other retention kinds keep working.
"""

import datetime

import pytest
import time_machine
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from infopoint.retention import apply_retention
from intake.models import CaseNote, Visitor
from intake.services import note_add, visitor_erase
from tests import factories

# Issue 21: these tests show the second line, the triggers, which hold even for the owner role;
# the app role is refused earlier, by its privileges (tests/infopoint/test_db_roles.py).
pytestmark = [pytest.mark.django_db, pytest.mark.db_owner]


@pytest.fixture
def entry(advisor):
    """An entry as a request writes it: the advisor is its actor."""
    visitor = factories.VisitorFactory(name="Canary Protokoll")
    with set_actor(advisor):
        note_add(visitor=visitor, actor=advisor, text="Canary Notiz")
    return LogEntry.objects.get_for_object(CaseNote.objects.get(visitor=visitor)).get()


def _refused(statement, params):
    with pytest.raises(IntegrityError, match="audit log entries are unchangeable"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement, params)


def test_a_raw_sql_update_of_an_entry_is_refused(entry):
    _refused("UPDATE auditlog_logentry SET changes_text = 'forged' WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.changes_text != "forged"


def test_a_raw_sql_delete_of_an_entry_is_refused(entry):
    _refused("DELETE FROM auditlog_logentry WHERE id = %s", [entry.pk])
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_orm_update_and_delete_of_entries_are_refused(entry):
    with pytest.raises(IntegrityError), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(object_repr="forged")
    with pytest.raises(IntegrityError), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.object_repr = "forged"
        entry.save()
    assert LogEntry.objects.get(pk=entry.pk).object_repr != "forged"


def test_the_retention_setting_does_not_open_the_log_for_recent_entries(entry):
    """The exception is bound to the cut-off: announcing retention does not allow deleting new entries."""
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('infopoint.audit_retention_before', '2000-01-01T00:00:00+00:00', true)")
            cursor.execute("DELETE FROM auditlog_logentry WHERE id = %s", [entry.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('infopoint.audit_retention_before', '2999-01-01T00:00:00+00:00', true)")
            cursor.execute("UPDATE auditlog_logentry SET object_repr = 'forged' WHERE id = %s", [entry.pk])
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_the_retention_job_still_deletes_entries_past_the_log_period(settings):
    settings.INFOPOINT_LOG_RETENTION_DAYS = 30
    # The database function reads its own copy of the period (written by migrate, as the owner).
    with connection.cursor() as cursor:
        cursor.execute("UPDATE infopoint_retention_period SET value = 30 WHERE name = 'audit_log_days'")
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), tick=False):
        old = factories.VisitorFactory(consent_scope="case_history")
    recent = factories.VisitorFactory(consent_scope="case_history")
    [result] = apply_retention(kinds=["audit_log"])
    assert result.error == ""
    assert result.counts["entries_deleted"] >= 1
    assert not LogEntry.objects.get_for_object(old).exists()
    assert LogEntry.objects.get_for_object(recent).exists()
    # The permission ended with the retention's own work: the log is closed again.
    _refused("DELETE FROM auditlog_logentry WHERE object_pk = %s", [str(recent.pk)])


def test_erasure_still_works_and_keeps_the_entries(advisor, teamlead):
    visitor = factories.VisitorFactory(name="Canary Löschung", consent_scope="case_history")
    note_add(visitor=visitor, actor=advisor, text="Canary Notiz")
    entries_before = LogEntry.objects.count()
    visitor_erase(visitor=visitor, actor=teamlead)
    visitor.refresh_from_db()
    assert visitor.name == ""
    assert not CaseNote.objects.filter(visitor=visitor).exists()
    assert LogEntry.objects.count() > entries_before


def test_a_staff_account_named_in_the_log_cannot_be_deleted(advisor, entry):
    with pytest.raises(IntegrityError), transaction.atomic():
        advisor.delete()
    assert User.objects.filter(pk=advisor.pk).exists()
    assert LogEntry.objects.get(pk=entry.pk).actor_id == advisor.pk


def test_a_staff_account_without_entries_can_be_deleted():
    user = factories.advisor()
    assert not LogEntry.objects.filter(actor=user).exists()
    user.delete()
    assert not User.objects.filter(pk=user.pk).exists()


def test_the_admin_tells_why_an_account_with_entries_cannot_be_deleted(admin_client_, advisor, entry):
    response = admin_client_.get(reverse("admin:auth_user_delete", kwargs={"object_id": advisor.pk}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Deaktivieren Sie das Konto" in page or "Deactivate the account instead" in page
    admin_client_.post(reverse("admin:auth_user_delete", kwargs={"object_id": advisor.pk}), {"post": "yes"})
    assert User.objects.filter(pk=advisor.pk).exists()


def test_nobody_adds_changes_or_deletes_entries_in_the_admin_not_even_a_superuser(rf, entry):
    superuser = User.objects.create_superuser("revision", password=None)
    client = Client()
    client.force_login(superuser)
    model_admin = admin.site._registry[LogEntry]
    request = rf.get("/admin/")
    request.user = superuser
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert client.get(reverse("admin:auditlog_logentry_add")).status_code == 403
    assert client.post(reverse("admin:auditlog_logentry_delete", kwargs={"object_id": entry.pk}), {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:auditlog_logentry_changelist"), {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    detail = client.get(reverse("admin:auditlog_logentry_change", kwargs={"object_id": entry.pk}))
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_a_restore_check_notices_a_missing_audit_trigger():
    from infopoint.lib import backup

    assert "auditlog_logentry_unchangeable" in backup.IMMUTABILITY_TRIGGERS
    assert not backup.invariants().inactive_triggers
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE auditlog_logentry DISABLE TRIGGER auditlog_logentry_unchangeable")
        assert backup.invariants().inactive_triggers == ["auditlog_logentry_unchangeable"]
        transaction.set_rollback(True)


def test_visitors_are_still_deleted_one_by_one_with_an_entry_each():
    """QuerySet.delete() on an audited model goes through the signals: one delete entry per row."""
    visitors = [factories.VisitorFactory(consent_scope="case_history") for _ in range(3)]
    Visitor.objects.filter(pk__in=[visitor.pk for visitor in visitors]).delete()
    for visitor in visitors:
        assert LogEntry.objects.filter(
            content_type__model="visitor", object_pk=str(visitor.pk), action=LogEntry.Action.DELETE
        ).count() == 1
