from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from referrals import lifecycle
from referrals.models import NonTakeUpReason, ReferralStatus
from referrals.services import referral_create, referral_move
from tests.factories import OfficeFactory, ReferralFactory, VisitFactory, VisitorFactory

pytestmark = pytest.mark.django_db

# Every allowed step, with what it needs.
ALLOWED = [(current, target) for current, following in lifecycle.NEXT.items() for target in following]
REFUSED = [
    (current, target)
    for current in lifecycle.NEXT
    for target in lifecycle.NEXT
    if target not in lifecycle.NEXT[current]
]


def _move(referral, to, actor):
    extra = {"closed_reason": NonTakeUpReason.SHAME} if to == lifecycle.CLOSED else {}
    if to == lifecycle.APPOINTMENT_MADE:
        extra["appointment_at"] = timezone.now() + timedelta(days=3)
    return referral_move(referral=referral, to=to, actor=actor, **extra)


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_every_step_of_the_lifecycle_is_recorded_with_who_and_when(advisor, current, target):
    referral = ReferralFactory(status=current, closed_reason="")
    before = timezone.now()
    moved = _move(referral, target, advisor)
    assert moved.status == target
    change = moved.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == (current, target, advisor)
    assert change.changed_at >= before and moved.status_changed_at >= before


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_an_impossible_step_is_refused_with_the_possible_ones_named(advisor, current, target):
    referral = ReferralFactory(status=current, closed_reason=NonTakeUpReason.OTHER if current == lifecycle.CLOSED else "")
    with pytest.raises(ValidationError) as refused:
        _move(referral, target, advisor)
    message = refused.value.messages[0]
    assert str(lifecycle.STATUS_LABELS[current]) in message and str(lifecycle.STATUS_LABELS[target]) in message
    referral.refresh_from_db()
    assert referral.status == current and not referral.status_changes.exists()


def test_granted_before_an_application_explains_what_comes_next(advisor):
    referral = ReferralFactory()
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        referral_move(referral=referral, to=ReferralStatus.GRANTED, actor=advisor)
    assert refused.value.messages[0] == (
        "Eine Weitervermittlung im Status „geplant“ kann nicht in den Status „bewilligt“ wechseln. Mögliche nächste Schritte: "
        "Termin vereinbart, Antrag gestellt, abgeschlossen: Person hat sich gegen einen Antrag entschieden."
    )


def test_closing_needs_the_visitors_reason(advisor):
    referral = ReferralFactory()
    with pytest.raises(ValidationError) as refused:
        referral_move(referral=referral, to=ReferralStatus.CLOSED, actor=advisor)
    assert "closed_reason" in refused.value.message_dict
    referral_move(referral=referral, to=ReferralStatus.CLOSED, actor=advisor, closed_reason=NonTakeUpReason.FORMS)
    referral.refresh_from_db()
    assert (referral.status, referral.closed_reason) == ("closed", "forms")


def test_an_appointment_needs_a_date_unless_the_visitor_books_it(advisor):
    referral = ReferralFactory()
    with pytest.raises(ValidationError) as refused:
        referral_move(referral=referral, to=ReferralStatus.APPOINTMENT_MADE, actor=advisor)
    assert "appointment_at" in refused.value.message_dict
    self_booked = ReferralFactory(visitor_books_themselves=True)
    assert referral_move(referral=self_booked, to=ReferralStatus.APPOINTMENT_MADE, actor=advisor).status == "appointment_made"


def test_a_new_referral_is_planned_and_belongs_to_the_contacts_organisation(other_org_advisor):
    visit = VisitFactory(organisation="jobcenter")
    referral = referral_create(actor=other_org_advisor, visitor=visit.visitor, visit=visit, office=OfficeFactory(), benefit="sgb2")
    assert referral.status == ReferralStatus.PLANNED and referral.organisation == "jobcenter"
    assert referral.status_changes.get().to_status == "planned"


def test_data_is_handed_over_only_with_a_dated_consent(advisor):
    with pytest.raises(ValidationError) as refused:
        referral_create(actor=advisor, visitor=VisitorFactory(), office=OfficeFactory(), benefit="sgb2", shared_fields=["name"])
    assert "consent_on" in refused.value.message_dict


def test_only_allow_listed_fields_can_be_handed_over(advisor):
    with pytest.raises(ValidationError) as refused:
        referral_create(
            actor=advisor, visitor=VisitorFactory(), office=OfficeFactory(), benefit="sgb2",
            shared_fields=["migration_background"], consent_on=timezone.localdate(),
        )
    assert "shared_fields" in refused.value.message_dict


def test_in_arabic_the_possible_steps_are_joined_with_the_arabic_comma(advisor):
    referral = ReferralFactory()
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        referral_move(referral=referral, to=ReferralStatus.GRANTED, actor=advisor)
    with translation.override("ar"):
        labels = [str(lifecycle.STATUS_LABELS[s]) for s in lifecycle.allowed_next(lifecycle.PLANNED)]
    assert "، ".join(labels) in refused.value.messages[0]
    assert ", " not in refused.value.messages[0]
