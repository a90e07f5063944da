"""No unlogged bulk writes on audited models (issue 10): refused outside ``audited_bulk``, logged inside."""

import datetime
import logging

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from infopoint.lib.audited_bulk import AuditedQuerySet, UnauditedBulkWriteError, audited_bulk, bulk_without_audit
from infopoint.models import ClosedDay, OpeningPeriod, StaffProfile
from intake.models import CaseNote, Event, FollowUp, Visit, Visitor
from openarea.models import (
    Forwarding,
    KioskDevice,
    OnlineApplicationDomain,
    PrintableForm,
    Receipt,
    ReceiptDocument,
    YellowCard,
)
from openarea.models.feedback import YellowCardStatusChange
from openarea.models.receipts import ImmutableRecordError
from referrals.models import InfopointAppointment, Referral, ReferralOutcome
from screening.models import LocalValue, ScreeningRun
from stats.models import ClosedMonth
from tests import factories

pytestmark = pytest.mark.django_db

HOUSEHOLD = {"as_of": "2026-03-01", "members": [{"relation": "self", "age": 40}], "housing": {"rent_cold": "500"}}
NOW = timezone.now()

# One change per audited model, on a field its registration records. A newly registered model
# must be added here (test_every_audited_model_has_a_change_in_this_table).
CHANGES = {
    StaffProfile: ("organisation", "sozialamt"),
    User: ("first_name", "Canary Neu"),
    OpeningPeriod: ("closes", datetime.time(23, 30)),
    ClosedDay: ("reason", "Betriebsausflug"),
    Visitor: ("name", "Canary Neu"),
    CaseNote: ("text", "Canary neuer Text"),
    FollowUp: ("task", "Canary neue Aufgabe"),
    Visit: ("arrived_at", NOW - datetime.timedelta(hours=1)),
    Event: ("place", "Rathaus"),
    ScreeningRun: ("rules_version", "bulk-test"),
    Referral: ("reason", "Canary neuer Grund"),
    ReferralOutcome: ("recorded_at", NOW - datetime.timedelta(hours=2)),
    InfopointAppointment: ("starts_at", NOW + datetime.timedelta(days=9)),
    PrintableForm: ("title_de", "Neuer Titel"),
    YellowCard: ("text", "Canary neue Karte"),
    YellowCardStatusChange: ("changed_at", NOW - datetime.timedelta(hours=3)),
    KioskDevice: ("name", "Kiosk am Fenster"),
    Receipt: ("applicant_name", "Canary Fälschung"),
    ReceiptDocument: ("sha256", "0" * 64),
    Forwarding: ("forwarded_on", datetime.date(2026, 1, 5)),
    ClosedMonth: ("corrections_checked_at", NOW),
    LocalValue: ("source_document", "GRDrs 2/2027 (Testwert)"),
    OnlineApplicationDomain: ("owner", "Bundesagentur für Arbeit (neu)"),
}
IMMUTABLE = {Receipt, ReceiptDocument}
MASKED = {(Visitor, "name"), (CaseNote, "text"), (FollowUp, "task"), (Referral, "reason"), (Receipt, "applicant_name")}


