"""Every count of stats.counting on the hand-built March 2026 (tests/stats/conftest.py), plus the month edges."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from intake.models import VisitStatus
from openarea.receipts.services import forwarding_record
from referrals.models import Benefit
from stats.counting import (
    count_advised,
    count_applications,
    count_cards,
    count_contacts,
    count_kiosk,
    count_non_take_up,
    count_people,
    count_receipts,
    count_referrals,
    count_staffing,
    live_counts,
)
from tests import factories
from tests.stats.conftest import MARCH, at, local

UTC = ZoneInfo("UTC")
pytestmark = pytest.mark.django_db


def group(counts, metric):
    return {subgroup: value for (name, subgroup), value in counts.items() if name == metric and value}


def test_contacts_count_every_contact_of_the_local_month(stats_data):
    counts = count_contacts(MARCH)

    assert counts[("contacts", "")] == 7
    assert group(counts, "contacts.channel") == {"walk_in": 4, "phone": 2, "email": 1}
    assert group(counts, "contacts.service") == {"advice": 3, "information": 2, "orientation": 1, "none": 1}
    assert group(counts, "contacts.language") == {"de": 3, "tr": 1, "en": 1, "ar": 1, "ru": 1}
    assert group(counts, "contacts.interpreter") == {
        "none": 3,
        "colleague": 1,
        "telephone": 1,
        "in_person": 1,
        "video": 1,
    }
    assert group(counts, "contacts.clearing") == {"already_sgb2": 1}
    assert counts[("contacts.from_kiosk", "")] == 1


def test_people_are_counted_once_however_many_contacts_they_had(stats_data):
    counts = count_people(MARCH)

    assert counts[("people", "")] == 6
    assert group(counts, "people.migration") == {"yes": 2, "no": 2, "not_said": 1, "none": 1}
    assert group(counts, "people.district") == {"mitte": 2, "bad-cannstatt": 1, "ost": 1, "nord": 1, "none": 1}
    assert group(counts, "people.age_band") == {"25_49": 2, "65_plus": 1, "u25": 1, "50_64": 1, "none": 1}


def test_advised_counts_finished_contacts_without_clearing_per_area(stats_data):
    counts = count_advised(MARCH)

    # Anna twice and Emil on SGB II; Cem was a clearing case, Dora is still waiting.
    assert counts[("advised", "sgb2")] == 2
    assert counts[("advised", "sgb12")] == 2
    # Fritz had no concern recorded but a finished contact: he counts in "all areas".
    assert counts[("advised", "all")] == 4


def test_advised_new_in_year_leaves_out_people_advised_earlier_in_the_year(stats_data):
    counts = count_advised(MARCH)
    january = count_advised(date(2026, 1, 1))

    # Emil was advised on SGB II in January: new then, not again in March; on SGB XII he is new in March.
    assert january[("advised.new_in_year", "sgb2")] == 1
    assert counts[("advised.new_in_year", "sgb2")] == 1
    assert counts[("advised.new_in_year", "sgb12")] == 2
    assert counts[("advised.new_in_year", "all")] == 3


def test_advised_new_in_year_counts_a_person_only_in_the_first_month(db):
    person = factories.VisitorFactory()
    for day in (date(2026, 1, 20), date(2026, 3, 20)):
        factories.VisitFactory(
            visitor=person, arrived_at=local(day.year, day.month, day.day), status=VisitStatus.DONE, concerns=["sgb2"]
        )

    assert count_advised(date(2026, 1, 1))[("advised.new_in_year", "sgb2")] == 1
    assert count_advised(date(2026, 3, 1))[("advised.new_in_year", "sgb2")] == 0
    assert count_advised(date(2026, 3, 1))[("advised", "sgb2")] == 1


def test_advised_new_in_year_starts_again_in_january(db):
    person = factories.VisitorFactory()
    # 31 December 23:30 local (22:30 UTC) and 1 January 00:30 local (23:30 UTC on New Year's Eve).
    factories.VisitFactory(
        visitor=person,
        arrived_at=datetime(2025, 12, 31, 22, 30, tzinfo=UTC),
        status=VisitStatus.DONE,
        concerns=["sgb2"],
    )
    factories.VisitFactory(
        visitor=person,
        arrived_at=datetime(2025, 12, 31, 23, 30, tzinfo=UTC),
        status=VisitStatus.DONE,
        concerns=["sgb2"],
    )

    december = count_advised(date(2025, 12, 1))
    january = count_advised(date(2026, 1, 1))

    assert december[("advised.new_in_year", "sgb2")] == 1
    assert january[("advised", "sgb2")] == 1
    assert january[("advised.new_in_year", "sgb2")] == 1


def test_applications_are_counted_once_per_person_and_benefit_from_all_three_sources(stats_data):
    counts = count_applications(MARCH)

    # SGB II: Anna (referral moved and a receipt) and Emil (answer "applied" and the move it caused).
    assert counts[("applications", "sgb2")] == 2
    # SGB XII: Ben's receipt; the cancelled receipt does not count.
    assert counts[("applications", "sgb12")] == 1
    # Wohngeld: two receipts without a contact, each counted.
    assert counts[("applications", "wohngeld")] == 2
    assert counts[("applications", "all")] == 5


def test_a_cancelled_receipt_is_no_application(db):
    receipt = None
    with at(local(2026, 5, 4)):
        receipt = factories.receipt(benefit=Benefit.SGB2)
    with at(local(2026, 5, 4, 11)):
        from openarea.receipts.services import receipt_cancel

        receipt_cancel(original=receipt, actor=factories.advisor(), reason="falscher Name")

    counts = count_applications(date(2026, 5, 1))

    assert counts.get(("applications", "sgb2"), 0) == 0
    assert counts[("applications", "all")] == 0
    assert count_receipts(date(2026, 5, 1))[("receipts.forwarding", "open")] == 0


def test_referral_funnel_counts_each_step_a_referral_has_reached(stats_data):
    counts = count_referrals(MARCH)

    assert group(counts, "funnel") == {"referred": 5, "appointment": 2, "attended": 1, "applied": 2, "granted": 1}
    assert group(counts, "referrals.office.referred") == {
        "Jobcenter Mitte": 4,
        "Sozialamt Bad Cannstatt": 1,
        "Wohngeldstelle": 1,
    }
    assert group(counts, "referrals.office.appointment") == {"Jobcenter Mitte": 2}
    assert group(counts, "referrals.office.attended") == {"Jobcenter Mitte": 1}
    assert group(counts, "referrals.office.applied") == {"Jobcenter Mitte": 2}
    assert group(counts, "referrals.office.granted") == {"Jobcenter Mitte": 1}
    assert group(counts, "referrals.office.not_applying") == {"Jobcenter Mitte": 1, "Sozialamt Bad Cannstatt": 1}


def test_referrals_made_in_another_month_are_not_in_the_funnel(stats_data):
    february = count_referrals(date(2026, 2, 1))

    assert group(february, "funnel") == {"referred": 1}
    assert group(february, "referrals.office.not_applying") == {"Sozialamt Bad Cannstatt": 1}


def test_receipts_by_benefit_and_forwarding_in_time(stats_data):
    counts = count_receipts(MARCH)

    assert group(counts, "receipts.benefit") == {"sgb2": 1, "wohngeld": 2, "sgb12": 1}
    # Friday → Monday and Tuesday → Wednesday on time; Wednesday → Friday late; one not yet.
    assert group(counts, "receipts.forwarding") == {"on_time": 2, "late": 1, "open": 1}


@pytest.mark.parametrize(
    ("forwarded_on", "expected"),
    [(date(2026, 4, 7), "on_time"), (date(2026, 4, 8), "late")],
)
def test_receipt_before_easter_is_due_after_the_holidays(db, forwarded_on, expected):
    # Thursday 2 April 2026; Good Friday and Easter Monday are holidays in Baden-Württemberg.
    with at(local(2026, 4, 2, 15)):
        receipt = factories.receipt()
    with at(local(forwarded_on.year, forwarded_on.month, forwarded_on.day, 16)):
        forwarding_record(receipt=receipt, actor=factories.advisor(), forwarded_on=forwarded_on, way="internal_mail")

    assert group(count_receipts(date(2026, 4, 1)), "receipts.forwarding") == {expected: 1}


def test_receipt_late_in_the_evening_is_due_by_the_next_local_working_day(db):
    # 23:30 local on Friday 30 October 2026 is 22:30 UTC; Monday 2 November is a working day
    # (All Saints' Day is a Sunday in 2026).
    with at(datetime(2026, 10, 30, 22, 30, tzinfo=UTC)):
        receipt = factories.receipt()
    with at(local(2026, 11, 2, 16)):
        forwarding_record(
            receipt=receipt, actor=factories.advisor(), forwarded_on=date(2026, 11, 2), way="internal_mail"
        )

    assert group(count_receipts(date(2026, 10, 1)), "receipts.forwarding") == {"on_time": 1}


def test_non_take_up_reasons_count_once_per_referral(stats_data):
    counts = count_non_take_up(MARCH)

    # Dora first said "language", then "forms" when it was closed: her referral counts once.
    # The February referral closed in March counts in March.
    assert group(counts, "nontakeup.reason") == {"shame": 1, "forms": 1, "distrust": 1}


def test_yellow_cards_by_kind_and_status(stats_data):
    counts = count_cards(MARCH)

    assert group(counts, "cards.kind") == {"complaint": 2, "praise": 1, "suggestion": 1}
    assert group(counts, "cards.status") == {"new": 2, "answered": 1, "in_progress": 1}


def test_kiosk_use_sums_the_daily_counts_of_the_month(stats_data):
    assert group(count_kiosk(MARCH), "kiosk.use") == {"form_printed": 5, "quick_check_started": 7}


def test_posts_come_from_the_settings(settings, db):
    settings.INFOPOINT_ADVISOR_POSTS = 11

    assert count_staffing(MARCH) == {("posts", ""): 11}


def test_live_counts_holds_every_group(stats_data, settings):
    settings.INFOPOINT_ADVISOR_POSTS = 8
    counts = live_counts(MARCH)

    assert counts[("contacts", "")] == 7
    assert counts[("people", "")] == 6
    assert counts[("applications", "all")] == 5
    assert counts[("posts", "")] == 8
    assert counts[("kiosk.use", "form_printed")] == 5


# The month edges: a month is a calendar month in Europe/Berlin.


def contact_at(moment: datetime, **fields):
    return factories.VisitFactory(arrived_at=moment, **fields)


def test_contact_at_23_30_utc_on_31_january_belongs_to_february(db):
    contact_at(datetime(2026, 1, 31, 23, 30, tzinfo=UTC))

    assert count_contacts(date(2026, 1, 1))[("contacts", "")] == 0
    assert count_contacts(date(2026, 2, 1))[("contacts", "")] == 1


def test_contact_at_22_30_utc_on_30_june_belongs_to_july(db):
    contact_at(datetime(2026, 6, 30, 22, 30, tzinfo=UTC))
    contact_at(datetime(2026, 6, 30, 21, 59, tzinfo=UTC))  # 23:59 local: still June

    assert count_contacts(date(2026, 6, 1))[("contacts", "")] == 1
    assert count_contacts(date(2026, 7, 1))[("contacts", "")] == 1


def test_contacts_on_the_spring_dst_day_count_in_march(db):
    berlin = ZoneInfo("Europe/Berlin")
    # 29 March 2026: 02:00 CET becomes 03:00 CEST.
    for hour, minute in ((0, 30), (1, 30), (3, 30)):
        contact_at(datetime(2026, 3, 29, hour, minute, tzinfo=berlin))
    # The last minutes of March in summer time: 31 March 23:30 CEST is 21:30 UTC.
    contact_at(datetime(2026, 3, 31, 21, 30, tzinfo=UTC))
    # 22:30 UTC is already 1 April.
    contact_at(datetime(2026, 3, 31, 22, 30, tzinfo=UTC))

    assert count_contacts(date(2026, 3, 1))[("contacts", "")] == 4
    assert count_contacts(date(2026, 4, 1))[("contacts", "")] == 1


def test_contacts_on_the_autumn_dst_day_count_in_october(db):
    berlin = ZoneInfo("Europe/Berlin")
    # 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    for hour, minute, fold in ((0, 30, 0), (1, 30, 0), (2, 30, 0), (2, 30, 1), (3, 30, 0)):
        contact_at(datetime(2026, 10, 25, hour, minute, tzinfo=berlin, fold=fold))
    # 31 October 23:30 CET is 22:30 UTC: still October; 23:00 UTC is 1 November.
    contact_at(datetime(2026, 10, 31, 22, 30, tzinfo=UTC))
    contact_at(datetime(2026, 11, 1, 0, 30, tzinfo=berlin))
    # 30 September 22:30 UTC is 1 October 00:30 CEST.
    contact_at(datetime(2026, 9, 30, 22, 30, tzinfo=UTC))

    assert count_contacts(date(2026, 9, 1))[("contacts", "")] == 0
    assert count_contacts(date(2026, 10, 1))[("contacts", "")] == 7
    assert count_contacts(date(2026, 11, 1))[("contacts", "")] == 1


def test_people_and_advised_follow_the_local_month_too(db):
    person = factories.VisitorFactory(migration_background="yes")
    contact_at(datetime(2026, 1, 31, 23, 30, tzinfo=UTC), visitor=person, status=VisitStatus.DONE, concerns=["sgb12"])

    assert count_people(date(2026, 1, 1))[("people", "")] == 0
    assert count_people(date(2026, 2, 1))[("people.migration", "yes")] == 1
    assert count_advised(date(2026, 2, 1))[("advised.new_in_year", "sgb12")] == 1
    assert count_advised(date(2026, 1, 1))[("advised", "sgb12")] == 0


def test_a_referral_moved_just_after_local_midnight_counts_in_the_next_month(db):
    from referrals import lifecycle
    from referrals.services import referral_create, referral_move

    actor = factories.advisor()
    with at(datetime(2026, 1, 31, 22, 0, tzinfo=UTC)):  # 23:00 local, January
        referral = referral_create(
            actor=actor, visitor=factories.VisitorFactory(), office=factories.OfficeFactory(), benefit=Benefit.SGB2
        )
    with at(datetime(2026, 1, 31, 23, 30, tzinfo=UTC)):  # 00:30 local, February
        referral_move(referral=referral, to=lifecycle.APPLIED, actor=actor)

    assert count_applications(date(2026, 1, 1))[("applications", "all")] == 0
    assert count_applications(date(2026, 2, 1))[("applications", "sgb2")] == 1
    assert group(count_referrals(date(2026, 1, 1)), "funnel") == {"referred": 1, "applied": 1}


def test_applications_of_several_months_are_counted_as_each_month_alone(db):
    from datetime import UTC, date, datetime

    from referrals.models import OutcomeAnswer, ReferralOutcome
    from stats.counting import count_applications, count_applications_months
    from tests import factories as f

    for month, count in ((3, 4), (4, 2), (6, 5)):
        for day in range(1, count + 1):
            referral = f.ReferralFactory(benefit="sgb12" if day % 2 else "sgb2")
            ReferralOutcome.objects.create(
                referral=referral, answer=OutcomeAnswer.APPLIED, source="call_back", recorded_by=referral.created_by,
                recorded_at=datetime(2026, month, day, 10, tzinfo=UTC),
            )
    months = [date(2026, number, 1) for number in range(3, 7)]
    together = count_applications_months(months)
    assert together == {month: count_applications(month) for month in months}
    assert together[date(2026, 6, 1)][("applications", "all")] == 5
    assert together[date(2026, 5, 1)] == {("applications", "all"): 0}
