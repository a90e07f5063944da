"""Saved checks for the re-screening tests (issue 20): a single parent whose Wohngeld was stored
lower than the law of NEW_LAW gives (so the re-run finds a change of chosen size)."""

import copy
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from infopoint.lib.roles import organisation_of
from intake.models import ConsentScope, FollowUp
from referrals import lifecycle
from screening.models import ScreeningRun
from screening.rules import evaluate_json
from tests.factories import ReferralFactory, VisitFactory, VisitorFactory, advisor

NEW_LAW = date(2026, 6, 1)
TODAY = date(2026, 5, 20)
HOUSEHOLD = {
    "as_of": "2026-03-01",
    "members": [
        {"id": "p1", "relation": "self", "age": 34, "incomes": [{"kind": "employment", "gross": "1800.00"}]},
        {"id": "p2", "relation": "child", "age": 6},
        {"id": "p3", "relation": "child", "age": 9},
    ],
    "housing": {"rent_cold": "750.00", "service_charges": "150.00", "heating": "90.00"},
}
# The engine's answer on NEW_LAW: Kindergeld 518, UVG 598, Wohngeld 511, Kinderzuschlag 325 (3,269 € a month).
TRUE_RESULT = evaluate_json(HOUSEHOLD, as_of=NEW_LAW)


def saved_result(wohngeld_less: str = "0.00", *, without_kiz: bool = False) -> dict:
    """What the check stored before the law changed: the new answer with a smaller Wohngeld."""
    result = copy.deepcopy(TRUE_RESULT)
    result["as_of"] = "2026-03-01"
    route = result["route"]
    for claim in route["claims"]:
        if claim["program"] == "wohngeld":
            claim["monthly_amount"] = str(Decimal(claim["monthly_amount"]) - Decimal(wohngeld_less))
    route["monthly_money"] = str(Decimal(route["monthly_money"]) - Decimal(wohngeld_less))
    if without_kiz:
        kiz = next(claim for claim in route["claims"] if claim["program"] == "kiz")
        route["claims"].remove(kiz)
        route["monthly_money"] = str(Decimal(route["monthly_money"]) - Decimal(kiz["monthly_amount"]))
    return result


def check(*, visitor=None, result=None, by=None, consent=ConsentScope.CALLBACK, open_case="follow_up", created_at=None, as_of=date(2026, 3, 1)):
    """A saved check of a visitor (who consents to ``consent``) with an open case of kind ``open_case``."""
    by = by or advisor()
    if visitor is None:
        visitor = VisitorFactory(consent_scope=consent)
        if open_case == "follow_up":
            FollowUp.objects.create(visitor=visitor, task="Bescheid nachreichen", due_on=TODAY, assigned_to=by)
        elif open_case == "referral":
            ReferralFactory(visitor=visitor, created_by=by)
        elif open_case == "finished_referral":
            ReferralFactory(visitor=visitor, created_by=by, status=lifecycle.GRANTED)
    visit = VisitFactory(visitor=visitor, advisor=by, organisation=organisation_of(by))
    return ScreeningRun.objects.create(
        input_data=HOUSEHOLD,
        result=result or saved_result("60.00"),
        as_of=as_of,
        rules_version="2026.03",
        param_digest="old",
        advisor=by,
        organisation=visit.organisation,
        visit=visit,
        created_at=created_at or timezone.now() - timedelta(days=30),
    )