@pytest.fixture
def one_of_each(advisor):
    """One saved row of every audited model."""
    from screening.services import screening_run_create

    visitor = factories.VisitorFactory(name="Canary Bulk", consent_scope="case_history")
    visit = factories.VisitFactory(visitor=visitor, advisor=advisor)
    referral = factories.ReferralFactory(visitor=visitor, visit=visit, created_by=advisor, reason="Canary Grund")
    receipt = factories.receipt(actor=advisor)
    card = factories.YellowCardFactory()
    rows = {
        StaffProfile: advisor.staff_profile,
        User: advisor,
        OpeningPeriod: OpeningPeriod.objects.create(weekday=6, opens=datetime.time(10), closes=datetime.time(11)),
        ClosedDay: ClosedDay.objects.create(day=datetime.date(2030, 6, 3), reason="Teamtag"),
        Visitor: visitor,
        CaseNote: CaseNote.objects.create(visitor=visitor, author=advisor, text="Canary Notiz"),
        FollowUp: FollowUp.objects.create(visitor=visitor, task="Canary Aufgabe", due_on=timezone.localdate(), assigned_to=advisor),
        Visit: visit,
        Event: Event.objects.create(kind=Event._meta.get_field("kind").choices[0][0], date=timezone.localdate(), place="Markt", attendees=5, created_by=advisor),
        ScreeningRun: screening_run_create(household=HOUSEHOLD, actor=advisor, visit=visit),
        Referral: referral,
        ReferralOutcome: ReferralOutcome.objects.create(referral=referral, answer="applied", source="next_visit", recorded_by=advisor),
        InfopointAppointment: factories.InfopointAppointmentFactory(visitor=visitor, advisor=advisor, starts_at=NOW + datetime.timedelta(days=3)),
        PrintableForm: factories.PrintableFormFactory(),
        YellowCard: card,
        YellowCardStatusChange: YellowCardStatusChange.objects.create(card=card, to_status="in_progress", changed_by=advisor),
        KioskDevice: factories.KioskDeviceFactory(),
        Receipt: receipt,
        ReceiptDocument: receipt.stored_document or ReceiptDocument.objects.create(receipt=receipt, pdf=b"%PDF-1.4", sha256="f" * 64),
        Forwarding: Forwarding.objects.create(receipt=receipt, forwarded_on=timezone.localdate(), way="internal_mail", forwarded_by=advisor),
        ClosedMonth: ClosedMonth.objects.create(month=datetime.date(2020, 1, 1)),
        LocalValue: LocalValue.objects.create(
            parameter="local.stuttgart.mietenstufe", valid_from=datetime.date(2027, 1, 1), value=6,
            source_document="GRDrs 1/2027 (Testwert)", entered_by=advisor,
        ),
        OnlineApplicationDomain: OnlineApplicationDomain.objects.get_or_create(domain="arbeitsagentur.de", defaults={"owner": "BA"})[0],
    }  # fmt: skip
    return rows


def _updates(model, obj):
    return LogEntry.objects.get_for_object(obj).filter(action=LogEntry.Action.UPDATE)


def _ids(model):
    return model.__name__


AUDITED_MODELS = auditlog.get_models()


def test_every_audited_model_has_a_change_in_this_table():
    assert set(AUDITED_MODELS) == set(CHANGES)


@pytest.mark.parametrize("model", AUDITED_MODELS, ids=_ids)
def test_bulk_writes_outside_the_context_are_refused_and_write_nothing(model, one_of_each):
    field, value = CHANGES[model]
    obj = one_of_each[model]
    before = getattr(model.objects.get(pk=obj.pk), field)
    assert isinstance(model._default_manager.all(), AuditedQuerySet)
    refused = (UnauditedBulkWriteError, ImmutableRecordError)
    with pytest.raises(refused), transaction.atomic():
        model._default_manager.filter(pk=obj.pk).update(**{field: value})
    setattr(obj, field, value)
    with pytest.raises(refused), transaction.atomic():
        model._default_manager.bulk_update([obj], [field])
    with pytest.raises(UnauditedBulkWriteError), transaction.atomic():
        model._default_manager.bulk_create([])
    assert getattr(model.objects.get(pk=obj.pk), field) == before


@pytest.mark.parametrize("model", AUDITED_MODELS, ids=_ids)
def test_bulk_updates_inside_the_context_write_one_entry_per_row(model, one_of_each):
    field, value = CHANGES[model]
    obj = one_of_each[model]
    entries_before = _updates(model, obj).count()
    with audited_bulk("test: bulk update"):
        if model in IMMUTABLE:
            with pytest.raises(ImmutableRecordError):
                model.objects.filter(pk=obj.pk).update(**{field: value})
            return
        assert model.objects.filter(pk=obj.pk).update(**{field: value}) == 1
    assert getattr(model.objects.get(pk=obj.pk), field) == value
    entry = _updates(model, obj).order_by("pk").last()
    assert _updates(model, obj).count() == entries_before + 1
    assert field in entry.changes_dict or f"{field}_id" in entry.changes_dict
    assert entry.additional_data == {"bulk_reason": "test: bulk update"}
    if (model, field) in MASKED:
        assert "Canary" not in str(entry.changes_dict[field])


