from datetime import timedelta

import pytest
from django.utils import timezone

from referrals.models import ReferralStatus
from referrals.selectors import follow_up_list
from tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def test_overdue_referrals_come_first_then_by_date(advisor):
    now = timezone.now()
    upcoming = ReferralFactory(created_by=advisor, status=ReferralStatus.APPOINTMENT_MADE, appointment_at=now + timedelta(days=2))
    missed = ReferralFactory(created_by=advisor, status=ReferralStatus.APPOINTMENT_MADE, appointment_at=now - timedelta(days=1))
    silent = ReferralFactory(created_by=advisor, status=ReferralStatus.APPLIED, status_changed_at=now - timedelta(weeks=5))
    recent = ReferralFactory(created_by=advisor, status=ReferralStatus.PLANNED, status_changed_at=now - timedelta(days=3))
    listed = list(follow_up_list(user=advisor, now=now))
    assert listed == [silent, missed, recent, upcoming]
    assert [r.overdue for r in listed] == [True, True, False, False]


def test_finished_and_other_advisors_referrals_are_not_listed(advisor, other_org_advisor):
    ReferralFactory(created_by=advisor, status=ReferralStatus.GRANTED)
    ReferralFactory(created_by=advisor, status=ReferralStatus.CLOSED, closed_reason="shame")
    ReferralFactory(created_by=other_org_advisor)
    assert not follow_up_list(user=advisor).exists()
