import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from intake.models import Visit, VisitStatus

pytestmark = pytest.mark.django_db


def _now_field():
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def _finish_fields(**fields):
    return {"arrived_at": _now_field(), "channel": "walk_in", "language": "de", "interpreter": "none", **fields}


def test_recording_a_walk_in_puts_the_name_on_the_waiting_list(advisor_client):
    response = advisor_client.post(reverse("intake:walk-in"), {"name": "Frau Demir", "language": "tr", "channel": "walk_in", "concerns": ["sgb2"]})
    assert response.status_code == 302
    page = advisor_client.get(reverse("intake:waiting")).content.decode()
    assert "Frau Demir" in page
    assert 'hx-trigger="every 10s"' in page


def test_a_wrong_language_is_told_at_the_field(advisor_client):
    response = advisor_client.post(reverse("intake:walk-in"), {"language": "xx", "channel": "walk_in"})
    assert response.status_code == 400
    assert "language" in response.context["walk_in_form"].errors
    assert not Visit.objects.exists()


def test_taking_leads_to_recording_the_contact(advisor_client):
    advisor_client.post(reverse("intake:walk-in"), {"description": "Herr mit Hut", "language": "de", "channel": "walk_in"})
    visit = Visit.objects.get()
    response = advisor_client.post(reverse("intake:visit-take", kwargs={"pk": visit.pk}))
    assert response["Location"] == reverse("intake:visit-finish", kwargs={"pk": visit.pk})
    response = advisor_client.post(
        reverse("intake:visit-finish", kwargs={"pk": visit.pk}),
        _finish_fields(service="advice", outcome="information", concerns=["wohngeld"]),
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DONE and visit.concerns == ["wohngeld"]


def test_finishing_without_service_and_outcome_says_so(advisor_client):
    advisor_client.post(reverse("intake:walk-in"), {"language": "de", "channel": "walk_in"})
    visit = Visit.objects.get()
    advisor_client.post(reverse("intake:visit-take", kwargs={"pk": visit.pk}))
    response = advisor_client.post(reverse("intake:visit-finish", kwargs={"pk": visit.pk}), _finish_fields(duration_minutes="900"))
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"service", "outcome", "duration_minutes"}


def test_the_other_organisations_advisor_cannot_record_a_taken_contact(advisor_client, other_org_advisor):
    advisor_client.post(reverse("intake:walk-in"), {"language": "de", "channel": "walk_in"})
    visit = Visit.objects.get()
    advisor_client.post(reverse("intake:visit-take", kwargs={"pk": visit.pk}))
    client = Client(raise_request_exception=False)
    client.force_login(other_org_advisor)
    assert client.get(reverse("intake:visit-finish", kwargs={"pk": visit.pk})).status_code == 404


def test_recording_an_event(teamlead_client):
    from intake.models import Event

    response = teamlead_client.post(
        reverse("intake:events"),
        {"kind": "on_tour", "date": "2026-11-20", "place": "Bürgerhaus Rot", "district": "zuffenhausen", "attendees": "23", "languages": ["de", "tr"]},
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.attendees, event.languages, event.district) == (23, ["de", "tr"], "zuffenhausen")
    assert "Bürgerhaus Rot" in teamlead_client.get(reverse("intake:events")).content.decode()


def test_an_event_without_attendees_is_told_at_the_field(teamlead_client):
    response = teamlead_client.post(reverse("intake:events"), {"kind": "information", "date": "2026-11-20", "place": "Infopoint"})
    assert response.status_code == 400
    assert "attendees" in response.context["form"].errors


def test_a_waiting_visitor_must_be_taken_before_the_contact_is_recorded(advisor_client):
    advisor_client.post(reverse("intake:walk-in"), {"language": "de", "channel": "walk_in"})
    visit = Visit.objects.get()
    response = advisor_client.post(reverse("intake:visit-finish", kwargs={"pk": visit.pk}), {"service": "advice", "outcome": "information", "interpreter": "none"})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.WAITING


def test_a_phone_call_goes_straight_to_the_conversation(advisor_client, advisor):
    response = advisor_client.post(reverse("intake:walk-in"), {"language": "de", "channel": "phone"})
    visit = Visit.objects.get()
    assert visit.status == VisitStatus.IN_CONVERSATION and visit.advisor == advisor
    assert response["Location"] == reverse("intake:visit-finish", kwargs={"pk": visit.pk})


def test_a_returning_visitor_gets_a_new_contact(advisor_client):
    from tests import factories

    visitor = factories.VisitFactory(status=VisitStatus.DONE).visitor
    advisor_client.post(reverse("intake:visit-open", kwargs={"code": visitor.code}))
    assert visitor.visits.filter(status=VisitStatus.WAITING).count() == 1


def test_an_expired_session_sends_htmx_to_the_login(anonymous_client):
    response = anonymous_client.get(reverse("intake:waiting"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_the_same_walk_in_form_sent_twice_records_one_contact(advisor_client):
    fields = {"name": "Frau Demir", "language": "tr", "channel": "walk_in", "token": str(uuid.uuid4())}
    advisor_client.post(reverse("intake:walk-in"), fields)
    advisor_client.post(reverse("intake:walk-in"), fields)
    assert Visit.objects.count() == 1


def test_the_home_page_gives_every_walk_in_form_its_own_token(advisor_client):
    first = advisor_client.get(reverse("intake:home")).context["walk_in_form"]["token"].value()
    second = advisor_client.get(reverse("intake:home")).context["walk_in_form"]["token"].value()
    assert first and first != second


def test_the_time_channel_and_language_of_a_contact_can_be_corrected(advisor_client):
    advisor_client.post(reverse("intake:walk-in"), {"language": "de", "channel": "walk_in"})
    visit = Visit.objects.get()
    advisor_client.post(reverse("intake:visit-take", kwargs={"pk": visit.pk}))
    earlier = timezone.localtime() - timedelta(hours=2)
    response = advisor_client.post(
        reverse("intake:visit-finish", kwargs={"pk": visit.pk}),
        _finish_fields(arrived_at=earlier.strftime("%Y-%m-%dT%H:%M"), channel="phone", language="ar", service="advice", outcome="information"),
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.channel, visit.language) == ("phone", "ar")
    assert timezone.localtime(visit.arrived_at).strftime("%H:%M") == earlier.strftime("%H:%M")


def test_a_contact_in_the_future_is_refused_at_the_field(advisor_client):
    advisor_client.post(reverse("intake:walk-in"), {"language": "de", "channel": "walk_in"})
    visit = Visit.objects.get()
    advisor_client.post(reverse("intake:visit-take", kwargs={"pk": visit.pk}))
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = advisor_client.post(
        reverse("intake:visit-finish", kwargs={"pk": visit.pk}), _finish_fields(arrived_at=tomorrow, service="advice", outcome="information")
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.has_error("arrived_at", code="future")
    assert form.errors["arrived_at"][0] in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.IN_CONVERSATION
