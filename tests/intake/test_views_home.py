import pytest
from django.urls import reverse
from django.utils import timezone

from intake.models import FollowUp, VisitStatus
from tests import factories
from tests.query_counts import queries_of

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


def _day_at_the_infopoint(people: int, advisor):
    for number in range(people):
        factories.VisitFactory(visitor=factories.VisitorFactory(name=f"Wartend {number}"))
        factories.VisitFactory(status=VisitStatus.IN_CONVERSATION, advisor=advisor)
        factories.VisitFactory(status=VisitStatus.DONE, channel="phone")
        FollowUp.objects.create(visitor=factories.VisitorFactory(), task=f"Anrufen {number}", due_on=timezone.localdate(), assigned_to=advisor, organisation="jobcenter")


def test_the_start_page_needs_as_many_queries_for_30_people_as_for_3(advisor_client, advisor):
    _day_at_the_infopoint(3, advisor)
    few = queries_of(advisor_client, reverse("intake:home"))
    _day_at_the_infopoint(27, advisor)
    many = queries_of(advisor_client, reverse("intake:home"))
    assert len(many) == len(few) <= 7  # BEGIN and COMMIT of the request come on top outside tests
    assert "Wartend 26" in advisor_client.get(reverse("intake:home")).content.decode()


def test_the_start_page_counts_the_day_by_status_and_channel(advisor_client, advisor):
    _day_at_the_infopoint(2, advisor)
    overview = advisor_client.get(reverse("intake:home")).context["overview"]
    assert (overview["total"], overview["done_count"], len(overview["waiting"]), len(overview["in_conversation"])) == (6, 2, 2, 2)
    assert overview["by_channel"] == [("Telefon", 2), ("persönlich vor Ort", 4)]


def test_the_polled_waiting_list_needs_as_many_queries_for_30_people_as_for_3(advisor_client, advisor):
    _day_at_the_infopoint(3, advisor)
    few = queries_of(advisor_client, reverse("intake:waiting"), HTTP_HX_REQUEST="true")
    _day_at_the_infopoint(27, advisor)
    many = queries_of(advisor_client, reverse("intake:waiting"), HTTP_HX_REQUEST="true")
    assert len(many) == len(few) <= 4
