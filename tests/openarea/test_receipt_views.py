"""The desk: taking in, the list, detail, cancelling, forwarding, verification."""

import io
import subprocess
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from auditlog.models import LogEntry
from django.urls import reverse

from openarea.models import Forwarding, Receipt
from referrals.models import Benefit
from tests import factories
from tests.query_counts import queries_of

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _form(**overrides):
    data = {
        "applicant_name": "Canary Müller", "benefit": Benefit.SGB2, "office": "", "application_form": "Hauptantrag Bürgergeld",
        "application_pages": "6", "attachment_1": "Mietvertrag", "attachment_1_pages": "4", "channel": "in_person",
        "language": "tr", "token": str(uuid.uuid4()),
    }  # fmt: skip
    data.update(overrides)
    return data


def test_an_advisor_takes_in_an_application_for_a_visitor_and_the_pdf_is_stored(advisor_client):
    office = factories.OfficeFactory(name="Jobcenter Vaihingen", benefits=[Benefit.SGB2], districts=["vaihingen"])
    factories.OfficeFactory(name="Jobcenter Mitte", benefits=[Benefit.SGB2], districts=["mitte"])
    visit = factories.VisitFactory(visitor__district="vaihingen")
    response = advisor_client.post(reverse("openarea:receipt-new"), {**_form(), "visit": visit.pk})
    receipt = Receipt.objects.get()
    assert response.status_code == 302 and response["Location"] == receipt.get_absolute_url()
    assert receipt.office == office  # proposed from benefit and district
    assert receipt.visit == visit
    assert [item["description"] for item in receipt.items] == ["Hauptantrag Bürgergeld", "Mietvertrag"]
    assert receipt.total_pages == 10
    assert receipt.stored_document is not None
    page = advisor_client.get(reverse("intake:visitor-detail", kwargs={"code": visit.visitor.code})).content.decode()
    assert receipt.display_number in page


def test_the_same_form_posted_twice_gives_one_receipt(advisor_client):
    factories.OfficeFactory(benefits=[Benefit.SGB2])
    data = _form()
    first = advisor_client.post(reverse("openarea:receipt-new"), data)
    second = advisor_client.post(reverse("openarea:receipt-new"), data)
    assert Receipt.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_pages_without_a_paper_are_refused_at_the_field(advisor_client):
    factories.OfficeFactory(benefits=[Benefit.SGB2])
    response = advisor_client.post(reverse("openarea:receipt-new"), _form(attachment_1_pages="3", attachment_1=""))
    assert response.status_code == 400
    assert "Bitte nennen Sie das Schriftstück" in response.content.decode()
    response = advisor_client.post(reverse("openarea:receipt-new"), _form(attachment_1_pages="abc"))
    assert response.status_code == 400
    assert Receipt.objects.count() == 0


def test_nothing_handed_in_is_refused(advisor_client):
    factories.OfficeFactory(benefits=[Benefit.SGB2])
    response = advisor_client.post(reverse("openarea:receipt-new"), _form(application_form="", application_pages="", attachment_1="", attachment_1_pages=""))
    assert response.status_code == 400
    assert "mindestens ein abgegebenes Schriftstück" in response.content.decode()


def test_without_a_known_office_the_advisor_is_asked_to_choose_one(advisor_client):
    response = advisor_client.post(reverse("openarea:receipt-new"), _form(benefit=Benefit.BAFOEG))
    assert response.status_code == 400
    assert "Bitte wählen Sie eine aus" in response.content.decode()


def test_an_advisor_of_the_other_organisation_cannot_open_the_receipt(advisor, other_org_advisor):
    from tests.conftest import _logged_in

    receipt = factories.receipt(actor=advisor)
    assert _logged_in(other_org_advisor).get(receipt.get_absolute_url()).status_code == 404


def test_the_detail_page_shows_the_receipt_and_logs_the_read(advisor_client, advisor):
    from auditlog.models import LogEntry

    receipt = factories.receipt(actor=advisor)
    response = advisor_client.get(receipt.get_absolute_url())
    assert response.status_code == 200
    assert "Canary Antragsteller" in response.content.decode()
    assert LogEntry.objects.get_for_object(receipt).filter(action=LogEntry.Action.ACCESS).exists()


def test_cancelling_through_the_page_issues_a_cancelling_receipt(advisor_client, advisor):
    receipt = factories.receipt(actor=advisor)
    response = advisor_client.post(reverse("openarea:receipt-cancel", kwargs={"pk": receipt.pk}), {"reason": "Falscher Name", "token": str(uuid.uuid4())})
    cancellation = Receipt.objects.get(cancels=receipt)
    assert response["Location"] == cancellation.get_absolute_url()
    page = advisor_client.get(receipt.get_absolute_url()).content.decode()
    assert "Storniert durch" in page and cancellation.display_number in page


def test_a_cancellation_without_a_reason_is_refused_at_the_field(advisor_client, advisor):
    receipt = factories.receipt(actor=advisor)
    response = advisor_client.post(reverse("openarea:receipt-cancel", kwargs={"pk": receipt.pk}), {"reason": ""})
    assert response.status_code == 400
    assert Receipt.objects.count() == 1


