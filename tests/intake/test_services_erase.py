import pytest

from intake.services import visitor_erase
from openarea.models import Receipt
from tests import factories

pytestmark = pytest.mark.django_db


def test_erasure_keeps_the_receipt_but_unlinks_it_from_the_person(advisor):
    visit = factories.VisitFactory(visitor=factories.VisitorFactory(name="Canary Erased"))
    receipt = factories.receipt(actor=advisor, visit=visit)
    visitor_erase(visitor=visit.visitor, actor=advisor)
    kept = Receipt.objects.get(pk=receipt.pk)
    assert kept.visit_id is None
    assert (kept.year, kept.number) == (receipt.year, receipt.number)
    assert kept.content_digest == receipt.content_digest  # nothing the receipt says has changed


def test_erasure_leaves_other_visitors_receipts_linked(advisor):
    other = factories.receipt(actor=advisor, visit=factories.VisitFactory())
    visitor_erase(visitor=factories.VisitFactory().visitor, actor=advisor)
    assert Receipt.objects.get(pk=other.pk).visit_id is not None


def test_erasure_on_request_leaves_only_anonymous_counts_and_receipt_stubs(advisor, administrator):
    import json

    from auditlog.models import LogEntry
    from django.utils import timezone

    from intake.models import CaseNote, FollowUp, Visit
    from intake.subject_access import subject_access_json
    from openarea.models import ReceiptDocument
    from openarea.receipts.services import receipt_document_store
    from referrals.models import InfopointAppointment, Referral
    from screening.services import screening_run_create

    visitor = factories.VisitorFactory(name="Canary Weg", contact="canary@example.org", consent_scope="case_history")
    visit = factories.VisitFactory(visitor=visitor, advisor=advisor)
    CaseNote.objects.create(visitor=visitor, author=advisor, text="Canary note")
    FollowUp.objects.create(visitor=visitor, task="Canary task", due_on=timezone.localdate(), assigned_to=advisor)
    factories.ReferralFactory(visitor=visitor, visit=visit, created_by=advisor, reason="Canary reason", appointment_contact="Canary Kontakt")
    factories.InfopointAppointmentFactory(visitor=visitor, advisor=advisor)
    household = {"as_of": "2026-03-01", "members": [{"relation": "self", "age": 40}], "housing": {"rent_cold": "500"}}
    run = screening_run_create(household=household, actor=advisor, visit=visit)
    receipt = factories.receipt(actor=advisor, visit=visit, applicant_name="Canary Antrag")
    receipt_document_store(receipt=receipt, pdf=b"%PDF-1.4 Canary")
    old_code = visitor.code

    from auditlog.context import set_actor

    with set_actor(administrator):  # as the erase view does through auditlog's middleware
        visitor_erase(visitor=visitor, actor=administrator)

    visitor.refresh_from_db()
    assert visitor.code != old_code
    assert not CaseNote.objects.exists() and not FollowUp.objects.exists()
    assert not InfopointAppointment.objects.exists()
    assert Visit.objects.filter(visitor=visitor).count() == 1  # anonymous count for the statistics
    referral = Referral.objects.get()
    assert (referral.reason, referral.appointment_contact, referral.benefit) == ("", "", "sgb2")
    assert run.__class__.objects.get(pk=run.pk).input_data == {"erased": True}
    # Issue 21: a receipt younger than its retention period is the office's proof of the
    # application (Art. 17(3)(b) GDPR, § 16 SGB I): the database refuses to blank it, so it stays
    # whole, but nothing leads from it to the erased person any more. The nightly retention
    # blanks it once its period is over (tests/infopoint/test_retention.py).
    kept = Receipt.objects.get(pk=receipt.pk)
    assert (kept.year, kept.number, kept.visit_id, kept.anonymised_at) == (receipt.year, receipt.number, None, None)
    assert ReceiptDocument.objects.filter(receipt=kept).exists()
    # Nothing that names the person is left anywhere: records, export, audit trail.
    assert "Canary" not in json.dumps(subject_access_json(visitor), default=str)
    for entry in LogEntry.objects.all():
        assert "Canary" not in f"{entry.object_repr} {entry.changes} {entry.serialized_data} {entry.additional_data}"
    # The erasure itself stays in the audit trail, with who did it.
    assert LogEntry.objects.get_for_object(visitor).filter(action=LogEntry.Action.UPDATE, actor=administrator).exists()


def test_the_nightly_day_only_purge_keeps_the_receipt_for_its_own_period(advisor):
    visit = factories.VisitFactory(visitor=factories.VisitorFactory(name="Canary Heute"))
    receipt = factories.receipt(actor=advisor, visit=visit, applicant_name="Canary Antrag")
    visitor_erase(visitor=visit.visitor, actor=None, anonymise_receipts=False)
    kept = Receipt.objects.get(pk=receipt.pk)
    assert (kept.applicant_name, kept.visit_id, kept.anonymised_at) == ("Canary Antrag", None, None)
