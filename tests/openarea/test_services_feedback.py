"""Yellow-card services: handing in a card, working through it."""

import pytest
from auditlog.models import LogEntry

from openarea.feedback.services import yellow_card_submit, yellow_card_update
from openarea.models import CardStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_card_is_new_and_keeps_its_language():
    card, _is_new = yellow_card_submit(kind="praise", text="  Sehr freundlich!  ", language="uk")
    assert (card.status, card.text, card.language, card.has_contact) == (CardStatus.NEW, "Sehr freundlich!", "uk", False)


def test_each_status_change_records_who_and_when(teamlead):
    card = factories.YellowCardFactory()
    yellow_card_update(card=card, actor=teamlead, status=CardStatus.IN_PROGRESS, answer_note="")
    yellow_card_update(card=card, actor=teamlead, status=CardStatus.IN_PROGRESS, answer_note="Angerufen")
    yellow_card_update(card=card, actor=teamlead, status=CardStatus.ANSWERED, answer_note="Angerufen, erledigt")
    changes = list(card.status_changes.values_list("from_status", "to_status", "changed_by"))
    assert changes == [("new", "in_progress", teamlead.pk), ("in_progress", "answered", teamlead.pk)]
    card.refresh_from_db()
    assert card.answer_note == "Angerufen, erledigt"


def test_the_audit_log_never_holds_the_text_or_contact_details():
    card, _is_new = yellow_card_submit(kind="complaint", text="Canary Beschwerde", language="de", contact_name="Canary Name", contact_email="canary@example.org")
    for entry in LogEntry.objects.get_for_object(card):
        logged = f"{entry.object_repr} {entry.changes} {entry.serialized_data}"
        assert "Canary" not in logged and "canary@" not in logged
