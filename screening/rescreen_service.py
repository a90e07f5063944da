"""Re-screening (issue 20): when the law changes, find the visitors it affects.

``rescreen(as_of=...)`` takes the latest saved check of every visitor who consented to be called
back (``ConsentScope.CALLBACK``) and whose case is open (a referral not yet finished, or an open
follow-up), re-runs the engine on the household as saved with the law of ``as_of``, and lists
those whose route changes (``screening/rescreen.py``). For each listed visitor it stores the
re-run as a new run marked "Neuberechnung" (``kind=rescreen``, ``rescreen_of`` the check) and
gives the check's advisor a follow-up. The saved check itself is never changed.

Idempotent per date: a check already re-run for ``as_of`` keeps that re-run (one per check and
date, a database constraint) and gets no second follow-up, even when the first is done; nor is a
follow-up made where the same task is already open for the visitor and advisor. Checks
whose route does not change store nothing. Checks already on that law (their ``as_of`` on or after
the date) are skipped.

Speed (10,000 checks in under a minute): one query for the latest check per visitor (DISTINCT ON),
one for the earlier re-runs, one for the open follow-ups, bulk inserts; the engine runs in-process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from infopoint.lib.audited_bulk import audited_bulk
from intake.models import ConsentScope, FollowUp
from referrals import lifecycle
from referrals.models import Referral
from screening.local_value_selectors import DEFAULT_MUNICIPALITY, place_for
from screening.models import RunKind, ScreeningRun
from screening.rescreen import Change, compare
from screening.rules import InputError, evaluate_json

FOLLOW_UP_TASK = _("New law from %(date)s: check the result")
FOLLOW_UP_DAYS = 7
# Serialises two re-screenings started at once (command and page): the second waits.
_LOCK_KEY = 0x52455343  # "RESC"


@dataclass
class Item:
    """One visitor whose answer changes."""

    check: ScreeningRun  # the saved check (unchanged)
    result: dict  # the re-run's result
    changes: list[Change]
    run: ScreeningRun | None = None  # the stored re-run (None in a dry run)
    run_created: bool = False
    follow_up_created: bool = False

    @property
    def visitor(self):
        return self.check.visit.visitor

    @property
    def advisor(self):
        return self.check.advisor


@dataclass
class Report:
    as_of: date
    dry_run: bool
    checked: int = 0  # checks re-run
    skipped: int = 0  # checks already on this law (or later)
    items: list[Item] = field(default_factory=list)
    failed: list[tuple[ScreeningRun, str]] = field(default_factory=list)  # saved input the engine refuses now
    runs_created: int = 0
    follow_ups_created: int = 0


def follow_up_task(as_of: date) -> str:
    """The follow-up's task, stored in the Infopoint's language (German) like a typed one."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(str(FOLLOW_UP_TASK)) % {"date": as_of.strftime("%d.%m.%Y")}


def latest_checks():
    """The latest saved check (not a re-run) of every visitor to re-screen; one query.

    The open cases are two ``IN (subquery)`` sets (hashed by PostgreSQL), not correlated
    ``EXISTS``: with freshly written rows and old statistics the planner chose nested loops over
    them that ran past the 30 s statement timeout at 10,000 checks."""
    open_referrals = Referral.objects.exclude(status__in=sorted(lifecycle.FINISHED)).values("visitor_id")
    open_follow_ups = FollowUp.objects.filter(done_at__isnull=True).values("visitor_id")
    return (
        ScreeningRun.objects.filter(kind=RunKind.CHECK, visit__isnull=False, visit__visitor__consent_scope=ConsentScope.CALLBACK)
        .filter(Q(visit__visitor_id__in=open_referrals) | Q(visit__visitor_id__in=open_follow_ups))
        .select_related("visit__visitor", "advisor")
        .order_by("visit__visitor_id", "-created_at", "-pk")
        .distinct("visit__visitor_id")
    )


