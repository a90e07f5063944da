"""Data-subject access (Art. 15 GDPR): everything about one visitor as JSON and as a PDF."""

import json
import subprocess

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from intake.models import CaseNote, FollowUp, Visit, Visitor
from intake.subject_access import TECHNICAL_FIELDS
from openarea.models import Forwarding, Receipt
from openarea.receipts.services import receipt_document_store
from referrals.models import InfopointAppointment, Referral, ReferralEvent, ReferralOutcome, ReferralStatusChange
from screening.models import ScreeningRun
from tests import factories

pytestmark = pytest.mark.django_db

HOUSEHOLD = {"as_of": "2026-03-01", "members": [{"relation": "self", "age": 40}], "housing": {"rent_cold": "512"}}


@pytest.fixture
def full_case(advisor):
    """A visitor with one record of every kind that can be stored about a person."""
    from screening.services import screening_run_create

    visitor = factories.VisitorFactory(name="Canary Vollständig", contact="0711 99999", consent_scope="case_history")
    visit = factories.VisitFactory(visitor=visitor, advisor=advisor, concerns=["sgb2"])
    CaseNote.objects.create(visitor=visitor, author=advisor, text="Canary Notiz")
    FollowUp.objects.create(visitor=visitor, task="Canary Aufgabe", due_on=timezone.localdate(), assigned_to=advisor)
    referral = factories.ReferralFactory(visitor=visitor, visit=visit, created_by=advisor, reason="Canary Grund")
    ReferralStatusChange.objects.create(referral=referral, from_status="planned", to_status="applied", changed_by=advisor)
    ReferralEvent.objects.create(referral=referral, kind=ReferralEvent._meta.get_field("kind").choices[0][0], done_by=advisor)
    ReferralOutcome.objects.create(referral=referral, answer="applied", source="next_visit", recorded_by=advisor)
    factories.InfopointAppointmentFactory(visitor=visitor, advisor=advisor)
    screening_run_create(household=HOUSEHOLD, actor=advisor, visit=visit)
    receipt = factories.receipt(actor=advisor, visit=visit, applicant_name="Canary Antrag", remarks="Canary Bemerkung")
    receipt_document_store(receipt=receipt, pdf=b"%PDF-1.4 test")
    Forwarding.objects.create(receipt=receipt, forwarded_on=timezone.localdate(), way="internal_mail", forwarded_by=advisor)
    return visitor


def _export(client, visitor):
    response = client.get(reverse("intake:visitor-export-json", kwargs={"code": visitor.code}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


def test_the_json_export_holds_every_record_of_the_visitor(admin_client_, full_case):
    data = _export(admin_client_, full_case)
    assert data["visitor"]["name"] == "Canary Vollständig"
    assert data["visitor"]["contact"] == "0711 99999"
    assert data["visitor"]["consent_scope"] == "case_history"
    contact = data["contacts"][0]
    assert contact["concerns"] == ["sgb2"]
    assert contact["screening_runs"][0]["input_data"]["housing"]["rent_cold"] == "512"
    assert contact["screening_runs"][0]["result"]
    receipt = contact["receipts"][0]
    assert (receipt["applicant_name"], receipt["remarks"], receipt["stored_pdf"]) == ("Canary Antrag", "Canary Bemerkung", True)
    assert receipt["forwarding"]["way"] == "internal_mail"
    assert data["notes"][0]["text"] == "Canary Notiz"
    assert data["follow_ups"][0]["task"] == "Canary Aufgabe"
    referral = data["referrals"][0]
    assert referral["reason"] == "Canary Grund"
    assert [change["to_status"] for change in referral["status_changes"]] == ["applied"]
    assert len(referral["events"]) == 1
    assert referral["outcomes"][0]["answer"] == "applied"
    assert len(data["appointments"]) == 1


def test_the_export_contains_every_field_of_every_model_that_refers_to_a_person(admin_client_, full_case):
    data = _export(admin_client_, full_case)
    records = {
        Visitor: [data["visitor"]],
        Visit: data["contacts"],
        ScreeningRun: data["contacts"][0]["screening_runs"],
        Receipt: data["contacts"][0]["receipts"],
        Forwarding: [data["contacts"][0]["receipts"][0]["forwarding"]],
        CaseNote: data["notes"],
        FollowUp: data["follow_ups"],
        Referral: data["referrals"],
        ReferralStatusChange: data["referrals"][0]["status_changes"],
        ReferralEvent: data["referrals"][0]["events"],
        ReferralOutcome: data["referrals"][0]["outcomes"],
        InfopointAppointment: data["appointments"],
    }
    for model, exported in records.items():
        expected = {field.name for field in model._meta.concrete_fields} - TECHNICAL_FIELDS
        assert exported, model.__name__
        missing = expected - set(exported[0])
        assert not missing, f"{model.__name__} fields missing from the access export: {missing}"
    # A new model that points at a person's records must be added to the export.
    person_models = {Visitor, Visit, Referral, Receipt}
    pointing = {
        model
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in person_models and model.__module__.split(".")[0] in {"intake", "referrals", "screening", "openarea"}
    }
    from openarea.models import ReceiptDocument

    assert pointing - set(records) - {ReceiptDocument} == set(), "models not covered by the access export"


def test_the_export_lists_who_wrote_and_read_the_data(admin_client_, advisor_client, full_case, administrator):
    advisor_client.get(reverse("intake:visitor-detail", kwargs={"code": full_case.code}))
    data = _export(admin_client_, full_case)
    purposes = [entry["purpose"] for entry in data["audit_log"]]
    assert "visitor-detail" in purposes
    assert "subject-access-json" in purposes  # the export itself is a read
    assert any(entry["record_kind"] == "intake.casenote" for entry in data["audit_log"])
    assert "Canary" not in json.dumps(data["audit_log"])  # the log holds no names (masked)


def test_the_export_is_logged_as_a_read(admin_client_, full_case, administrator):
    _export(admin_client_, full_case)
    read = LogEntry.objects.get_for_object(full_case).filter(action=LogEntry.Action.ACCESS).get()
    assert read.actor == administrator
    assert read.additional_data == {"purpose": "subject-access-json"}


def test_the_pdf_export_is_german_with_headings(admin_client_, full_case, tmp_path):
    response = admin_client_.get(reverse("intake:visitor-export-pdf", kwargs={"code": full_case.code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf_file = tmp_path / "auskunft.pdf"
    pdf_file.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf_file), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())
    for heading in ("Art. 15 DSGVO", "Kontakte", "Weitervermittlungen", "Protokoll"):
        assert heading in text, heading
    for value in ("Canary Vollständig", "Canary Notiz", "Canary Aufgabe", "Canary Grund", "Canary Antrag"):
        assert value in text, value
    assert LogEntry.objects.get_for_object(full_case).filter(additional_data__purpose="subject-access-pdf").exists()


@pytest.mark.parametrize("name", ["intake:visitor-export-json", "intake:visitor-export-pdf"])
def test_advisors_and_the_team_lead_cannot_export(advisor_client, teamlead_client, full_case, name):
    url = reverse(name, kwargs={"code": full_case.code})
    assert advisor_client.get(url).status_code == 403
    assert teamlead_client.get(url).status_code == 403


def test_the_visitor_page_offers_the_export_to_administration_only(admin_client_, advisor_client, full_case):
    url = reverse("intake:visitor-detail", kwargs={"code": full_case.code})
    export = reverse("intake:visitor-export-pdf", kwargs={"code": full_case.code})
    assert export in admin_client_.get(url).content.decode()
    assert export not in advisor_client.get(url).content.decode()
