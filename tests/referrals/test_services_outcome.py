import pytest
from django.core.exceptions import ValidationError

from referrals.models import NonTakeUpReason, OutcomeAnswer, OutcomeSource, ReferralStatus
from referrals.services import referral_outcome_record
from tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def test_applied_after_an_appointment_records_attended_and_applied(advisor):
    referral = ReferralFactory(status=ReferralStatus.APPOINTMENT_MADE)
    referral_outcome_record(referral=referral, actor=advisor, answer=OutcomeAnswer.APPLIED, source=OutcomeSource.CALL_BACK)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.APPLIED
    assert [c.to_status for c in referral.status_changes.all()] == ["attended", "applied"]


def test_did_nothing_needs_a_reason_and_closes_the_referral_with_it(advisor):
    referral = ReferralFactory()
    with pytest.raises(ValidationError) as refused:
        referral_outcome_record(referral=referral, actor=advisor, answer=OutcomeAnswer.DID_NOTHING, source=OutcomeSource.NEXT_VISIT)
    assert "reason" in refused.value.message_dict
    assert not referral.outcomes.exists()
    referral_outcome_record(referral=referral, actor=advisor, answer=OutcomeAnswer.DID_NOTHING, reason=NonTakeUpReason.SHAME, source=OutcomeSource.NEXT_VISIT)
    referral.refresh_from_db()
    assert (referral.status, referral.closed_reason) == ("closed", "shame")
    assert referral.outcomes.get().reason == "shame"


def test_tried_but_failed_keeps_the_referral_open(advisor):
    referral = ReferralFactory()
    referral_outcome_record(referral=referral, actor=advisor, answer=OutcomeAnswer.TRIED_FAILED, reason=NonTakeUpReason.FORMS, source=OutcomeSource.CALL_BACK)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PLANNED and referral.outcomes.count() == 1


def test_already_had_it_closes_as_no_longer_needed(advisor):
    referral = ReferralFactory()
    referral_outcome_record(referral=referral, actor=advisor, answer=OutcomeAnswer.ALREADY_HAD, source=OutcomeSource.CALL_BACK)
    referral.refresh_from_db()
    assert (referral.status, referral.closed_reason) == ("closed", "not_needed")


def test_an_outcome_of_a_finished_referral_is_recorded_without_changing_it(advisor):
    referral = ReferralFactory(status=ReferralStatus.GRANTED)
    referral_outcome_record(referral=referral, actor=advisor, answer=OutcomeAnswer.APPLIED, source=OutcomeSource.CALL_BACK)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.GRANTED and referral.outcomes.count() == 1
