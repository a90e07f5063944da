"""The yellow-card inbox for the team lead."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from openarea.models import CardStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_inbox_filters_by_status_and_kind(teamlead_client):
    new_complaint = factories.YellowCardFactory(kind="complaint")
    factories.YellowCardFactory(kind="praise")
    factories.YellowCardFactory(kind="complaint", status=CardStatus.ANSWERED)
    response = teamlead_client.get(reverse("openarea:card-list"), {"status": "new", "kind": "complaint"})
    assert [card.pk for card in response.context["page"].object_list] == [new_complaint.pk]


def test_the_navigation_counts_new_cards_for_the_team_lead(teamlead_client, advisor_client):
    factories.YellowCardFactory()
    factories.YellowCardFactory()
    assert "2 neu" in teamlead_client.get(reverse("intake:home")).content.decode()
    assert "Gelbe Karten" not in advisor_client.get(reverse("intake:home")).content.decode()


def test_reading_a_card_with_contact_details_is_logged(teamlead_client, teamlead):
    card = factories.YellowCardFactory(contact_name="Canary Kontakt", contact_phone="0711 1")
    response = teamlead_client.get(reverse("openarea:card-detail", kwargs={"card": card.pk}))
    assert "Canary Kontakt" in response.content.decode()
    read = LogEntry.objects.get_for_object(card).get(action=LogEntry.Action.ACCESS)
    assert read.actor == teamlead


def test_reading_an_anonymous_card_writes_no_read_entry(teamlead_client):
    card = factories.YellowCardFactory()
    teamlead_client.get(reverse("openarea:card-detail", kwargs={"card": card.pk}))
    assert not LogEntry.objects.get_for_object(card).filter(action=LogEntry.Action.ACCESS).exists()


def test_the_team_lead_moves_a_card_on_and_notes_the_answer(teamlead_client):
    card = factories.YellowCardFactory()
    response = teamlead_client.post(reverse("openarea:card-update", kwargs={"card": card.pk}), {"status": "answered", "answer_note": "Per Telefon beantwortet"})
    assert response.status_code == 302
    card.refresh_from_db()
    assert (card.status, card.answer_note) == ("answered", "Per Telefon beantwortet")


def test_an_unknown_status_is_refused_at_the_field(teamlead_client):
    card = factories.YellowCardFactory()
    response = teamlead_client.post(reverse("openarea:card-update", kwargs={"card": card.pk}), {"status": "deleted"})
    assert response.status_code == 400
    assert "status" in response.context["form"].errors


def test_advisors_cannot_open_the_inbox(advisor_client):
    card = factories.YellowCardFactory()
    assert advisor_client.get(reverse("openarea:card-list")).status_code == 403
    assert advisor_client.get(reverse("openarea:card-detail", kwargs={"card": card.pk})).status_code == 403
