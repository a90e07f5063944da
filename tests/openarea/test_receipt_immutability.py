"""Receipts are never changed or deleted; a cancelling receipt corrects a mistake (security.md I3)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from openarea.models import ImmutableRecordError, Receipt, ReceiptDocument
from openarea.receipts import services
from tests import factories

# Issue 21: the triggers are the second line and hold even for the owner role; the app role is refused earlier by its privileges (tests/infopoint/test_db_roles.py).
pytestmark = [pytest.mark.django_db, pytest.mark.db_owner]


def test_saving_a_changed_receipt_fails():
    receipt = factories.receipt()
    receipt.applicant_name = "Someone Else"
    with pytest.raises(ImmutableRecordError):
        receipt.save()
    assert Receipt.objects.get(pk=receipt.pk).applicant_name == "Canary Antragsteller"


def test_deleting_a_receipt_fails():
    receipt = factories.receipt()
    with pytest.raises(ImmutableRecordError):
        receipt.delete()
    with pytest.raises(ImmutableRecordError):
        Receipt.objects.filter(pk=receipt.pk).delete()
    assert Receipt.objects.filter(pk=receipt.pk).exists()


def test_queryset_update_fails():
    receipt = factories.receipt()
    with pytest.raises(ImmutableRecordError):
        Receipt.objects.filter(pk=receipt.pk).update(applicant_name="X")


@pytest.mark.parametrize(
    "sql",
    ["UPDATE openarea_receipt SET number = number + 100", "UPDATE openarea_receipt SET applicant_name = 'X'", "DELETE FROM openarea_receipt"],
)
def test_the_database_refuses_changes_that_bypass_the_orm(sql):
    factories.receipt()
    with pytest.raises(DatabaseError, match="receipts are immutable"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


def test_the_base_manager_cannot_change_a_receipt_either():
    receipt = factories.receipt()
    with pytest.raises(DatabaseError, match="receipts are immutable"), transaction.atomic():
        Receipt._base_manager.filter(pk=receipt.pk).update(remarks="changed")


def test_the_stored_pdf_cannot_be_replaced():
    receipt = factories.receipt()
    document = services.receipt_document_store(receipt=receipt, pdf=b"%PDF-1.7 original")
    with pytest.raises(ImmutableRecordError):
        ReceiptDocument.objects.filter(pk=document.pk).update(pdf=b"%PDF forged")
    with pytest.raises(DatabaseError, match="receipts are immutable"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE openarea_receiptdocument SET sha256 = 'x'")
    assert services.receipt_document_store(receipt=receipt, pdf=b"%PDF other").sha256 == document.sha256


def test_deleting_the_contact_keeps_the_receipt_and_only_unlinks_it():
    visit = factories.VisitFactory()
    receipt = factories.receipt(visit=visit)
    visit.visitor.delete()
    receipt = Receipt.objects.get(pk=receipt.pk)
    assert receipt.visit is None
    assert receipt.content_digest == services.receipt_content_digest(receipt)


def test_a_cancelling_receipt_references_the_original_and_both_stay():
    original = factories.receipt()
    cancellation = services.receipt_cancel(original=original, actor=factories.advisor(), reason="Falsche Leistung")
    assert cancellation.cancels == original
    assert cancellation.number == original.number + 1
    assert Receipt.objects.get(pk=original.pk).cancelling_receipt == cancellation
    assert Receipt.objects.count() == 2


def test_a_receipt_cannot_be_cancelled_twice():
    original = factories.receipt()
    services.receipt_cancel(original=original, actor=factories.advisor(), reason="Tippfehler")
    with pytest.raises(ValidationError):
        services.receipt_cancel(original=Receipt.objects.get(pk=original.pk), actor=factories.advisor(), reason="nochmal")
    assert Receipt.objects.count() == 2


def test_a_cancelling_receipt_cannot_be_cancelled():
    cancellation = services.receipt_cancel(original=factories.receipt(), actor=factories.advisor(), reason="Tippfehler")
    with pytest.raises(ValidationError):
        services.receipt_cancel(original=cancellation, actor=factories.advisor(), reason="nochmal")
