"""Days are local (Europe/Berlin) days, also across midnight UTC and DST changes."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from intake.selectors import visits_for_day
from tests import factories

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def test_a_visit_at_half_past_eleven_utc_on_31_january_belongs_to_1_february():
    visit = factories.VisitFactory(arrived_at=dt.datetime(2026, 1, 31, 23, 30, tzinfo=UTC))
    assert list(visits_for_day(day=dt.date(2026, 2, 1))) == [visit]
    assert list(visits_for_day(day=dt.date(2026, 1, 31))) == []


def test_the_day_of_the_spring_dst_change_has_23_hours():
    early = factories.VisitFactory(arrived_at=dt.datetime(2026, 3, 28, 23, 0, tzinfo=UTC))  # 00:00 CET
    late = factories.VisitFactory(arrived_at=dt.datetime(2026, 3, 29, 21, 59, tzinfo=UTC))  # 23:59 CEST
    after = factories.VisitFactory(arrived_at=dt.datetime(2026, 3, 29, 22, 0, tzinfo=UTC))  # 00:00 next day
    assert set(visits_for_day(day=dt.date(2026, 3, 29))) == {early, late}
    assert list(visits_for_day(day=dt.date(2026, 3, 30))) == [after]


@time_machine.travel(dt.datetime(2026, 10, 25, 23, 30, tzinfo=UTC), tick=False)
def test_today_on_the_start_page_is_the_local_date(advisor_client):
    factories.VisitFactory(arrived_at=timezone.now())
    response = advisor_client.get("/")
    assert response.context["today"].date() == dt.date(2026, 10, 26)
    assert response.context["overview"]["total"] == 1