def rerun(check: ScreeningRun, as_of: date, local_values: list | None = None) -> tuple[dict, dict]:
    """The saved household with the new date and the city's confirmed records for it (not those
    saved with the check: they belong to the old date), and the engine's result (raises InputError)."""
    place = {key: value for key, value in (check.input_data.get("place") or {}).items() if key != "local_values"}
    if local_values:
        place["local_values"] = local_values
    household = {**check.input_data, "as_of": as_of.isoformat()}
    if place or "place" in check.input_data:
        household["place"] = place
    return household, evaluate_json(household, as_of=as_of)


def rescreen(*, as_of: date, dry_run: bool = False, today: date | None = None) -> Report:
    today = today or timezone.localdate()
    report = Report(as_of=as_of, dry_run=dry_run)
    with transaction.atomic():
        if not dry_run:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        # One read of the city's records for the new date, not one per check.
        local_values = place_for(DEFAULT_MUNICIPALITY, as_of).get("local_values")
        latest = list(latest_checks())
        checks = [check for check in latest if check.as_of < as_of]
        report.skipped = len(latest) - len(checks)
        earlier = {
            run.rescreen_of_id: run
            for run in ScreeningRun.objects.filter(
                kind=RunKind.RESCREEN, as_of=as_of, rescreen_of_id__in=[check.pk for check in checks]
            )
        }
        new_runs: list[ScreeningRun] = []
        for check in checks:
            previous = earlier.get(check.pk)
            if previous is not None:
                report.checked += 1
                changes = compare(check.result, previous.result)
                if changes:
                    report.items.append(Item(check=check, result=previous.result, changes=changes, run=previous))
                continue
            try:
                household, result = rerun(check, as_of, local_values)
            except InputError as error:
                report.failed.append((check, str(error)))
                continue
            report.checked += 1
            changes = compare(check.result, result)
            if not changes:
                continue
            item = Item(check=check, result=result, changes=changes)
            report.items.append(item)
            if not dry_run:
                item.run = ScreeningRun(
                    input_data=household,
                    result=result,
                    as_of=as_of,
                    rules_version=result["rules_version"],
                    param_digest=result["parameter_digest"],
                    advisor_id=check.advisor_id,
                    organisation=check.organisation,
                    visit_id=check.visit_id,
                    kind=RunKind.RESCREEN,
                    rescreen_of=check,
                )
                item.run_created = True
                new_runs.append(item.run)
        if dry_run:
            return report
        with audited_bulk("re-screening on a new date of the law"):
            ScreeningRun.objects.bulk_create(new_runs, batch_size=500)
        report.runs_created = len(new_runs)
        report.follow_ups_created = _follow_ups(report, today=today)
    return report


def _follow_ups(report: Report, *, today: date) -> int:
    """A follow-up for the check's advisor per re-run stored now, unless the same one is open."""
    task = follow_up_task(report.as_of)
    visitor_ids = {item.check.visit.visitor_id for item in report.items}
    open_ones = set(
        FollowUp.objects.filter(visitor_id__in=visitor_ids, task=task, done_at__isnull=True).values_list(
            "visitor_id", "assigned_to_id"
        )
    )
    follow_ups = []
    for item in report.items:
        key = (item.check.visit.visitor_id, item.check.advisor_id)
        # A re-run found from an earlier re-screening had its follow-up then (done or not).
        if not item.run_created or key in open_ones:
            continue
        open_ones.add(key)
        item.follow_up_created = True
        follow_ups.append(
            FollowUp(
                visitor_id=key[0],
                task=task,
                due_on=today + timedelta(days=FOLLOW_UP_DAYS),
                assigned_to_id=key[1],
                organisation=item.check.organisation,
                screening_run=item.run,
            )
        )
    with audited_bulk("re-screening on a new date of the law"):
        FollowUp.objects.bulk_create(follow_ups, batch_size=500)
    return len(follow_ups)
