"""Receipt numbers under concurrency on real PostgreSQL: gapless, unique, in time order (security.md I1, I2, K3)."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, connections

from openarea.models import Receipt, ReceiptCounter
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


class DeliberateFailure(Exception):
    pass


def _issue_concurrently(count, *, fail_every=None, actor, office):
    """``count`` threads, each on its own connection, released together by a barrier."""
    barrier = threading.Barrier(count)
    errors, failures = [], []

    def work(index):
        try:
            barrier.wait()

            def fail(_receipt):
                if fail_every and index % fail_every == 0:
                    raise DeliberateFailure

            factories.receipt(actor=actor, office=office, applicant_name=f"Person {index}", fail_after_number=fail)
        except DeliberateFailure:
            failures.append(index)
        except Exception as error:  # noqa: BLE001 - every other error fails the test below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors, failures


@pytest.mark.django_db(transaction=True)
def test_100_concurrent_receipts_with_failures_get_consecutive_numbers_in_time_order():
    actor, office = factories.advisor(), factories.OfficeFactory()
    errors, failures = _issue_concurrently(100, fail_every=10, actor=actor, office=office)
    assert errors == []
    assert len(failures) == 10  # about 10 % failed after drawing a number
    receipts = list(Receipt.objects.order_by("number"))
    assert [r.number for r in receipts] == list(range(1, 91))  # no gap, no duplicate
    assert len({r.year for r in receipts}) == 1
    by_time = sorted(receipts, key=lambda r: r.received_at)
    assert [r.number for r in by_time] == [r.number for r in receipts]
    assert all(earlier.received_at < later.received_at for earlier, later in zip(receipts, receipts[1:], strict=False))
    assert ReceiptCounter.objects.get().last_number == 90


@pytest.mark.db_owner  # issue 21: travels in time; the app role's year comes from the database clock
@pytest.mark.django_db(transaction=True)
def test_the_year_rolls_over_at_local_midnight_under_50_concurrent_requests():
    actor, office = factories.advisor(), factories.OfficeFactory()
    factories.receipt(actor=actor, office=office)  # a receipt of the old year exists already
    with time_machine.travel(datetime(2026, 12, 31, 23, 59, 59, 900000, tzinfo=BERLIN), tick=True):
        errors, _failures = _issue_concurrently(50, actor=actor, office=office)
    assert errors == []
    for year in {r.year for r in Receipt.objects.all()}:
        numbers = sorted(Receipt.objects.filter(year=year).values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1)), year
    new_year = list(Receipt.objects.filter(year=2027).order_by("number"))
    assert new_year, "no request crossed midnight"
    assert new_year[0].number == 1
    for receipt in Receipt.objects.all():
        assert receipt.received_at.astimezone(BERLIN).year == receipt.year


@pytest.mark.db_owner  # issue 21: travels in time; the app role's year comes from the database clock
@pytest.mark.django_db
def test_the_year_is_the_local_year_in_berlin_not_utc():
    # 23:30 UTC on 31 December is already 00:30 on 1 January in Stuttgart.
    with time_machine.travel(datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        receipt = factories.receipt()
    assert receipt.display_number == "2027-000001"


@pytest.mark.django_db
def test_a_number_cannot_be_drawn_outside_the_transaction_of_the_receipt():
    from openarea.receipts.numbering import draw_number

    assert connection.in_atomic_block  # pytest-django's test transaction
    # Inside the test's transaction drawing works; the guard is for code without atomic().
    assert draw_number().number == 1
