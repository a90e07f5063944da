from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.appointments.selectors import slot_starts
from referrals.models import InfopointAppointment
from tests import factories
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


@pytest.fixture
def talk(advisor, visitor):
    from referrals.appointments.services import appointment_book

    start = datetime.combine(_next_monday(), datetime.min.time(), tzinfo=BERLIN).replace(hour=9)
    return appointment_book(advisor=advisor, visitor=visitor, starts_at=start, purpose="forms", actor=advisor)


def test_the_day_view_links_a_booked_talk_to_cancel_or_move_it(advisor_client, advisor, talk):
    page = advisor_client.get(reverse("referrals:appointment-day") + f"?day={_next_monday().isoformat()}&advisor={advisor.pk}").content.decode()
    assert reverse("referrals:appointment-detail", kwargs={"pk": talk.pk}) in page


def test_cancelling_with_a_reason_frees_the_slot(advisor_client, advisor, talk):
    response = advisor_client.post(reverse("referrals:appointment-cancel", kwargs={"pk": talk.pk}), {"reason": "visitor"}, follow=True)
    talk.refresh_from_db()
    assert talk.is_cancelled
    assert "Herr Novak" not in response.content.decode()  # the day view no longer shows the talk
    assert "Das Gespräch wurde abgesagt" in response.content.decode()


def test_cancelling_without_a_reason_is_told_at_the_field(advisor_client, talk):
    response = advisor_client.post(reverse("referrals:appointment-cancel", kwargs={"pk": talk.pk}), {"reason": ""})
    assert response.status_code == 400 and response.context["cancel_form"].errors["reason"]
    talk.refresh_from_db()
    assert not talk.is_cancelled


def test_moving_to_a_free_slot(advisor_client, advisor, talk):
    fields = {"advisor": advisor.pk, "day": _next_monday().isoformat(), "time": "11:00"}
    response = advisor_client.post(reverse("referrals:appointment-move", kwargs={"pk": talk.pk}), fields, follow=True)
    talk.refresh_from_db()
    assert timezone.localtime(talk.starts_at).strftime("%H:%M") == "11:00"
    assert "Das Gespräch wurde verschoben." in response.content.decode()


def test_moving_to_a_taken_slot_is_refused_at_the_time_field(advisor_client, advisor, visitor, talk):
    from referrals.appointments.services import appointment_book

    taken = datetime.combine(_next_monday(), datetime.min.time(), tzinfo=BERLIN).replace(hour=10)
    appointment_book(advisor=advisor, visitor=visitor, starts_at=taken, purpose="forms", actor=advisor)
    fields = {"advisor": advisor.pk, "day": _next_monday().isoformat(), "time": "10:00"}
    response = advisor_client.post(reverse("referrals:appointment-move", kwargs={"pk": talk.pk}), fields)
    assert response.status_code == 400
    error = " ".join(response.context["move_form"].errors["time"])
    assert "bereits" in error or "gebucht" in error
    assert error in response.content.decode()
    talk.refresh_from_db()
    assert timezone.localtime(talk.starts_at).hour == 9


def test_a_broken_move_is_told_not_a_500(advisor_client, talk):
    response = advisor_client.post(reverse("referrals:appointment-move", kwargs={"pk": talk.pk}), {"advisor": "x", "day": "morgen", "time": "25:00"})
    assert response.status_code == 400 and set(response.context["move_form"].errors) == {"advisor", "day", "time"}


def test_another_organisations_talk_is_not_found(talk, other_org_advisor):
    from tests.conftest import _logged_in

    assert _logged_in(other_org_advisor).get(reverse("referrals:appointment-detail", kwargs={"pk": talk.pk})).status_code == 404


def test_a_talk_of_the_other_organisation_shows_as_booked_without_the_name(advisor_client, other_org_advisor):
    day = timezone.localdate() + timedelta(days=7)
    while not slot_starts(day):
        day += timedelta(days=1)
    starts_at = slot_starts(day)[0]
    factories.InfopointAppointmentFactory(
        advisor=other_org_advisor, booked_by=other_org_advisor, organisation="sozialamt", starts_at=starts_at,
        visitor=factories.VisitorFactory(name="Canary Fremd"),
    )  # fmt: skip
    page = advisor_client.get(reverse("referrals:appointment-day"), {"day": day.isoformat(), "advisor": other_org_advisor.pk})
    text = page.content.decode()
    assert "Canary Fremd" not in text
    assert "anderen Organisation" in text
