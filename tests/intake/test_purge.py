import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from intake.models import Visitor
from tests import factories

pytestmark = pytest.mark.django_db


def test_day_only_visitors_are_erased_after_their_day():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC)):
        yesterday = factories.VisitFactory(arrived_at=timezone.now(), visitor=factories.VisitorFactory(name="Herr Gestern")).visitor
        kept = factories.VisitFactory(arrived_at=timezone.now(), visitor=factories.VisitorFactory(name="Frau Bleibt", consent_scope="case_history")).visitor
    with time_machine.travel(datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)):
        today = factories.VisitFactory(arrived_at=timezone.now(), visitor=factories.VisitorFactory(name="Frau Heute")).visitor
        out = io.StringIO()
        call_command("intake_purge", stdout=out)
    assert Visitor.objects.get(pk=yesterday.pk).name == ""
    assert Visitor.objects.get(pk=kept.pk).name == "Frau Bleibt"
    assert Visitor.objects.get(pk=today.pk).name == "Frau Heute"
    assert "1 visitor" in out.getvalue()
    assert Visitor.objects.get(pk=yesterday.pk).visits.count() == 1  # the anonymous count stays
