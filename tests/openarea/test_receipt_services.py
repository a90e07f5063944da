"""Issuing receipts: one per submitted form, forwarding rules, kiosk pre-fills that expire."""

import threading
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import timezone

from openarea.models import Forwarding, HandInDraft, Receipt
from openarea.receipts import selectors, services
from openarea.receipts.working_days import next_working_day
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.django_db
def test_the_same_form_sent_twice_gives_one_receipt():
    token = uuid.uuid4()
    actor, office = factories.advisor(), factories.OfficeFactory()
    first = factories.receipt(actor=actor, office=office, token=token)
    second = factories.receipt(actor=actor, office=office, token=token)
    assert first.pk == second.pk
    assert Receipt.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_click_racing_itself_gives_one_receipt_and_no_gap():
    token = uuid.uuid4()
    actor, office = factories.advisor(), factories.OfficeFactory()
    barrier, results = threading.Barrier(5), []

    def click():
        try:
            barrier.wait()
            results.append(factories.receipt(actor=actor, office=office, token=token).pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1 and len(results) == 5
    assert Receipt.objects.count() == 1
    assert factories.receipt(actor=actor, office=office).number == 2  # the losers' numbers were rolled back


@pytest.mark.django_db
def test_a_receipt_needs_at_least_one_paper():
    with pytest.raises(ValidationError):
        factories.receipt(items=[])
    assert Receipt.objects.count() == 0


@pytest.mark.django_db
def test_the_receipt_keeps_what_it_printed_about_the_office():
    office = factories.OfficeFactory(name="Jobcenter Mitte")
    receipt = factories.receipt(office=office)
    office.name = "Jobcenter Stuttgart-Mitte"
    office.save()
    assert Receipt.objects.get(pk=receipt.pk).office_name == "Jobcenter Mitte"


@pytest.mark.django_db
def test_forwarding_is_recorded_once_and_not_before_arrival():
    receipt = factories.receipt()
    actor = factories.advisor()
    with pytest.raises(ValidationError):
        services.forwarding_record(receipt=receipt, actor=actor, forwarded_on=timezone.localdate() - timedelta(days=1), way="email")
    services.forwarding_record(receipt=receipt, actor=actor, forwarded_on=timezone.localdate(), way="email")
    with pytest.raises(ValidationError):
        services.forwarding_record(receipt=Receipt.objects.get(pk=receipt.pk), actor=actor, forwarded_on=timezone.localdate(), way="email")
    assert Forwarding.objects.count() == 1


def test_the_next_working_day_skips_weekends_and_holidays_in_baden_wuerttemberg():
    assert next_working_day(date(2026, 11, 27)) == date(2026, 11, 30)  # Friday → Monday
    assert next_working_day(date(2026, 4, 2)) == date(2026, 4, 7)  # Gründonnerstag → Tuesday after Easter
    assert next_working_day(date(2026, 12, 24)) == date(2026, 12, 28)
    assert next_working_day(date(2026, 1, 5)) == date(2026, 1, 7)  # Heilige Drei Könige


@pytest.mark.db_owner  # issue 21: back-dated receipts (time_machine) only as the owner
@pytest.mark.django_db
def test_a_receipt_not_forwarded_by_the_next_working_day_is_overdue():
    advisor = factories.advisor()
    with time_machine.travel(datetime(2026, 11, 27, 10, 0, tzinfo=BERLIN), tick=False):  # Friday
        late = factories.receipt(actor=advisor)
        forwarded = factories.receipt(actor=advisor)
        services.forwarding_record(receipt=forwarded, actor=advisor, forwarded_on=date(2026, 11, 27), way="internal_mail")
        cancelled = factories.receipt(actor=advisor)
        services.receipt_cancel(original=cancelled, actor=advisor, reason="doppelt")
    from infopoint.lib.roles import Role

    assert list(selectors.overdue_receipts(user=advisor, role=Role.ADVISOR, today=date(2026, 11, 30))) == []  # Monday: still in time
    assert list(selectors.overdue_receipts(user=advisor, role=Role.ADVISOR, today=date(2026, 12, 1))) == [late]


@pytest.mark.django_db
def test_a_kiosk_pre_fill_is_confirmed_into_a_receipt_and_then_gone():
    draft = services.hand_in_draft_create(applicant_name="Canary Kiosk", benefit="wohngeld", items=[], language="tr")
    assert selectors.hand_in_draft_find(code=draft.code.lower()) == draft
    factories.receipt(draft=draft, applicant_name=draft.applicant_name)
    assert not HandInDraft.objects.exists()


@pytest.mark.django_db
def test_an_unconfirmed_pre_fill_expires_at_the_end_of_the_day():
    with time_machine.travel(datetime(2026, 11, 25, 17, 0, tzinfo=BERLIN), tick=False):
        draft = services.hand_in_draft_create(applicant_name="Canary Kiosk", benefit="sgb2", items=[], language="de")
    with time_machine.travel(datetime(2026, 11, 25, 23, 59, tzinfo=BERLIN), tick=False):
        assert selectors.hand_in_draft_find(code=draft.code) is not None
    with time_machine.travel(datetime(2026, 11, 26, 0, 0, 1, tzinfo=BERLIN), tick=False):
        assert selectors.hand_in_draft_find(code=draft.code) is None
        services.hand_in_drafts_purge()
    assert not HandInDraft.objects.exists()
