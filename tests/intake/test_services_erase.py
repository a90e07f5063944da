import pytest

from intake.services import visitor_erase
from openarea.models import Receipt
from tests import factories

pytestmark = pytest.mark.django_db


def test_erasure_keeps_the_receipt_but_unlinks_it_from_the_person(advisor):
    visit = factories.VisitFactory(visitor=factories.VisitorFactory(name="Canary Erased"))
    receipt = factories.receipt(actor=advisor, visit=visit)
    visitor_erase(visitor=visit.visitor, actor=advisor)
    kept = Receipt.objects.get(pk=receipt.pk)
    assert kept.visit_id is None
    assert (kept.year, kept.number) == (receipt.year, receipt.number)
    assert kept.content_digest == receipt.content_digest  # nothing the receipt says has changed


def test_erasure_leaves_other_visitors_receipts_linked(advisor):
    other = factories.receipt(actor=advisor, visit=factories.VisitFactory())
    visitor_erase(visitor=factories.VisitFactory().visitor, actor=advisor)
    assert Receipt.objects.get(pk=other.pk).visit_id is not None
