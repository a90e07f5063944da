"""The yellow card on the kiosk."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from openarea.models import KioskUsage, UsageKind, YellowCard
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_anonymous_card_is_saved_counted_and_thanked_for(kiosk_client):
    kiosk_client.post(reverse("kiosk:set-language"), {"language": "ar"})
    response = kiosk_client.post(
        reverse("kiosk:feedback"),
        {"token": str(uuid.uuid4()), "kind": "suggestion", "text": "Mehr Stühle bitte", "wants_answer": "no", "contact_name": "Canary Vergessen"},
    )
    assert response["Location"] == reverse("kiosk:feedback-thanks")
    card = YellowCard.objects.get()
    assert (card.kind, card.language, card.contact_name) == ("suggestion", "ar", "")
    usage = KioskUsage.objects.get(day=timezone.localdate(), kind=UsageKind.FEEDBACK_GIVEN)
    assert (usage.key, usage.count) == ("suggestion", 1)


def test_a_card_with_an_answer_needs_a_name_and_a_way_to_reach_the_visitor(kiosk_client):
    response = kiosk_client.post(reverse("kiosk:feedback"), {"token": str(uuid.uuid4()), "kind": "complaint", "text": "Zu lange gewartet", "wants_answer": "yes"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"contact_name", "contact_phone"}
    assert not YellowCard.objects.exists()


def test_a_card_with_contact_details_keeps_them(kiosk_client):
    kiosk_client.post(
        reverse("kiosk:feedback"),
        {"token": str(uuid.uuid4()), "kind": "complaint", "text": "Zu lange gewartet", "wants_answer": "yes", "contact_name": "Canary", "contact_email": "c@example.org"},
    )
    card = YellowCard.objects.get()
    assert (card.contact_name, card.contact_email) == ("Canary", "c@example.org")


def test_an_empty_card_is_refused_with_messages_and_nothing_is_counted(kiosk_client):
    response = kiosk_client.post(reverse("kiosk:feedback"), {"token": str(uuid.uuid4()), "kind": "", "text": "   ", "wants_answer": "no"})
    assert response.status_code == 400
    assert {"kind", "text"} <= set(response.context["form"].errors)
    assert not KioskUsage.objects.exists()


def test_the_form_switches_off_autocomplete_and_shows_nothing_saved(kiosk_client):
    factories.YellowCardFactory(text="Canary alte Karte", contact_name="Canary Person")
    page = kiosk_client.get(reverse("kiosk:feedback")).content.decode()
    assert 'autocomplete="off"' in page
    assert "Canary" not in page
    assert "Canary" not in kiosk_client.get(reverse("kiosk:feedback-thanks")).content.decode()


def test_a_double_tap_hands_in_one_card_and_counts_it_once(kiosk_client):
    data = {"token": str(uuid.uuid4()), "kind": "praise", "text": "Sehr freundlich", "wants_answer": "no"}
    kiosk_client.post(reverse("kiosk:feedback"), data)
    response = kiosk_client.post(reverse("kiosk:feedback"), data)
    assert response["Location"] == reverse("kiosk:feedback-thanks")
    assert YellowCard.objects.count() == 1
    assert KioskUsage.objects.get(kind=UsageKind.FEEDBACK_GIVEN).count == 1
