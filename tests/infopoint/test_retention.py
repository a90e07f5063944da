"""The deletion concept: apply_retention deletes or anonymises per kind and keeps the statistics."""

import datetime
import io
import json
import logging

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from infopoint.lib.audited_bulk import audited_bulk
from intake.models import CaseNote, FollowUp, Visit, Visitor
from openarea.models import Receipt, ReceiptDocument, YellowCard
from referrals.models import InfopointAppointment, Referral, ReferralOutcome, ReferralStatusChange
from screening.models import ScreeningRun
from stats.models import ClosedMonth, MonthlyFigure
from tests import factories

# Issue 21: the cases are made in the past (time_machine), which only the owner role may do
# (the app role is refused back-dated receipts: tests/infopoint/test_db_roles.py).
pytestmark = [pytest.mark.django_db, pytest.mark.db_owner]

OLD = datetime.datetime(2022, 3, 10, 10, 0, tzinfo=datetime.UTC)
TWO_YEARS_AGO = datetime.datetime(2024, 11, 10, 10, 0, tzinfo=datetime.UTC)
NOW = datetime.datetime(2026, 11, 25, 6, 0, tzinfo=datetime.UTC)
HOUSEHOLD = {"as_of": "2026-03-01", "members": [{"relation": "self", "age": 40}], "housing": {"rent_cold": "500"}}


def _run(*args) -> str:
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def _old_case(advisor):
    """A case with everything that belongs to it, last touched in March 2022."""
    from screening.services import screening_run_create

    with time_machine.travel(OLD, tick=False):
        visitor = factories.VisitorFactory(name="Canary Alt", consent_scope="case_history")
        visit = factories.VisitFactory(visitor=visitor, arrived_at=timezone.now(), advisor=advisor)
        CaseNote.objects.create(visitor=visitor, author=advisor, text="Canary note")
        FollowUp.objects.create(visitor=visitor, task="Canary task", due_on=timezone.localdate(), assigned_to=advisor)
        referral = factories.ReferralFactory(visitor=visitor, visit=visit, created_by=advisor, reason="Canary reason")
        ReferralStatusChange.objects.create(referral=referral, from_status="planned", to_status="applied", changed_by=advisor)
        ReferralOutcome.objects.create(referral=referral, answer="applied", source="next_visit", recorded_by=advisor)
        factories.InfopointAppointmentFactory(visitor=visitor, advisor=advisor, starts_at=timezone.now() + datetime.timedelta(days=3))
        run = screening_run_create(household=HOUSEHOLD, actor=advisor, visit=visit)
        receipt = factories.receipt(actor=advisor, visit=visit)
    return visitor, visit, run, receipt


def test_a_case_past_the_period_is_deleted_with_everything_about_it(advisor):
    visitor, visit, run, receipt = _old_case(advisor)
    output = _run()
    assert not Visitor.objects.filter(pk=visitor.pk).exists()
    assert not Visit.objects.filter(pk=visit.pk).exists()
    assert not CaseNote.objects.exists()
    assert not FollowUp.objects.exists()
    assert not Referral.objects.exists()
    assert not ReferralStatusChange.objects.exists()
    assert not ReferralOutcome.objects.exists()
    assert not InfopointAppointment.objects.exists()
    assert not ScreeningRun.objects.filter(pk=run.pk).exists()
    # The receipt is the office's proof: its stub stays, without a way back to the person.
    assert Receipt.objects.get(pk=receipt.pk).visit_id is None
    assert "case_data: months_closed=" in output
    assert "visitors_deleted=1, contacts_deleted=1, referrals_deleted=1, appointments_deleted=1, screening_runs_deleted=1" in output


def test_the_statistics_of_the_deleted_months_are_kept(advisor):
    _old_case(advisor)
    _run()
    march = datetime.date(2022, 3, 1)
    assert ClosedMonth.objects.filter(month=march).exists()
    assert MonthlyFigure.objects.get(month=march, metric="contacts", subgroup="").value == 1
    assert not Visit.objects.exists()


def test_months_already_closed_are_left_as_published(advisor, teamlead):
    from stats.services import month_close

    _old_case(advisor)
    with time_machine.travel(NOW, tick=False):
        month_close(month=datetime.date(2022, 3, 1), actor=teamlead)
    _run()
    assert ClosedMonth.objects.get(month=datetime.date(2022, 3, 1)).closed_by == teamlead


def test_a_case_with_a_recent_contact_is_kept_whole(advisor):
    visitor, _visit, run, _receipt = _old_case(advisor)
    with time_machine.travel(TWO_YEARS_AGO, tick=False):
        factories.VisitFactory(visitor=visitor, arrived_at=timezone.now())
    _run()
    assert Visitor.objects.get(pk=visitor.pk).name == "Canary Alt"
    assert Visit.objects.filter(visitor=visitor).count() == 2
    assert CaseNote.objects.filter(visitor=visitor).exists()
    assert ScreeningRun.objects.filter(pk=run.pk).exists()


