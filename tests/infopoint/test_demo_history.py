"""The generated demo history: consistent with what the real services write, and created once."""

import io
from collections import defaultdict
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from infopoint.demo_history import HISTORY_ADVISORS, demo_history_create
from infopoint.lib.opening_hours import closed_days, weekly_periods
from infopoint.lib.stuttgart import Organisation
from intake.models import ConsentScope, Event, Visit, Visitor
from openarea.models import (
    Forwarding,
    KioskUsage,
    Receipt,
    ReceiptCounter,
    UsageKind,
    YellowCard,
    YellowCardStatusChange,
)
from openarea.receipts.services import receipt_content_digest
from openarea.receipts.working_days import next_working_day
from referrals import lifecycle
from referrals.demo_offices import DEMO_OFFICES
from referrals.models import Office, Referral, ReferralOutcome, ReferralStatusChange

# Issue 21: demo data is back-dated history: seeded as the owner role (make run does the same).
pytestmark = [pytest.mark.django_db, pytest.mark.db_owner, pytest.mark.usefixtures("official_portals")]

BERLIN = ZoneInfo("Europe/Berlin")
# Two months that cross New Year, so that two receipt years are numbered.
TODAY = date(2026, 1, 21)
START_OF_TODAY = datetime.combine(TODAY, time.min, tzinfo=BERLIN)


@pytest.fixture
def offices(db):
    for office in DEMO_OFFICES:
        Office.objects.get_or_create(name=office["name"], defaults=office)


@pytest.fixture
def history(opening_hours, offices):
    return demo_history_create(today=TODAY, months=2)


def test_it_creates_contacts_referrals_receipts_cards_and_kiosk_counts(history):
    assert history["visits"] > 150
    assert history["visits"] == Visit.objects.count()
    assert history["referrals"] == Referral.objects.count() > 50
    assert history["receipts"] == Receipt.objects.count() > 10
    assert history["yellow_cards"] == YellowCard.objects.count() > 3
    assert history["events"] == Event.objects.count() > 0
    assert KioskUsage.objects.exists()


def test_contacts_lie_on_opening_days_within_the_opening_hours(history):
    week = weekly_periods()
    closed = closed_days(date(2025, 11, 1), TODAY)
    for visit in Visit.objects.all():
        arrived = visit.arrived_at.astimezone(BERLIN)
        assert arrived.date() not in closed, visit.arrived_at
        periods = week.get(arrived.weekday(), [])
        assert any(opens <= arrived.time() < closes for opens, closes in periods), arrived
        if visit.taken_at:
            taken = visit.taken_at.astimezone(BERLIN)
            assert any(opens <= taken.time() <= closes for opens, closes in periods), taken


def test_a_second_run_creates_nothing(history):
    counts = (Visit.objects.count(), Referral.objects.count(), Receipt.objects.count(), KioskUsage.objects.count(), User.objects.count())
    assert demo_history_create(today=TODAY, months=2) == {}
    assert (Visit.objects.count(), Referral.objects.count(), Receipt.objects.count(), KioskUsage.objects.count(), User.objects.count()) == counts


def test_nothing_is_added_to_a_database_with_older_contacts(opening_hours, offices):
    from tests.factories import VisitFactory

    VisitFactory(arrived_at=datetime(2025, 10, 1, 10, 0, tzinfo=BERLIN))
    assert demo_history_create(today=TODAY, months=2) == {}
    assert Visit.objects.count() == 1


def test_receipt_numbers_run_from_one_without_gaps_in_time_order_and_the_counter_matches(history):
    by_year = defaultdict(list)
    for receipt in Receipt.objects.order_by("received_at"):
        by_year[receipt.year].append(receipt)
        assert receipt.received_at.astimezone(BERLIN).year == receipt.year
        assert receipt_content_digest(receipt) == receipt.content_digest
    assert set(by_year) == {2025, 2026}
    for year, receipts in by_year.items():
        assert [receipt.number for receipt in receipts] == list(range(1, len(receipts) + 1))
        assert ReceiptCounter.objects.get(year=year).last_number == len(receipts)


def test_receipts_belong_to_a_contact_of_the_issuing_organisation(history):
    for receipt in Receipt.objects.select_related("visit", "issued_by__staff_profile"):
        assert receipt.visit.outcome == "handed_in"
        assert receipt.organisation == receipt.visit.organisation == receipt.issued_by.staff_profile.organisation
        assert receipt.applicant_name
        assert receipt.visit.visitor.consent_scope != ConsentScope.DAY_ONLY


def test_papers_are_forwarded_after_they_arrived_mostly_by_the_next_working_day(history):
    forwardings = list(Forwarding.objects.select_related("receipt"))
    assert forwardings
    in_time = 0
    for forwarding in forwardings:
        received_on = forwarding.receipt.received_at.astimezone(BERLIN).date()
        assert received_on <= forwarding.forwarded_on < TODAY
        assert forwarding.receipt.received_at < forwarding.recorded_at < START_OF_TODAY
        in_time += forwarding.forwarded_on <= next_working_day(received_on)
    assert in_time / len(forwardings) > 0.85


