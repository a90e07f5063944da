"""The note for the office summarises the check from its route (issue 18), in German."""

import copy

import pytest
from django.utils import timezone, translation

from referrals.models import Benefit
from referrals.slip import office_note_facts
from screening.services import screening_run_create
from tests.factories import ReferralFactory
from tests.screening.test_result_route_view import MOTHER

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(advisor):
    run = screening_run_create(household=MOTHER, actor=advisor)
    return ReferralFactory(benefit=Benefit.KINDERZUSCHLAG, created_by=advisor, screening_run=run, shared_fields=["screening"], consent_on=timezone.localdate())


def test_the_office_note_names_the_routes_claims_and_amounts(referral):
    with translation.override("ar"):  # the note is German whatever the page's language
        facts = dict(office_note_facts(referral))
    summary = facts["Ergebnis der Prüfung"]
    assert summary.startswith("In dieser Reihenfolge beantragen: Kindergeld: 518,00 € im Monat; Unterhaltsvorschuss: 526,00 € im Monat; Wohngeld: 634,00 € im Monat; Kinderzuschlag: 357,00 € im Monat")
    assert "(anstelle von Bürgergeld / Grundsicherungsgeld)" in summary
    assert "Geld des Haushalts im Monat in dieser Reihenfolge: 2.935,00 €" in summary
    assert "1.377,68" not in summary and "wahrscheinlich" not in summary  # not the stand-alone programmes


def test_a_check_saved_before_routes_gives_its_stored_order(referral):
    run = referral.screening_run
    old = copy.deepcopy(run.result)
    del old["route"]
    run.result = old
    run.save(update_fields=["result"])
    summary = dict(office_note_facts(referral))["Ergebnis der Prüfung"]
    assert summary == "In dieser Reihenfolge beantragen: Kindergeld; Unterhaltsvorschuss; Wohngeld; Kinderzuschlag (anstelle von Bürgergeld / Grundsicherungsgeld)"