@pytest.mark.parametrize("model", [model for model in AUDITED_MODELS if model not in IMMUTABLE], ids=_ids)
def test_bulk_update_of_objects_inside_the_context_writes_one_entry_per_row(model, one_of_each):
    field, value = CHANGES[model]
    obj = model.objects.get(pk=one_of_each[model].pk)
    entries_before = _updates(model, obj).count()
    setattr(obj, field, value)
    with audited_bulk("test: bulk_update"):
        model.objects.bulk_update([obj], [field])
    assert getattr(model.objects.get(pk=obj.pk), field) == value
    assert _updates(model, obj).count() == entries_before + 1
    assert field in _updates(model, obj).order_by("pk").last().changes_dict


def test_a_bulk_create_inside_the_context_logs_every_row_masked(advisor):
    visitor = factories.VisitorFactory()
    notes = [CaseNote(visitor=visitor, author=advisor, text=f"Canary Geheim {number}") for number in range(3)]
    with audited_bulk("test: import"):
        created = CaseNote.objects.bulk_create(notes)
    for note in created:
        [entry] = LogEntry.objects.get_for_object(note)
        assert entry.action == LogEntry.Action.CREATE
        assert entry.changes_dict["text"][1] == "***"
        assert entry.additional_data == {"bulk_reason": "test: import"}


def test_an_update_logs_rows_that_leave_the_filter_too(advisor):
    """The rows are found again by key: an update that moves them out of the filter still logs each one."""
    visitor = factories.VisitorFactory()
    follow_ups = [FollowUp.objects.create(visitor=visitor, task="Canary", due_on=datetime.date(2026, 1, 1), assigned_to=advisor) for _ in range(2)]
    with audited_bulk("test: postpone"):
        assert FollowUp.objects.filter(due_on=datetime.date(2026, 1, 1)).update(due_on=datetime.date(2026, 2, 1)) == 2
    for follow_up in follow_ups:
        assert _updates(FollowUp, follow_up).get().changes_dict["due_on"] == ["2026-01-01", "2026-02-01"]


def test_related_managers_are_guarded_too(advisor):
    visitor = factories.VisitorFactory()
    factories.VisitFactory(visitor=visitor)
    with pytest.raises(UnauditedBulkWriteError):
        visitor.visits.update(language="tr")
    with pytest.raises(UnauditedBulkWriteError):
        User.objects.filter(pk=advisor.pk).update(is_active=False)
    assert User.objects.get(pk=advisor.pk).is_active


def test_updating_only_fields_the_log_excludes_needs_no_context(kiosk_device):
    """A kiosk's heartbeat is no personal data and is not logged; the middleware updates it in bulk."""
    assert KioskDevice.objects.filter(pk=kiosk_device.pk).update(last_seen_at=NOW) == 1
    assert not _updates(KioskDevice, kiosk_device).exists()
    with pytest.raises(UnauditedBulkWriteError):
        KioskDevice.objects.filter(pk=kiosk_device.pk).update(last_seen_at=NOW, name="Kiosk X")


def test_a_bulk_create_that_skips_conflicts_cannot_be_audited():
    with audited_bulk("test"), pytest.raises(UnauditedBulkWriteError, match="row by row"):
        Visitor.objects.bulk_create([Visitor(code="ABC123")], ignore_conflicts=True)


def test_a_reason_is_required():
    with pytest.raises(ValueError), audited_bulk("  "):
        pass


def test_the_permission_ends_with_the_context(advisor):
    visitor = factories.VisitorFactory()
    with audited_bulk("test"):
        Visitor.objects.filter(pk=visitor.pk).update(description="eins")
    with pytest.raises(UnauditedBulkWriteError):
        Visitor.objects.filter(pk=visitor.pk).update(description="zwei")