def test_referral_status_follows_the_lifecycle_and_matches_its_last_change(history):
    for referral in Referral.objects.prefetch_related("status_changes"):
        changes = list(referral.status_changes.all())
        assert (changes[0].from_status, changes[0].to_status) == ("", lifecycle.PLANNED)
        assert changes[0].changed_at == referral.created_at
        for before, after in zip(changes, changes[1:], strict=False):
            assert after.from_status == before.to_status
            assert lifecycle.may_move(before.to_status, after.to_status), (before, after)
            assert after.changed_at >= before.changed_at
        assert changes[-1].to_status == referral.status
        assert changes[-1].changed_at == referral.status_changed_at
        assert bool(referral.closed_reason) == (referral.status == lifecycle.CLOSED)
        if any(change.to_status == lifecycle.APPOINTMENT_MADE for change in changes):
            assert referral.appointment_at is not None


def test_outcomes_that_close_a_referral_carry_the_reason(history):
    outcomes = ReferralOutcome.objects.select_related("referral")
    assert outcomes.exists()
    for outcome in outcomes:
        if outcome.answer == "did_nothing":
            assert outcome.reason
            assert outcome.referral.status == lifecycle.CLOSED
            assert outcome.referral.closed_reason == outcome.reason
        if outcome.answer == "applied":
            assert outcome.referral.status_changes.filter(to_status=lifecycle.APPLIED, changed_at=outcome.recorded_at).exists()


def test_nothing_is_dated_today_or_later_except_an_open_referrals_appointment(history):
    moments = [
        *Visit.objects.values_list("arrived_at", flat=True),
        *Visit.objects.exclude(taken_at=None).values_list("taken_at", flat=True),
        *Visit.objects.values_list("finished_at", flat=True),
        *Visitor.objects.values_list("created_at", flat=True),
        *Referral.objects.values_list("created_at", flat=True),
        *Referral.objects.values_list("status_changed_at", flat=True),
        *ReferralStatusChange.objects.values_list("changed_at", flat=True),
        *ReferralOutcome.objects.values_list("recorded_at", flat=True),
        *Receipt.objects.values_list("received_at", flat=True),
        *YellowCard.objects.values_list("created_at", flat=True),
        *YellowCardStatusChange.objects.values_list("changed_at", flat=True),
    ]
    assert max(moments) < START_OF_TODAY
    days = [*KioskUsage.objects.values_list("day", flat=True), *Event.objects.values_list("date", flat=True)]
    assert max(days) < TODAY
    for referral in Referral.objects.filter(appointment_at__gte=START_OF_TODAY):
        assert referral.status == lifecycle.APPOINTMENT_MADE


def test_every_record_passes_the_models_validation(history):
    for visitor in Visitor.objects.all():
        visitor.full_clean()
    for model in (Visit, Referral, ReferralOutcome, Event, YellowCard, KioskUsage, Forwarding):
        for record in model.objects.all():
            record.full_clean()
    for receipt in Receipt.objects.all():
        receipt.full_clean(exclude=["verification_code", "form_token"])


def test_visitors_who_consented_to_the_day_only_hold_no_personal_details(history):
    day_only = Visitor.objects.filter(consent_scope=ConsentScope.DAY_ONLY)
    assert day_only.exists()
    assert not day_only.exclude(name="", description="", contact="").exists()


def test_kiosk_counts_match_the_advice_requests_and_cards_of_the_day(history):
    advice = sum(KioskUsage.objects.filter(kind=UsageKind.ADVICE_REQUESTED).values_list("count", flat=True))
    assert advice == Visit.objects.filter(from_kiosk=True).count()
    feedback = sum(KioskUsage.objects.filter(kind=UsageKind.FEEDBACK_GIVEN).values_list("count", flat=True))
    assert feedback == YellowCard.objects.count()


def test_the_invented_advisors_cannot_log_in_and_serve_both_organisations(history):
    for username, _organisation, _first, _last in HISTORY_ADVISORS:
        assert not User.objects.get(username=username).has_usable_password()
        assert authenticate(username=username, password="") is None
    organisations = set(Visit.objects.values_list("organisation", flat=True))
    assert organisations == {Organisation.JOBCENTER, Organisation.SOZIALAMT}


def test_a_demo_receipt_opens_and_prints_without_a_stored_pdf(history, advisor, advisor_client):
    receipt = Receipt.objects.filter(organisation=Organisation.JOBCENTER).first()
    response = advisor_client.get(reverse("openarea:receipt-detail", kwargs={"pk": receipt.pk}))
    assert response.status_code == 200
    assert receipt.display_number in response.content.decode()
    pdf = advisor_client.get(reverse("openarea:receipt-pdf", kwargs={"pk": receipt.pk}))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_demo_data_without_demo_mode_creates_no_history(settings, opening_hours):
    settings.DEMO_MODE = False
    call_command("demo_data", stdout=io.StringIO())
    assert not Visit.objects.exists()
    assert not Receipt.objects.exists()
    assert not KioskUsage.objects.exists()
    assert not YellowCard.objects.exists()
