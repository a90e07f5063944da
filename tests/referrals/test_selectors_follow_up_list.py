from datetime import timedelta

import pytest
from django.utils import timezone

from referrals.models import ReferralStatus
from referrals.selectors import follow_up_list, follow_up_page
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


def test_a_page_of_the_list_shows_the_referrals_of_its_place_in_the_order(advisor):
    now = timezone.now()
    referrals = [ReferralFactory(created_by=advisor, status=ReferralStatus.PLANNED, status_changed_at=now - timedelta(days=day)) for day in range(5)]
    ReferralFactory(created_by=advisor, status=ReferralStatus.GRANTED)
    pages = [follow_up_page(user=advisor, number=number, per_page=2, now=now) for number in (1, 2, 3)]
    assert [list(page.object_list) for page in pages] == [referrals[4:2:-1], referrals[2:0:-1], referrals[:1]]
    assert pages[0].paginator.count == 5
    assert follow_up_page(user=advisor, number="nonsense", per_page=2, now=now).number == 1
