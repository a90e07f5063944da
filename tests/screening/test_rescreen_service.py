"""Re-screening (issue 20), the service: who is re-run, what is stored, follow-ups once."""

import copy
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from intake.models import ConsentScope, FollowUp
from screening.models import LocalValue, RunKind, ScreeningRun
from screening.rescreen import DOWN, MONTHLY_MONEY, NEW, UP, Change
from screening.rescreen_service import follow_up_task, latest_checks, rescreen
from screening.rules import evaluate_json
from tests import factories
from tests.screening.rescreen_data import HOUSEHOLD, NEW_LAW, TODAY, TRUE_RESULT, check, saved_result

pytestmark = pytest.mark.django_db

def test_only_visitors_to_call_back_with_an_open_case_are_selected():
    with_follow_up = check()
    with_referral = check(open_case="referral")
    check(open_case="finished_referral")
    check(open_case=None)
    check(consent=ConsentScope.CASE_HISTORY)
    check(consent=ConsentScope.DAY_ONLY, open_case="referral")
    assert {run.pk for run in latest_checks()} == {with_follow_up.pk, with_referral.pk}


def test_a_done_follow_up_is_no_open_case():
    run = check(open_case=None)
    FollowUp.objects.create(visitor=run.visit.visitor, task="erledigt", due_on=TODAY, assigned_to=run.advisor, done_at=timezone.now())
    assert list(latest_checks()) == []


def test_only_the_latest_check_of_a_visitor_is_rerun():
    older = check(result=saved_result("60.00"), created_at=timezone.now() - timedelta(days=90))
    latest = check(visitor=older.visit.visitor, result=saved_result("0.00"), by=older.advisor)
    assert [run.pk for run in latest_checks()] == [latest.pk]
    report = rescreen(as_of=NEW_LAW, today=TODAY)
    assert report.checked == 1 and report.items == []  # the latest check's answer stays the same


def test_a_changed_route_is_listed_stored_as_a_new_run_and_the_check_stays():
    saved = check(result=saved_result("60.00", without_kiz=True))
    before = (copy.deepcopy(saved.result), copy.deepcopy(saved.input_data), saved.as_of, saved.kind)
    report = rescreen(as_of=NEW_LAW, today=TODAY)
    [item] = report.items
    assert item.changes == [
        Change("wohngeld", UP, Decimal("60.00")),
        Change("kiz", NEW, Decimal("325.00")),
        Change(MONTHLY_MONEY, UP, Decimal("385.00")),
    ]
    saved.refresh_from_db()
    assert (saved.result, saved.input_data, saved.as_of, saved.kind) == before  # nothing changed in the saved check
    new = ScreeningRun.objects.get(kind=RunKind.RESCREEN)
    assert new.rescreen_of == saved and new.is_rescreen and not saved.is_rescreen
    assert (new.visit, new.advisor, new.organisation, new.as_of) == (saved.visit, saved.advisor, saved.organisation, NEW_LAW)
    assert new.input_data["as_of"] == "2026-06-01" and new.result["as_of"] == "2026-06-01"
    assert new.input_data["members"] == HOUSEHOLD["members"]
    assert new.result["route"] == TRUE_RESULT["route"]


def test_the_saved_date_in_the_input_does_not_win():
    saved = check()
    saved.input_data = {**HOUSEHOLD, "as_of": "2025-06-01"}
    saved.save()
    [item] = rescreen(as_of=NEW_LAW, today=TODAY).items
    assert item.result["as_of"] == "2026-06-01"


def test_changes_of_9_99_are_not_listed_10_01_are():
    small = check(result=saved_result("9.99"))
    large = check(result=saved_result("10.01"))
    report = rescreen(as_of=NEW_LAW, today=TODAY)
    assert [item.check.pk for item in report.items] == [large.pk]
    assert ScreeningRun.objects.filter(kind=RunKind.RESCREEN).get().rescreen_of == large
    assert not FollowUp.objects.filter(visitor=small.visit.visitor, screening_run__isnull=False).exists()


def test_a_falling_amount_is_listed():
    check(result=saved_result("-60.00"))
    [item] = rescreen(as_of=NEW_LAW, today=TODAY).items
    assert Change("wohngeld", DOWN, Decimal("60.00")) in item.changes


def test_the_advisor_gets_one_follow_up_and_running_again_duplicates_nothing():
    saved = check()
    first = rescreen(as_of=NEW_LAW, today=TODAY)
    follow_up = FollowUp.objects.get(screening_run__isnull=False)
    assert follow_up.task == "Neue Rechtslage ab 01.06.2026: Ergebnis prüfen" == follow_up_task(NEW_LAW)
    assert (follow_up.visitor, follow_up.assigned_to, follow_up.organisation) == (saved.visit.visitor, saved.advisor, saved.organisation)
    assert follow_up.due_on == TODAY + timedelta(days=7) and follow_up.done_at is None
    assert follow_up.screening_run == first.items[0].run
    assert (first.runs_created, first.follow_ups_created) == (1, 1)

    again = rescreen(as_of=NEW_LAW, today=TODAY)
    assert (again.runs_created, again.follow_ups_created, len(again.items)) == (0, 0, 1)
    assert again.items[0].run == first.items[0].run  # the stored re-run is found again
    assert ScreeningRun.objects.filter(kind=RunKind.RESCREEN).count() == 1
    assert FollowUp.objects.filter(screening_run__isnull=False).count() == 1


