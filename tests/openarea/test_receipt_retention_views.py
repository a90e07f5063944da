"""A receipt past its retention period: the stub is shown, nothing is printed again."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from infopoint.retention import receipt_anonymise
from openarea.models import Receipt
from tests import factories

# Issue 21: the receipt is issued in 2022 (time_machine): only the owner role may back-date.
pytestmark = [pytest.mark.django_db, pytest.mark.db_owner]


@pytest.fixture
def anonymised(advisor):
    with time_machine.travel(datetime.datetime(2022, 5, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        receipt = factories.receipt(actor=advisor, applicant_name="Canary Stub")
    receipt_anonymise(receipt, now=datetime.datetime(2025, 5, 3, 1, 0, tzinfo=datetime.UTC))
    return Receipt.objects.get(pk=receipt.pk)


def test_the_detail_page_says_the_personal_details_were_erased(advisor_client, anonymised):
    response = advisor_client.get(reverse("openarea:receipt-detail", kwargs={"pk": anonymised.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "after the retention period" in page or "Aufbewahrungsfrist" in page
    assert anonymised.display_number in page
    assert "Canary" not in page


@pytest.mark.parametrize("name", ["openarea:receipt-pdf", "openarea:receipt-label"])
def test_an_anonymised_receipt_is_not_printed_again(advisor_client, anonymised, name):
    response = advisor_client.get(reverse(name, kwargs={"pk": anonymised.pk}))
    assert response.status_code == 302
    assert response["Location"] == anonymised.get_absolute_url()
    assert not hasattr(Receipt.objects.get(pk=anonymised.pk), "document")


def test_verification_still_confirms_the_stub(advisor_client, anonymised):
    response = advisor_client.get(reverse("receipt-verify", kwargs={"code": anonymised.verification_code}))
    page = response.content.decode()
    assert response.status_code == 200
    assert anonymised.display_number in page
    assert "Canary" not in page