@pytest.mark.parametrize("activity", ["appointment", "note", "follow_up_due", "referral_change"])
def test_a_case_with_recent_activity_is_kept(advisor, activity):
    visitor, *_rest = _old_case(advisor)
    with time_machine.travel(TWO_YEARS_AGO, tick=False):
        if activity == "appointment":
            factories.InfopointAppointmentFactory(visitor=visitor, advisor=advisor, starts_at=timezone.now())
        elif activity == "note":
            CaseNote.objects.create(visitor=visitor, author=advisor, text="later")
        elif activity == "follow_up_due":
            with audited_bulk("test setup"):
                FollowUp.objects.filter(visitor=visitor).update(due_on=timezone.localdate())
        else:
            with audited_bulk("test setup"):
                Referral.objects.filter(visitor=visitor).update(status_changed_at=timezone.now())
    _run()
    assert Visitor.objects.filter(pk=visitor.pk).exists()


def test_the_case_period_comes_from_the_settings(advisor, settings):
    settings.INFOPOINT_RETENTION_CASE_YEARS = 5
    visitor, *_rest = _old_case(advisor)
    _run()
    assert Visitor.objects.filter(pk=visitor.pk).exists()


def test_screening_runs_without_a_contact_go_after_the_case_period(advisor):
    from screening.services import screening_run_create

    with time_machine.travel(OLD, tick=False):
        old = screening_run_create(household=HOUSEHOLD, actor=advisor)
    recent = screening_run_create(household=HOUSEHOLD, actor=advisor)
    _run()
    assert not ScreeningRun.objects.filter(pk=old.pk).exists()
    assert ScreeningRun.objects.filter(pk=recent.pk).exists()


def test_a_dry_run_changes_nothing_and_prints_the_counts(advisor):
    visitor, _visit, _run_, receipt = _old_case(advisor)
    with time_machine.travel(OLD, tick=False):
        card = factories.YellowCardFactory(contact_name="Canary Karte")
    output = _run("--dry-run")
    assert Visitor.objects.filter(pk=visitor.pk).exists()
    assert Receipt.objects.get(pk=receipt.pk).applicant_name == "Canary Antragsteller"
    assert YellowCard.objects.get(pk=card.pk).contact_name == "Canary Karte"
    assert not ClosedMonth.objects.exists()
    assert "visitors_deleted=1" in output
    assert "receipts: receipts_anonymised=1, documents_deleted=0 (dry run, nothing changed)" in output
    assert "yellow_card_contacts: cards_cleared=1" in output
    assert "Canary" not in output


def _issue_receipts(advisor, count, moment):
    with time_machine.travel(moment, tick=False):
        receipts = [factories.receipt(actor=advisor, remarks="Canary remark") for _ in range(count)]
    for receipt in receipts:
        from openarea.receipts.services import receipt_document_store

        receipt_document_store(receipt=receipt, pdf=b"%PDF-1.4 Canary")
    return receipts


def test_old_receipts_keep_only_their_stub(advisor):
    old = _issue_receipts(advisor, 3, OLD)
    recent = _issue_receipts(advisor, 1, TWO_YEARS_AGO)[0]
    output = _run("--kind", "receipts")
    assert "receipts: receipts_anonymised=3, documents_deleted=3" in output
    for original in old:
        stub = Receipt.objects.get(pk=original.pk)
        assert (stub.year, stub.number, stub.received_at, stub.kind, stub.office_id, stub.benefit) == (
            original.year, original.number, original.received_at, original.kind, original.office_id, original.benefit,
        )
        assert (stub.applicant_name, stub.items, stub.remarks, stub.informal_application, stub.visit_id) == ("", [], "", None, None)
        assert stub.anonymised_at == NOW
        assert stub.content_digest == original.content_digest
        assert not ReceiptDocument.objects.filter(receipt=original).exists()
        entry = LogEntry.objects.get_for_object(stub).filter(action=LogEntry.Action.UPDATE, additional_data__reason="retention").get()
        assert "Canary" not in json.dumps(entry.changes)
    assert Receipt.objects.get(pk=recent.pk).applicant_name == "Canary Antragsteller"
    assert ReceiptDocument.objects.filter(receipt=recent).exists()


def test_numbering_stays_gapless_after_anonymisation(advisor):
    _issue_receipts(advisor, 3, OLD)
    _run("--kind", "receipts")
    with time_machine.travel(datetime.datetime(2022, 3, 11, 10, 0, tzinfo=datetime.UTC), tick=False):
        later = factories.receipt(actor=advisor)
    assert list(Receipt.objects.filter(year=2022).order_by("number").values_list("number", flat=True)) == [1, 2, 3, 4]
    assert later.number == 4


