import pytest

from referrals.models import NonTakeUpReason, OutcomeAnswer, OutcomeSource, ReferralOutcome, ReferralStatus
from referrals.services import OutcomesRefused, referral_outcomes_record
from tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def test_all_answers_are_recorded_and_move_their_referrals(advisor):
    applied, nothing = ReferralFactory(), ReferralFactory()
    outcomes = referral_outcomes_record(
        answers=[(applied, OutcomeAnswer.APPLIED, ""), (nothing, OutcomeAnswer.DID_NOTHING, NonTakeUpReason.DISTRUST)],
        source=OutcomeSource.CALL_BACK,
        actor=advisor,
    )
    assert len(outcomes) == 2
    applied.refresh_from_db()
    nothing.refresh_from_db()
    assert applied.status == ReferralStatus.APPLIED
    assert (nothing.status, nothing.closed_reason) == (ReferralStatus.CLOSED, "distrust")


def test_one_refused_row_saves_nothing_and_names_that_row(advisor):
    applied, missing_reason = ReferralFactory(), ReferralFactory()
    with pytest.raises(OutcomesRefused) as refused:
        referral_outcomes_record(
            answers=[(applied, OutcomeAnswer.APPLIED, ""), (missing_reason, OutcomeAnswer.TRIED_FAILED, "")],
            source=OutcomeSource.NEXT_VISIT,
            actor=advisor,
        )
    assert list(refused.value.errors) == [missing_reason.pk]
    assert "reason" in refused.value.errors[missing_reason.pk].message_dict
    assert not ReferralOutcome.objects.exists()
    applied.refresh_from_db()
    assert applied.status == ReferralStatus.PLANNED and not applied.status_changes.exists()
