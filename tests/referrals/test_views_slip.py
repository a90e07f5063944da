import subprocess
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import Benefit
from tests.factories import OfficeFactory, ReferralFactory, VisitorFactory

pytestmark = pytest.mark.django_db

BERLIN = timezone.get_default_timezone()


@pytest.fixture
def referral(advisor):
    office = OfficeFactory(name="Jobcenter Stuttgart", street="Rosenbergstraße 40", postcode="70176", transit_stop="U14 Rosenberg-/Seidenstraße")
    visitor = VisitorFactory(name="Ayşe Demir", birth_year=1979, contact="0176 5550123", district="bad-cannstatt")
    return ReferralFactory(
        visitor=visitor,
        office=office,
        benefit=Benefit.SGB2,
        created_by=advisor,
        appointment_at=datetime(2026, 12, 3, 9, 30, tzinfo=BERLIN),
        appointment_contact="Frau Keller, Zimmer 112",
        shared_fields=["name", "birth_year"],
        consent_on=timezone.localdate(),
        status="appointment_made",
    )


def _pdf_text(response, tmp_path) -> str:
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    pdf = tmp_path / "slip.pdf"
    pdf.write_bytes(response.content)
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(("language", "expected"), [("tr", "Randevu kâğıdınız"), ("ar", "أين ومتى")])
def test_the_slip_is_german_and_the_visitors_language(advisor_client, referral, tmp_path, language, expected):
    text = _pdf_text(advisor_client.get(reverse("referrals:referral-slip", kwargs={"pk": referral.pk}) + f"?lang={language}"), tmp_path)
    assert "Ihr Terminzettel" in text and expected in text
    assert "Rosenbergstraße 40" in text and "U14 Rosenberg-/Seidenstraße" in text
    assert "09:30" in text and "Frau Keller, Zimmer 112" in text
    assert "Hinweis für die aufnehmende Stelle" in text


def test_the_note_for_the_office_carries_only_what_the_visitor_agreed_to(advisor_client, referral, tmp_path):
    text = _pdf_text(advisor_client.get(reverse("referrals:referral-slip", kwargs={"pk": referral.pk})), tmp_path)
    assert "Ayşe Demir" in text and "1979" in text
    assert "0176 5550123" not in text  # the call-back contact was not agreed to
    assert "Bad Cannstatt" not in text


def test_without_a_consent_date_nothing_personal_is_handed_over(advisor_client, referral, tmp_path):
    referral.consent_on = None
    referral.save()
    text = _pdf_text(advisor_client.get(reverse("referrals:referral-slip", kwargs={"pk": referral.pk})), tmp_path)
    assert "Ayşe Demir" not in text
    assert "keiner Übermittlung persönlicher Daten zugestimmt" in text


def test_the_calendar_file_holds_the_appointment(advisor_client, referral):
    response = advisor_client.get(reverse("referrals:referral-ics", kwargs={"pk": referral.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "DTSTART:20261203T083000Z" in body  # 9:30 in Stuttgart is 8:30 UTC in winter
    assert "LOCATION:Rosenbergstraße 40\\, 70176 Stuttgart" in body
    assert body.endswith("END:VCALENDAR\r\n")


def test_no_calendar_file_without_an_appointment(advisor_client, advisor):
    referral = ReferralFactory(created_by=advisor)
    response = advisor_client.get(reverse("referrals:referral-ics", kwargs={"pk": referral.pk}), follow=True)
    assert "noch keinen Termin" in response.content.decode()


def _pdf_info(response, tmp_path) -> dict[str, str]:
    pdf = tmp_path / "slip.pdf"
    pdf.write_bytes(response.content)
    output = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in output.splitlines() if ":" in line)


def _with_documents(referral, advisor):
    from screening.services import screening_run_create

    household = {"as_of": "2026-03-01", "members": [{"relation": "self", "age": 40}], "housing": {"rent_cold": "500"}}
    referral.screening_run = screening_run_create(household=household, actor=advisor)
    referral.save()
    assert referral.screening_run.result.get("documents")
    return referral


def test_the_slip_is_a4_by_default(advisor_client, referral, tmp_path):
    info = _pdf_info(advisor_client.get(reverse("referrals:referral-slip", kwargs={"pk": referral.pk}) + "?lang=tr"), tmp_path)
    assert info["Page size"].strip().startswith("595.276 x 841.89")


@pytest.mark.parametrize("language", ["tr", "ar", "ru"])
def test_the_a5_slip_has_each_section_on_one_a5_page(advisor_client, advisor, referral, tmp_path, language):
    """German, the visitor's language and the note for the office: three A5 pages, nothing spilling over."""
    _with_documents(referral, advisor)
    response = advisor_client.get(reverse("referrals:referral-slip", kwargs={"pk": referral.pk}) + f"?lang={language}&paper=A5")
    info = _pdf_info(response, tmp_path)
    assert info["Page size"].strip().startswith("419.528 x 595.276")
    assert info["Pages"].strip() == "3"
    assert "Bitte bringen Sie mit" in _pdf_text(response, tmp_path)


def test_the_detail_page_offers_a4_and_a5(advisor_client, referral):
    page = advisor_client.get(reverse("referrals:referral-detail", kwargs={"pk": referral.pk})).content.decode()
    assert 'name="paper"' in page and '<option value="A5"' in page
