from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from infopoint.lib.roles import Role
from referrals.appointments.selectors import day_view
from referrals.appointments.services import appointment_book, appointment_cancel, appointment_move
from referrals.models import CancelReason
from tests.factories import VisitorFactory
from tests.factories import advisor as make_advisor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("opening_hours")]

BERLIN = timezone.get_default_timezone()


def _next_monday_at(hour: int, minute: int = 0) -> datetime:
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    return datetime.combine(monday, datetime.min.time(), tzinfo=BERLIN).replace(hour=hour, minute=minute)


@pytest.fixture
def talk(advisor):
    return appointment_book(advisor=advisor, visitor=VisitorFactory(), starts_at=_next_monday_at(9), purpose="forms", actor=advisor)


def test_cancelling_keeps_the_record_and_frees_the_slot(advisor, talk):
    appointment_cancel(appointment=talk, reason=CancelReason.VISITOR_CANCELLED, actor=advisor)
    talk.refresh_from_db()
    assert talk.is_cancelled and talk.cancelled_by == advisor and talk.cancel_reason == "visitor"
    slot = next(s for s in day_view(day=_next_monday_at(9).date(), advisor=advisor, user=advisor, role=Role.ADVISOR) if s["starts_at"] == _next_monday_at(9))
    assert slot["appointment"] is None
    appointment_book(advisor=advisor, visitor=VisitorFactory(), starts_at=_next_monday_at(9), purpose="forms", actor=advisor)


def test_cancelling_needs_a_reason(advisor, talk):
    with pytest.raises(ValidationError) as refused:
        appointment_cancel(appointment=talk, reason="", actor=advisor)
    assert "reason" in refused.value.message_dict
    talk.refresh_from_db()
    assert not talk.is_cancelled


def test_moving_to_a_free_slot_moves_the_talk(advisor, talk):
    colleague = make_advisor()
    moved = appointment_move(appointment=talk, starts_at=_next_monday_at(11, 30), advisor=colleague, actor=advisor)
    talk.refresh_from_db()
    assert (talk.starts_at, talk.advisor) == (_next_monday_at(11, 30), colleague) == (moved.starts_at, moved.advisor)


def test_moving_to_a_taken_slot_is_refused_at_the_start_time(advisor, talk):
    appointment_book(advisor=advisor, visitor=VisitorFactory(), starts_at=_next_monday_at(10), purpose="forms", actor=advisor)
    with pytest.raises(ValidationError) as refused:
        appointment_move(appointment=talk, starts_at=_next_monday_at(10), advisor=advisor, actor=advisor)
    assert "starts_at" in refused.value.message_dict
    talk.refresh_from_db()
    assert talk.starts_at == _next_monday_at(9)


@pytest.mark.parametrize("starts_at", [lambda: _next_monday_at(15), lambda: _next_monday_at(9, 10), lambda: _next_monday_at(9) - timedelta(weeks=2)])
def test_moving_outside_the_slots_or_into_the_past_is_refused(advisor, talk, starts_at):
    with pytest.raises(ValidationError) as refused:
        appointment_move(appointment=talk, starts_at=starts_at(), advisor=advisor, actor=advisor)
    assert "starts_at" in refused.value.message_dict


def test_a_cancelled_talk_cannot_be_moved(advisor, talk):
    appointment_cancel(appointment=talk, reason=CancelReason.OTHER, actor=advisor)
    with pytest.raises(ValidationError):
        appointment_move(appointment=talk, starts_at=_next_monday_at(10), advisor=advisor, actor=advisor)