def _refused(sql, params):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_database_still_refuses_every_other_change_of_a_receipt(advisor):
    receipt = _issue_receipts(advisor, 1, OLD)[0]
    now = timezone.now()
    # Blanking without marking it as anonymised, or changing anything of the stub at the same time:
    _refused("UPDATE openarea_receipt SET applicant_name = '' WHERE id = %s", [receipt.pk])
    _refused(
        "UPDATE openarea_receipt SET applicant_name = '', items = '[]', remarks = '', informal_application = NULL,"
        " cancel_reason = '', visit_id = NULL, anonymised_at = %s, number = 99 WHERE id = %s",
        [now, receipt.pk],
    )
    _refused(
        "UPDATE openarea_receipt SET applicant_name = 'Someone else', items = '[]', remarks = '',"
        " informal_application = NULL, cancel_reason = '', visit_id = NULL, anonymised_at = %s WHERE id = %s",
        [now, receipt.pk],
    )
    # The stored PDF of a receipt that still names the applicant, and the receipt itself:
    _refused("DELETE FROM openarea_receiptdocument WHERE receipt_id = %s", [receipt.pk])
    _refused("DELETE FROM openarea_receipt WHERE id = %s", [receipt.pk])
    _run("--kind", "receipts")
    # Once anonymised: no second change, no deletion of the stub.
    _refused("UPDATE openarea_receipt SET anonymised_at = %s WHERE id = %s", [now, receipt.pk])
    _refused("UPDATE openarea_receipt SET benefit = 'wohngeld' WHERE id = %s", [receipt.pk])
    _refused("DELETE FROM openarea_receipt WHERE id = %s", [receipt.pk])
    assert Receipt.objects.get(pk=receipt.pk).number == receipt.number


def test_yellow_cards_lose_their_contact_details_after_a_year():
    with time_machine.travel(datetime.datetime(2025, 11, 1, tzinfo=datetime.UTC), tick=False):
        old = factories.YellowCardFactory(contact_name="Canary", contact_phone="0711 1", contact_email="c@example.org")
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), tick=False):
        recent = factories.YellowCardFactory(contact_name="Canary Neu")
    output = _run("--kind", "yellow_card_contacts")
    old.refresh_from_db()
    assert (old.contact_name, old.contact_phone, old.contact_email) == ("", "", "")
    assert old.text == "Die Wartezeit war zu lang."
    assert YellowCard.objects.get(pk=recent.pk).contact_name == "Canary Neu"
    assert "cards_cleared=1" in output
    assert LogEntry.objects.get_for_object(old).filter(action=LogEntry.Action.UPDATE).exists()


def test_audit_log_entries_older_than_the_log_period_are_deleted(settings):
    settings.INFOPOINT_LOG_RETENTION_DAYS = 365
    with connection.cursor() as cursor:  # the database function's own copy (migrate writes it)
        cursor.execute("UPDATE infopoint_retention_period SET value = 365 WHERE name = 'audit_log_days'")
    with time_machine.travel(datetime.datetime(2025, 11, 1, tzinfo=datetime.UTC), tick=False):
        old = factories.VisitorFactory(consent_scope="case_history")
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), tick=False):
        recent = factories.VisitorFactory(consent_scope="case_history")
    output = _run("--kind", "audit_log")
    assert not LogEntry.objects.get_for_object(old).exists()
    assert LogEntry.objects.get_for_object(recent).exists()
    assert "audit_log: entries_deleted=1" in output


def test_day_only_consent_is_still_honoured():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        visitor = factories.VisitFactory(arrived_at=timezone.now()).visitor
    output = _run("--kind", "day_only")
    assert Visitor.objects.get(pk=visitor.pk).name == ""
    assert "day_only: visitors_erased=1" in output


def test_expired_sessions_are_deleted(advisor_client):
    from django.contrib.sessions.models import Session

    Session.objects.update(expire_date=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC))
    output = _run("--kind", "sessions")
    assert not Session.objects.exists()
    assert "sessions_deleted=" in output


def test_every_kind_writes_a_security_log_line_with_counts_only(advisor, caplog):
    _old_case(advisor)
    with caplog.at_level(logging.INFO, logger="infopoint.security"):
        _run()
    records = [record for record in caplog.records if getattr(record, "event", "") == "retention_applied"]
    assert {record.kind for record in records} == {"day_only", "case_data", "receipts", "yellow_card_contacts", "audit_log", "sessions"}
    assert next(record for record in records if record.kind == "case_data").visitors_deleted == 1
    assert not any("Canary" in str(vars(record)) for record in caplog.records)


def test_a_failing_kind_does_not_stop_the_others(advisor, monkeypatch):
    from infopoint import retention

    _issue_receipts(advisor, 1, OLD)

    def broken(dry_run, now):
        raise RuntimeError("Canary in the message")

    monkeypatch.setitem(retention.KINDS, "case_data", broken)
    with pytest.raises(Exception, match="case_data"):
        _run()
    assert Receipt.objects.get().anonymised_at is not None


def test_the_corrections_check_leaves_months_past_the_retention_period_alone(advisor):
    _old_case(advisor)
    _run()
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("stats_check_corrections", stdout=out)
    assert not MonthlyFigure.objects.filter(corrected_value__isnull=False).exists()
    assert "skipped: their case data is past the retention period" in out.getvalue()
