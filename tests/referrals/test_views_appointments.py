from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import InfopointAppointment
from tests.factories import VisitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("opening_hours")]

BERLIN = timezone.get_default_timezone()


def _next_monday() -> datetime:
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


@pytest.fixture
def visitor():
    return VisitFactory(visitor__name="Herr Novak").visitor


def test_the_day_view_shows_the_half_hour_slots_of_the_opening_hours(advisor_client, visitor):
    monday = _next_monday()
    response = advisor_client.get(reverse("referrals:appointment-day") + f"?day={monday.isoformat()}&visitor={visitor.code}")
    times = [slot["starts_at"].strftime("%H:%M") for slot in response.context["slots"]]
    assert times[0] == "08:30" and times[-1] == "12:30" and len(times) == 9  # Monday 8:30–13:00


def test_booking_a_free_slot_shows_the_visitor_in_it(advisor_client, advisor, visitor):
    monday = _next_monday()
    start = datetime.combine(monday, datetime.min.time(), tzinfo=BERLIN).replace(hour=9)
    response = advisor_client.post(
        reverse("referrals:appointment-book"),
        {"visitor": visitor.code, "advisor": advisor.pk, "starts_at": start.isoformat(), "purpose": "forms"},
        follow=True,
    )
    assert InfopointAppointment.objects.get().starts_at == start
    page = response.content.decode()
    assert "Herr Novak" in page


def test_a_slot_cannot_be_booked_twice(advisor_client, advisor, visitor):
    start = datetime.combine(_next_monday(), datetime.min.time(), tzinfo=BERLIN).replace(hour=9)
    fields = {"visitor": visitor.code, "advisor": advisor.pk, "starts_at": start.isoformat(), "purpose": "follow_up"}
    advisor_client.post(reverse("referrals:appointment-book"), fields)
    response = advisor_client.post(reverse("referrals:appointment-book"), fields, follow=True)
    assert InfopointAppointment.objects.count() == 1
    errors = [m for m in response.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1 and str(errors[0]) in response.content.decode()


def test_a_time_outside_the_opening_hours_is_refused(advisor_client, advisor, visitor):
    start = datetime.combine(_next_monday(), datetime.min.time(), tzinfo=BERLIN).replace(hour=15)
    advisor_client.post(reverse("referrals:appointment-book"), {"visitor": visitor.code, "advisor": advisor.pk, "starts_at": start.isoformat()})
    assert not InfopointAppointment.objects.exists()


def test_a_broken_day_is_told_and_today_shown(advisor_client):
    response = advisor_client.get(reverse("referrals:appointment-day") + "?day=gestern")
    assert response.status_code == 200 and response.context["day"] == timezone.localdate()
