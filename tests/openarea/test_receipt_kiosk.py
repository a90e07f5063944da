"""Receipts on the kiosk: a number check that shows only valid/not valid and the date; a pre-fill for the desk."""

import pytest
from django.urls import reverse

from openarea.models import HandInDraft, KioskUsage, Receipt
from openarea.receipts.services import receipt_cancel
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_valid_number_shows_valid_and_the_date_but_nothing_else(kiosk_client):
    receipt = factories.receipt(applicant_name="Canary Geheim")
    response = kiosk_client.post(reverse("kiosk:receipt-check"), {"number": receipt.display_number})
    page = response.content.decode()
    assert response.status_code == 200
    assert "ist gültig" in page
    assert receipt.received_at.astimezone().strftime("%d.%m.%Y") in page or receipt.received_at.strftime("%d.%m.%y") in page
    for secret in ("Canary Geheim", receipt.office_name, "Mietvertrag", receipt.verification_code):
        assert secret not in page
    assert KioskUsage.objects.get(kind="receipt_checked").count == 1


def test_an_unknown_or_cancelled_number_is_not_valid(kiosk_client):
    receipt = factories.receipt()
    receipt_cancel(original=receipt, actor=factories.advisor(), reason="doppelt")
    for number in (receipt.display_number, "2026-999999"):
        page = kiosk_client.post(reverse("kiosk:receipt-check"), {"number": number}).content.decode()
        assert "ist nicht gültig" in page


def test_a_malformed_number_gets_a_message_at_the_field(kiosk_client):
    response = kiosk_client.post(reverse("kiosk:receipt-check"), {"number": "abc"})
    assert response.status_code == 400
    assert "zum Beispiel 2026-000123" in response.content.decode()


def test_the_check_works_in_arabic(kiosk_client):
    receipt = factories.receipt()
    kiosk_client.post(reverse("kiosk:set-language"), {"language": "ar"})
    page = kiosk_client.post(reverse("kiosk:receipt-check"), {"number": receipt.display_number}).content.decode()
    assert "صالح" in page


def test_a_visitor_pre_fills_a_hand_in_and_the_desk_confirms_it(kiosk_client, advisor_client):
    factories.OfficeFactory(benefits=["wohngeld"])
    response = kiosk_client.post(reverse("kiosk:hand-in"), {"benefit": "wohngeld", "applicant_name": "Canary Kiosk", "description": "Antrag und Mietvertrag", "pages": "7"})
    assert response.status_code == 302
    draft = HandInDraft.objects.get()
    page = kiosk_client.get(reverse("kiosk:hand-in-done")).content.decode()
    assert draft.code in page
    form = advisor_client.get(reverse("openarea:receipt-new") + f"?draft={draft.code}").content.decode()
    assert "Canary Kiosk" in form and "Antrag und Mietvertrag" in form
    data = {
        "applicant_name": "Canary Kiosk", "benefit": "wohngeld", "attachment_1": "Antrag und Mietvertrag", "attachment_1_pages": "7",
        "channel": "in_person", "language": "de", "draft": draft.code,
    }  # fmt: skip
    assert advisor_client.post(reverse("openarea:receipt-new"), data).status_code == 302
    assert Receipt.objects.get().applicant_name == "Canary Kiosk"
    assert not HandInDraft.objects.exists()


def test_the_pre_fill_needs_a_benefit_and_stores_nothing_else_on_error(kiosk_client):
    response = kiosk_client.post(reverse("kiosk:hand-in"), {"applicant_name": "Canary Kiosk"})
    assert response.status_code == 400
    assert not HandInDraft.objects.exists()


def test_an_unknown_pre_fill_code_sends_the_advisor_back_with_a_message(advisor_client):
    response = advisor_client.get(reverse("openarea:receipt-new") + "?draft=ZZZZZZ", follow=True)
    assert "Codes verfallen am Ende des Tages" in response.content.decode()


def test_the_kiosk_reset_forgets_the_code(kiosk_client):
    kiosk_client.post(reverse("kiosk:hand-in"), {"benefit": "sgb2"})
    kiosk_client.post(reverse("kiosk:reset"))
    assert kiosk_client.get(reverse("kiosk:hand-in-done")).status_code == 302
