import pytest
from django.urls import reverse

from intake.models import VisitStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_waiting_list_shows_people_by_name_never_by_number(advisor_client):
    factories.VisitFactory(visitor=factories.VisitorFactory(name="Frau Öztürk"))
    anonymous = factories.VisitFactory(visitor=factories.VisitorFactory(name=""))
    content = advisor_client.get(reverse("intake:home")).content.decode()
    assert "Frau Öztürk" in content
    assert anonymous.visitor.code in content


def test_people_in_conversation_are_not_on_the_waiting_list(advisor_client, advisor):
    factories.VisitFactory(visitor=factories.VisitorFactory(name="Herr Petrenko"), status=VisitStatus.IN_CONVERSATION)
    response = advisor_client.get(reverse("intake:home"))
    assert [v.visitor.name for v in response.context["overview"]["waiting"]] == []
    assert [v.visitor.name for v in response.context["overview"]["in_conversation"]] == ["Herr Petrenko"]


def test_the_team_lead_sees_codes_not_names(teamlead_client):
    visit = factories.VisitFactory(visitor=factories.VisitorFactory(name="Frau Canary"))
    content = teamlead_client.get(reverse("intake:home")).content.decode()
    assert "Frau Canary" not in content
    assert visit.visitor.code in content


def test_yesterdays_visits_are_not_today(advisor_client):
    import datetime

    from django.utils import timezone

    factories.VisitFactory(arrived_at=timezone.now() - datetime.timedelta(days=1))
    response = advisor_client.get(reverse("intake:home"))
    assert response.context["overview"]["total"] == 0