def test_forwarding_is_recorded_and_a_date_before_arrival_refused(advisor_client, advisor):
    receipt = factories.receipt(actor=advisor)
    url = reverse("openarea:receipt-forward", kwargs={"pk": receipt.pk})
    response = advisor_client.post(url, {"forwarded_on": "2020-01-01", "way": "email"})
    assert response.status_code == 400
    assert "vor ihrem Eingang" in response.content.decode()
    today = receipt.received_at.astimezone(BERLIN).date().isoformat()
    assert advisor_client.post(url, {"forwarded_on": today, "way": "email"}).status_code == 302
    assert Forwarding.objects.get().way == "email"


@pytest.mark.db_owner  # issue 21: back-dated receipts (time_machine) only as the owner
def test_the_desk_list_shows_overdue_receipts_and_prints_a_cover_sheet_per_office(advisor_client, advisor, tmp_path):
    office = factories.OfficeFactory(name="Wohngeldstelle Stuttgart")
    with time_machine.travel(datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN), tick=False):  # a Monday
        old = factories.receipt(actor=advisor, office=office)
    with time_machine.travel(datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN), tick=False):
        page = advisor_client.get(reverse("openarea:receipt-list")).content.decode()
        assert "Überfällig" in page and old.display_number in page
        sheet = advisor_client.get(reverse("openarea:forwarding-sheet", kwargs={"office": office.pk}) + "?day=2026-11-23")
        assert sheet.status_code == 200 and sheet["Content-Type"] == "application/pdf"
        (tmp_path / "sheet.pdf").write_bytes(sheet.content)
        text = subprocess.run(["pdftotext", str(tmp_path / "sheet.pdf"), "-"], capture_output=True, text=True, check=True).stdout
        assert "Weiterleitungsliste" in text and old.display_number in text and "Wohngeldstelle Stuttgart" in text
        response = advisor_client.post(
            reverse("openarea:forwarding-record", kwargs={"office": office.pk}), {"day": "2026-11-23", "forwarded_on": "2026-11-25", "way": "internal_mail"}
        )
        assert response.status_code == 302
        assert old.display_number not in advisor_client.get(reverse("openarea:receipt-list")).content.decode().split("day-heading")[0]
    assert Forwarding.objects.get().receipt == old


def _overdue_receipts(advisor, count):
    with time_machine.travel(datetime(2026, 11, 2, 9, 0, tzinfo=BERLIN), tick=False):
        return [factories.receipt(actor=advisor, applicant_name=f"Canary Rückstand {index}") for index in range(count)]


@pytest.mark.db_owner  # issue 21: back-dated receipts (time_machine) only as the owner
def test_the_desk_list_shows_the_oldest_50_overdue_receipts_with_the_total_and_all_on_asking(advisor_client, advisor):
    receipts = _overdue_receipts(advisor, 52)
    url = reverse("openarea:receipt-list")
    page = advisor_client.get(url).content.decode()
    assert "Die ältesten 50 von 52 überfälligen Eingangsbestätigungen werden angezeigt." in page
    assert receipts[49].display_number in page and receipts[50].display_number not in page
    everything = advisor_client.get(url + "?overdue=all").content.decode()
    assert receipts[51].display_number in everything and "Die ältesten" not in everything
    shown = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__purpose="receipt-list")
    assert shown.count() == 50 + 52


@pytest.mark.db_owner  # issue 21: back-dated receipts (time_machine) only as the owner
def test_the_desk_list_needs_as_many_queries_for_2_as_for_60_overdue_receipts(advisor_client, advisor):
    _overdue_receipts(advisor, 2)
    few = queries_of(advisor_client, reverse("openarea:receipt-list"))
    _overdue_receipts(advisor, 58)
    many = queries_of(advisor_client, reverse("openarea:receipt-list"))
    # Session, user with roles, the day's receipts, the oldest overdue ones, their count, one
    # audit INSERT for all shown receipts.
    assert len(many) == len(few) + 1 <= 7


def test_verification_says_genuine_and_compares_an_uploaded_pdf(advisor_client, teamlead_client, advisor):
    receipt = factories.receipt(actor=advisor)
    original = advisor_client.get(reverse("openarea:receipt-pdf", kwargs={"pk": receipt.pk})).content
    url = reverse("receipt-verify", kwargs={"code": receipt.verification_code})
    page = teamlead_client.get(url).content.decode()
    assert "Echt und unverändert" in page
    assert "Canary Antragsteller" not in page  # the check shows no name
    same = teamlead_client.post(url, {"pdf": io.BytesIO(original)}, format="multipart")
    assert "identisch" in same.content.decode()
    forged = io.BytesIO(original.replace(b"2026", b"2025", 1) + b" ")
    forged.name = "forged.pdf"
    assert "weicht vom Original ab" in teamlead_client.post(url, {"pdf": forged}).content.decode()


def test_an_unknown_verification_code_is_not_found(teamlead_client):
    assert teamlead_client.get(reverse("receipt-verify", kwargs={"code": "nonexistent"})).status_code == 404
