"""Live counts of one local month, straight from the case data (only aggregates leave here).

A month is a calendar month in Europe/Berlin: a contact at 23:30 UTC on 31 January belongs
to February (security.md K2). Every function returns raw counts keyed by (metric, subgroup);
``stats.figures`` suppresses small cells when they are published, and ``stats.services``
freezes them when a month is closed. Each metric's meaning is written once, in
``stats.dashboard``, next to the figure that shows it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q

from intake.models import Visit, Visitor, VisitStatus
from openarea.models import Receipt, ReceiptKind
from referrals import lifecycle
from referrals.models import OutcomeAnswer, Referral, ReferralOutcome, ReferralStatusChange
from stats.counting_minor import PARTS as MINOR_PARTS
from stats.counting_minor import count_minor
from stats.months import BERLIN, NOT_RECORDED, Counts, first_of_month, month_bounds, next_month  # noqa: F401 - also read from here
from stats.months import keyed as _keyed

ALL = "all"
# The two legal areas the Infopoint's targets are set for (concept, section 8).
TARGET_AREAS = ("sgb2", "sgb12")
FUNNEL_STAGES = ("advised", "referred", "appointment", "attended", "applied", "granted")
# The visitor's fields counted per person, in the order count_people reads them.
REFERRAL_STAGES = ("referred", "appointment", "attended", "applied", "granted", "not_applying")


CONTACT_DIMENSIONS = (
    ("channel", "contacts.channel"),
    ("service", "contacts.service"),
    ("language", "contacts.language"),
    ("interpreter", "contacts.interpreter"),
    ("clearing", "contacts.clearing"),
)
# One scan of the month's contacts for every breakdown (GROUPING SETS), instead of one query each.
CONTACTS_SQL = """
SELECT {columns}, {groupings}, count(*), count(*) FILTER (WHERE from_kiosk)
FROM {visit}
WHERE arrived_at >= %(start)s AND arrived_at < %(end)s
GROUP BY GROUPING SETS ({sets}, ())
"""

PEOPLE_DIMENSIONS = (
    ("migration_background", "people.migration"),
    ("district", "people.district"),
    ("age_band", "people.age_band"),
)
PEOPLE_SQL = """
SELECT {columns}, {groupings}, count(*)
FROM {visitor}
WHERE id IN (SELECT visitor_id FROM {visit} WHERE arrived_at >= %(start)s AND arrived_at < %(end)s)
GROUP BY GROUPING SETS ({sets}, ())
"""


def _grouped(sql: str, dimensions, params: dict, **tables) -> list[tuple[str | None, str | None, list[int]]]:
    """Rows of a GROUPING SETS query as (metric or None for the total row, value, counts)."""
    columns = [column for column, _metric in dimensions]
    query = sql.format(
        columns=", ".join(columns),
        groupings=", ".join(f"GROUPING({column})" for column in columns),
        sets=", ".join(f"({column})" for column in columns),
        **tables,
    )
    rows = []
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for row in cursor.fetchall():
            values, groupings, counts = row[: len(columns)], row[len(columns) : 2 * len(columns)], list(row[2 * len(columns) :])
            grouped = [index for index, flag in enumerate(groupings) if flag == 0]
            if grouped:
                rows.append((dimensions[grouped[0]][1], values[grouped[0]], counts))
            else:
                rows.append((None, None, counts))
    return rows


def count_contacts(month: date) -> Counts:
    start, end = month_bounds(month)
    counts: Counts = {("contacts", ""): 0, ("contacts.from_kiosk", ""): 0}
    rows = _grouped(CONTACTS_SQL, CONTACT_DIMENSIONS, {"start": start, "end": end}, visit=Visit._meta.db_table)
    for metric, value, (contacts, from_kiosk) in rows:
        if metric is None:
            counts[("contacts", "")], counts[("contacts.from_kiosk", "")] = contacts, from_kiosk
        elif metric == "contacts.clearing" and not value:
            continue  # not a clearing case
        else:
            counts |= _keyed(metric, [(value, contacts)])
    return counts


def count_people(month: date) -> Counts:
    """Different people with at least one contact in the month, by what they told about themselves."""
    start, end = month_bounds(month)
    counts: Counts = {("people", ""): 0}
    rows = _grouped(
        PEOPLE_SQL, PEOPLE_DIMENSIONS, {"start": start, "end": end}, visit=Visit._meta.db_table, visitor=Visitor._meta.db_table
    )
    for metric, value, (people,) in rows:
        if metric is None:
            counts[("people", "")] = people
        else:
            counts |= _keyed(metric, [(value, people)])
    return counts


# Per person and month: advised at all, and on each target area; then, per person, the first
# month of the year with such a contact. One scan of the year so far answers every asked month
# (the four anti-joins per month it replaces each read the whole year again). Raw SQL because the
# ORM has no aggregate window functions with FILTER.
ADVISED_SQL = """
WITH per_month AS (
    SELECT visitor_id, date_trunc('month', arrived_at AT TIME ZONE %(zone)s)::date AS month, {area_flags}
    FROM {visit}
    WHERE status = %(done)s AND clearing = '' AND arrived_at >= %(year_start)s AND arrived_at < %(end)s
      AND visitor_id IN (
          SELECT visitor_id FROM {visit}
          WHERE status = %(done)s AND clearing = '' AND ({asked_months})
      )
    GROUP BY 1, 2
), firsts AS (
    SELECT *, min(month) OVER person AS first_any, {area_firsts}
    FROM per_month
    WINDOW person AS (PARTITION BY visitor_id)
)
SELECT month, count(*), count(*) FILTER (WHERE month = first_any), {area_counts}
FROM firsts
WHERE month = ANY(%(months)s)
GROUP BY month
"""


def _advised_sql(month_count: int) -> str:
    areas = range(len(TARGET_AREAS))
    return ADVISED_SQL.format(
        visit=Visit._meta.db_table,
        area_flags=", ".join(f"bool_or(concerns @> ARRAY[%(area{i})s]::varchar(20)[]) AS area{i}" for i in areas),
        area_firsts=", ".join(f"min(month) FILTER (WHERE area{i}) OVER person AS first{i}" for i in areas),
        area_counts=", ".join(
            f"count(*) FILTER (WHERE area{i}), count(*) FILTER (WHERE area{i} AND month = first{i})" for i in areas
        ),
        asked_months=" OR ".join(
            f"(arrived_at >= %(start{i})s AND arrived_at < %(end{i})s)" for i in range(month_count)
        ),
    )


def count_advised_months(months: Iterable[date]) -> dict[date, Counts]:
    """People advised in each month, and those advised for the first time in the calendar year.

    Advised: a finished contact that was not a clearing case (on an area: with that concern).
    New in the year: no such contact earlier in the same calendar year.
    """
    result: dict[date, Counts] = {}
    by_year: dict[int, list[date]] = defaultdict(list)
    for month in sorted(set(months)):
        by_year[month.year].append(month)
    for year, asked in by_year.items():
        params = {
            "zone": str(BERLIN),
            "done": VisitStatus.DONE,
            "year_start": datetime(year, 1, 1, tzinfo=BERLIN),
            "end": month_bounds(asked[-1])[1],
            "months": asked,
            **{f"area{i}": area for i, area in enumerate(TARGET_AREAS)},
        }
        for i, month in enumerate(asked):
            params[f"start{i}"], params[f"end{i}"] = month_bounds(month)
        for month in asked:
            result[month] = {("advised", area): 0 for area in (*TARGET_AREAS, ALL)} | {
                ("advised.new_in_year", area): 0 for area in (*TARGET_AREAS, ALL)
            }
        with connection.cursor() as cursor:
            cursor.execute(_advised_sql(len(asked)), params)
            for month, advised, new, *per_area in cursor.fetchall():
                counts = result[month]
                counts[("advised", ALL)], counts[("advised.new_in_year", ALL)] = advised, new
                for i, area in enumerate(TARGET_AREAS):
                    counts[("advised", area)] = per_area[2 * i]
                    counts[("advised.new_in_year", area)] = per_area[2 * i + 1]
    return result


def count_advised(month: date) -> Counts:
    """People advised in the month, and those advised for the first time in the calendar year."""
    return count_advised_months([month])[month]


def count_advised_in_month(month: date) -> Counts:
    """Only the people advised in the month (without "new in the year"): cheap, for comparisons."""
    start, end = month_bounds(month)
    advised = Q(status=VisitStatus.DONE, clearing="")
    totals = (
        Visit.objects.filter(advised, arrived_at__gte=start, arrived_at__lt=end)
        .order_by()
        .aggregate(
            **{ALL: Count("visitor", distinct=True)},
            **{area: Count("visitor", distinct=True, filter=Q(concerns__contains=[area])) for area in TARGET_AREAS},
        )
    )
    return {("advised", area): value for area, value in totals.items()}


APPLICATIONS_SQL = """
WITH applications AS (
    SELECT change.changed_at AS happened_at, referral.benefit, 'v' || referral.visitor_id AS applicant
    FROM {status_change} change JOIN {referral} referral ON referral.id = change.referral_id
    WHERE change.to_status = %(applied)s AND change.changed_at >= %(start)s AND change.changed_at < %(end)s
  UNION ALL
    SELECT outcome.recorded_at, referral.benefit, 'v' || referral.visitor_id
    FROM {outcome} outcome JOIN {referral} referral ON referral.id = outcome.referral_id
    WHERE outcome.answer = %(applied)s AND outcome.recorded_at >= %(start)s AND outcome.recorded_at < %(end)s
  UNION ALL
    SELECT receipt.received_at, receipt.benefit, COALESCE('v' || visit.visitor_id, 'r' || receipt.id)
    FROM {receipt} receipt LEFT JOIN {visit} visit ON visit.id = receipt.visit_id
    WHERE receipt.kind = %(receipt_kind)s AND receipt.received_at >= %(start)s AND receipt.received_at < %(end)s
      AND NOT EXISTS (SELECT 1 FROM {receipt} cancelling WHERE cancelling.cancels_id = receipt.id)
)
SELECT (date_trunc('month', happened_at AT TIME ZONE %(zone)s))::date AS month, benefit, count(DISTINCT applicant)
FROM applications
GROUP BY GROUPING SETS ((1, benefit), (1))
"""


def count_applications_months(months: Iterable[date]) -> dict[date, Counts]:
    """Applications filed in each month, per benefit, each person counted once per benefit and month.

    Three sources, because an application is learned of in three ways: a referral moved to
    "application filed", a visitor's answer "applied" at a call-back or next visit, and a
    receipt for an application taken in at the Infopoint's own desk (not cancelled; a receipt
    without a linked contact counts on its own). One query answers every month asked for.
    """
    months = sorted(set(months))
    result: dict[date, Counts] = {month: {("applications", ALL): 0} for month in months}
    start, _ = month_bounds(months[0])
    _, end = month_bounds(months[-1])
    sql = APPLICATIONS_SQL.format(
        status_change=ReferralStatusChange._meta.db_table,
        referral=Referral._meta.db_table,
        outcome=ReferralOutcome._meta.db_table,
        receipt=Receipt._meta.db_table,
        visit=Visit._meta.db_table,
    )
    params = {
        "applied": lifecycle.APPLIED,
        "receipt_kind": ReceiptKind.RECEIPT,
        "start": start,
        "end": end,
        "zone": str(BERLIN),
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for month, benefit, count in cursor.fetchall():
            if month in result:
                result[month][("applications", benefit if benefit is not None else ALL)] = count
    return result


def count_applications(month: date) -> Counts:
    return count_applications_months([month])[month]


def count_referrals(month: date) -> Counts:
    """Referrals made in the month and how far each has come since (the funnel and per office)."""
    start, end = month_bounds(month)
    referrals = (
        Referral.objects.filter(created_at__gte=start, created_at__lt=end)
        .order_by()
        .annotate(
            # A subquery per referral (index on referral_id) rather than a join: the planner
            # would otherwise scan every status change ever made (115 -> 20 ms at 200,000 referrals).
            reached=ArraySubquery(ReferralStatusChange.objects.filter(referral=OuterRef("pk")).values("to_status")),
            answered_applied=Exists(
                ReferralOutcome.objects.filter(referral=OuterRef("pk"), answer=OutcomeAnswer.APPLIED)
            ),
        )
        .values_list("visitor_id", "office__name", "status", "reached", "answered_applied")
    )
    funnel: dict[str, set[int]] = defaultdict(set)
    by_office: Counter[tuple[str, str]] = Counter()
    for visitor_id, office, status, reached, answered_applied in referrals:
        statuses = {status, *reached}
        stages = ["referred"]
        if statuses & {lifecycle.APPOINTMENT_MADE, lifecycle.ATTENDED, lifecycle.NOT_ATTENDED}:
            stages.append("appointment")
        if lifecycle.ATTENDED in statuses:
            stages.append("attended")
        if (
            statuses & {lifecycle.APPLIED, lifecycle.GRANTED, lifecycle.REFUSED, lifecycle.WITHDRAWN}
            or answered_applied
        ):
            stages.append("applied")
        if lifecycle.GRANTED in statuses:
            stages.append("granted")
        if status == lifecycle.CLOSED:
            stages.append("not_applying")
        for stage in stages:
            funnel[stage].add(visitor_id)
            by_office[(stage, office)] += 1
    counts: Counts = {("funnel", stage): len(funnel[stage]) for stage in FUNNEL_STAGES if stage != "advised"}
    for (stage, office), value in by_office.items():
        counts[(f"referrals.office.{stage}", office)] = value
    return counts


def count_receipts(month: date) -> Counts:
    """Receipts taken in during the month by benefit, and whether each was forwarded in time."""
    return count_minor(month, ["receipts"])


def count_non_take_up(month: date) -> Counts:
    """Reasons for not applying learned in the month, once per referral."""
    return count_minor(month, ["nontakeup"])


def count_cards(month: date) -> Counts:
    return count_minor(month, ["cards"])


def count_kiosk(month: date) -> Counts:
    return count_minor(month, ["kiosk"])


def count_bills(month: date) -> Counts:
    """Saved checks of the month with a one-month claim, and with a loan for debts (issue 19)."""
    return count_minor(month, ["bills"])


STAFFING_METRICS = ("posts",)


def count_staffing(month: date) -> Counts:
    # The number of posts is frozen with the month: a later change of staff does not rewrite history.
    return {("posts", ""): settings.INFOPOINT_ADVISOR_POSTS}


COUNTERS: dict[str, Callable[[date], Counts]] = {
    "contacts": count_contacts,
    "people": count_people,
    "advised": count_advised,
    "applications": count_applications,
    "referrals": count_referrals,
    "receipts": count_receipts,
    "nontakeup": count_non_take_up,
    "cards": count_cards,
    "kiosk": count_kiosk,
    "bills": count_bills,
    "staffing": count_staffing,
}


# Counters that answer several months with one query (the dashboard's year line asks for up to 11).
BATCHED_COUNTERS: dict[str, Callable[[Iterable[date]], dict[date, Counts]]] = {
    "advised": count_advised_months,
    "applications": count_applications_months,
}


def live_counts(month: date, groups: Iterable[str] | None = None) -> Counts:
    """Counts of one month (first day given), of all groups or only the named ones."""
    return live_counts_of_months([month], groups)[month]


# Counters only used when asked for by name (never part of a closed month's figures).
PARTIAL_COUNTERS: dict[str, Callable[[date], Counts]] = {
    "advised_in_month": count_advised_in_month,
}


def live_counts_of_months(months: Iterable[date], groups: Iterable[str] | None = None) -> dict[date, Counts]:
    """Counts of several months, each exactly as ``live_counts`` gives it."""
    months = sorted(set(months))
    groups = list(groups or COUNTERS)
    result: dict[date, Counts] = {month: {} for month in months}
    for name in groups:
        if name in BATCHED_COUNTERS:
            for month, counts in BATCHED_COUNTERS[name](months).items():
                result[month] |= counts
        elif name not in MINOR_PARTS:
            counter = COUNTERS.get(name) or PARTIAL_COUNTERS[name]
            for month in months:
                result[month] |= counter(month)
    minor = [name for name in groups if name in MINOR_PARTS]
    for month in months:
        result[month] |= count_minor(month, minor)
    return result