def test_a_done_follow_up_is_not_given_again_for_the_same_date_but_for_a_new_one():
    check()
    rescreen(as_of=NEW_LAW, today=TODAY)
    for follow_up in FollowUp.objects.filter(screening_run__isnull=False):
        follow_up.done_at = timezone.now()
        follow_up.save()
    rescreen(as_of=NEW_LAW, today=TODAY)
    assert ScreeningRun.objects.filter(kind=RunKind.RESCREEN).count() == 1
    assert FollowUp.objects.filter(screening_run__isnull=False).count() == 1
    rescreen(as_of=date(2026, 7, 1), today=TODAY)
    assert ScreeningRun.objects.filter(kind=RunKind.RESCREEN).count() == 2
    assert FollowUp.objects.filter(screening_run__isnull=False, done_at__isnull=True).count() == 1


def test_no_follow_up_where_the_same_task_is_open():
    saved = check()
    FollowUp.objects.create(visitor=saved.visit.visitor, task=follow_up_task(NEW_LAW), due_on=TODAY, assigned_to=saved.advisor)
    report = rescreen(as_of=NEW_LAW, today=TODAY)
    assert (report.runs_created, report.follow_ups_created) == (1, 0)


def test_a_dry_run_stores_nothing():
    check()
    report = rescreen(as_of=NEW_LAW, dry_run=True, today=TODAY)
    assert len(report.items) == 1 and report.items[0].run is None
    assert not ScreeningRun.objects.filter(kind=RunKind.RESCREEN).exists()
    assert not FollowUp.objects.filter(screening_run__isnull=False).exists()


def test_recalculations_are_not_rerun_and_checks_on_the_new_law_are_skipped():
    check()
    rescreen(as_of=NEW_LAW, today=TODAY)
    later = check(as_of=date(2026, 7, 1))
    report = rescreen(as_of=NEW_LAW, dry_run=True, today=TODAY)
    assert report.skipped == 1 and report.checked == 1
    assert later.pk not in {item.check.pk for item in report.items}


def test_a_saved_household_the_engine_refuses_now_is_reported_not_raised():
    broken = check()
    broken.input_data = {**HOUSEHOLD, "members": []}
    broken.save()
    report = rescreen(as_of=NEW_LAW, today=TODAY)
    assert [run.pk for run, _message in report.failed] == [broken.pk]
    assert report.items == []


def test_the_queries_do_not_grow_with_the_number_of_checks():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(6):
        check()
    with CaptureQueriesContext(connection) as context:
        report = rescreen(as_of=NEW_LAW, today=TODAY)
    assert (report.runs_created, report.follow_ups_created) == (6, 6)
    # The audit log writes one entry per stored row (infopoint/lib/audited_bulk.py); all else is fixed.
    audit = [query for query in context.captured_queries if "auditlog_logentry" in query["sql"]]
    assert len(audit) == 12
    assert len(context.captured_queries) - len(audit) <= 9  # incl. one read of the city's records


def test_the_rerun_uses_the_citys_confirmed_record_for_the_new_date_not_the_saved_one():
    saved = check()
    old_record = {"parameter": "local.stuttgart.mietenstufe", "valid_from": "2026-01-01", "valid_to": "2026-05-31",
                  "value": 6, "reference": "GRDrs 1/2026 (Testwert)", "status": "verified"}  # fmt: skip
    saved.input_data = {**saved.input_data, "place": {"municipality": "Stuttgart", "local_values": [old_record]}}
    saved.save()
    LocalValue.objects.create(
        parameter="local.stuttgart.mietenstufe", valid_from=NEW_LAW, value=7, source_document="GRDrs 2/2026 (Testwert)",
        entered_by=saved.advisor, confirmed_by=factories.UserFactory(), confirmed_at=timezone.now(),
    )  # fmt: skip
    [item] = rescreen(as_of=NEW_LAW, today=TODAY).items
    new = ScreeningRun.objects.get(kind=RunKind.RESCREEN)
    assert [v["reference"] for v in new.input_data["place"]["local_values"]] == ["GRDrs 2/2026 (Testwert)"]
    citations = " ".join(step["citation"] for step in item.result["programs"]["wohngeld"]["steps"])
    assert "GRDrs 2/2026 (Testwert)" in citations and "GRDrs 1/2026" not in citations


def test_the_real_engine_on_1_january_2027_lists_nobody_when_only_the_certainty_changes():
    """On 15.01.2027 the 2026 values are carried on (law.md: nothing enacted for 2027): the amounts
    stay, only "likely" becomes "possible" — nobody's answer changes by 10 €, nothing is stored."""
    household = {**HOUSEHOLD, "as_of": "2026-12-07"}
    saved = check(result=evaluate_json(household), as_of=date(2026, 12, 7))
    saved.input_data = household
    saved.save()
    report = rescreen(as_of=date(2027, 1, 15), today=date(2026, 12, 8))
    assert report.checked == 1 and report.items == []
    assert not ScreeningRun.objects.filter(kind=RunKind.RESCREEN).exists()