def test_bulk_without_audit_writes_no_entries_but_a_security_log_line_without_data(caplog):
    caplog.set_level(logging.INFO, logger="infopoint.security")
    with bulk_without_audit("demo data"):
        [visitor] = Visitor.objects.bulk_create([Visitor(code="DEMO01", name="Canary Erfunden")])
    assert not LogEntry.objects.get_for_object(visitor).exists()
    [record] = [record for record in caplog.records if getattr(record, "event", "") == "bulk_without_audit"]
    assert (record.model, record.operation, record.rows, record.reason) == ("intake.Visitor", "bulk_create", 1, "demo data")
    assert "Canary" not in caplog.text


def test_a_queryset_delete_writes_one_delete_entry_per_row(advisor):
    visitor = factories.VisitorFactory()
    notes = [CaseNote.objects.create(visitor=visitor, author=advisor, text="Canary") for _ in range(3)]
    assert CaseNote.objects.filter(visitor=visitor).delete()[0] == 3
    for note in notes:
        assert LogEntry.objects.filter(
            content_type__model="casenote", object_pk=str(note.pk), action=LogEntry.Action.DELETE
        ).count() == 1


def test_blanking_a_key_on_delete_is_logged_for_every_row(advisor):
    """on_delete=SET_NULL is a bulk UPDATE inside Django; each blanked row still gets its entry."""
    office = factories.OfficeFactory()
    office_pk = office.pk
    forms = [factories.PrintableFormFactory(office=office) for _ in range(2)]
    office.delete()
    for form in forms:
        [entry] = _updates(PrintableForm, form)
        assert entry.changes_dict["office"] == [str(office_pk), "None"]
        assert entry.additional_data == {"bulk_reason": "referrals.Office deleted"}
        form.refresh_from_db()
        assert form.office_id is None


def test_erasure_logs_that_receipts_no_longer_lead_to_the_contact(advisor, teamlead):
    from intake.services import visitor_erase

    visit = factories.VisitFactory(advisor=advisor)
    receipt = factories.receipt(actor=advisor, visit=visit)
    # The nightly purge of day-only consent keeps the receipt whole but unlinks it.
    visitor_erase(visitor=visit.visitor, actor=teamlead, anonymise_receipts=False)
    assert Receipt.objects.get(pk=receipt.pk).visit_id is None
    [entry] = _updates(Receipt, receipt)
    assert entry.changes_dict == {"visit": [str(visit.pk), "None"]}
    assert entry.additional_data == {"bulk_reason": "erasure of the visitor"}


@pytest.mark.db_owner  # issue 21: only the owner may switch a table's triggers off
@pytest.mark.parametrize("model", AUDITED_MODELS, ids=_ids)
def test_bulk_creates_inside_the_context_write_one_create_entry_per_row(model, one_of_each):
    """The row is taken out below the ORM (the table's triggers off for that statement only, key
    checks deferred as Django declares them) and put back with bulk_create: the entry must say
    created, with the registration's masking."""
    obj = model.objects.get(pk=one_of_each[model].pk)
    with connection.cursor() as cursor:
        table, key = model._meta.db_table, model._meta.pk.column  # names from the model, not from input
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [table])
        if cursor.fetchone()[0]:
            # Pending key checks block ALTER TABLE; the switch is undone with the test's rollback.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(f'DELETE FROM "{table}" WHERE "{key}" = %s', [obj.pk])  # noqa: S608
    created_before = LogEntry.objects.get_for_object(obj).filter(action=LogEntry.Action.CREATE).count()
    with audited_bulk("test: bulk_create"):
        [again] = model.objects.bulk_create([obj])
    created = LogEntry.objects.get_for_object(again).filter(action=LogEntry.Action.CREATE)
    assert created.count() == created_before + 1
    entry = created.order_by("pk").last()
    assert entry.additional_data == {"bulk_reason": "test: bulk_create"}
    for masked_model, field in MASKED:
        if masked_model is model:
            assert entry.changes_dict[field][1] == "***"
