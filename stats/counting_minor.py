"""The counts of the small tables of a month in one query: receipts, reasons for not applying,
yellow cards, kiosk use, saved checks with bills and debts (eight scans as one UNION ALL instead of seven round trips).

Each part gives rows of (metric, subgroup, count); ``count_minor`` runs the parts asked for.
Each metric's meaning is written once, in ``stats.dashboard``, next to the figure that shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import connection

from intake.models import Concern, Visit
from openarea.models import Forwarding, KioskUsage, Receipt, ReceiptKind, YellowCard
from openarea.receipts.working_days import next_working_day
from referrals import lifecycle
from referrals.models import Referral, ReferralOutcome, ReferralStatusChange
from screening.models import ScreeningRun
from stats.months import BERLIN, Counts, keyed, month_bounds, next_month

# A receipt counts when it is a receipt (not a cancellation) and has not been cancelled since.
_RECEIPTS_OF_MONTH = """
    FROM {receipt} receipt
    WHERE receipt.kind = %(receipt_kind)s AND receipt.received_at >= %(start)s AND receipt.received_at < %(end)s
      AND NOT EXISTS (SELECT 1 FROM {receipt} cancelling WHERE cancelling.cancels_id = receipt.id)
"""

PARTS: dict[str, tuple[str, ...]] = {
    # Receipts taken in by benefit, and whether each was forwarded by the end of the next working
    # day after it was taken in (weekends and Baden-Württemberg's public holidays do not count;
    # the due day of each local day of the month is worked out in Python and passed in).
    "receipts": (
        "SELECT 'receipts.benefit'::text, receipt.benefit::text, count(*)" + _RECEIPTS_OF_MONTH + "GROUP BY receipt.benefit",
        """SELECT 'receipts.forwarding'::text,
               CASE WHEN forwarding.forwarded_on IS NULL THEN 'open'
                    WHEN forwarding.forwarded_on <= due.due THEN 'on_time' ELSE 'late' END,
               count(*)
        FROM {receipt} receipt
        LEFT JOIN {forwarding} forwarding ON forwarding.receipt_id = receipt.id
        JOIN unnest(%(days)s::date[], %(dues)s::date[]) AS due(day, due)
          ON due.day = (receipt.received_at AT TIME ZONE %(zone)s)::date
        WHERE receipt.kind = %(receipt_kind)s AND receipt.received_at >= %(start)s AND receipt.received_at < %(end)s
          AND NOT EXISTS (SELECT 1 FROM {receipt} cancelling WHERE cancelling.cancels_id = receipt.id)
        GROUP BY 2""",
    ),
    # Reasons for not applying learned in the month, once per referral: the latest answer's
    # reason, unless the referral was closed in the month with a reason.
    "nontakeup": (
        """SELECT 'nontakeup.reason'::text, COALESCE(closed.reason, told.reason)::text, count(*)
        FROM (
            SELECT DISTINCT ON (referral_id) referral_id, reason FROM {outcome}
            WHERE recorded_at >= %(start)s AND recorded_at < %(end)s AND reason <> ''
            ORDER BY referral_id, recorded_at DESC, id DESC
        ) told
        FULL JOIN (
            SELECT DISTINCT change.referral_id, referral.closed_reason AS reason
            FROM {status_change} change JOIN {referral} referral ON referral.id = change.referral_id
            WHERE change.to_status = %(closed)s AND change.changed_at >= %(start)s AND change.changed_at < %(end)s
              AND referral.closed_reason <> ''
        ) closed ON closed.referral_id = told.referral_id
        GROUP BY 2""",
    ),
    "cards": (
        "SELECT 'cards.kind'::text, kind::text, count(*) FROM {card} WHERE created_at >= %(start)s AND created_at < %(end)s GROUP BY kind",
        "SELECT 'cards.status'::text, status::text, count(*) FROM {card} WHERE created_at >= %(start)s AND created_at < %(end)s GROUP BY status",
    ),
    "kiosk": (
        "SELECT 'kiosk.use'::text, kind::text, sum(count)::bigint FROM {usage} WHERE day >= %(first)s AND day < %(following)s GROUP BY kind",
    ),
    # Checks saved in the month whose result has a one-month claim, and those that point to a loan
    # for debts (issue 19; results of engines before it have neither key and count in neither row).
    # One scan: the same test as the ORM's ``result__one_month_claims__0__isnull=False``.
    "bills": (
        """SELECT 'checks.bills'::text, row.kind, row.count
        FROM (
            SELECT count(*) FILTER (WHERE result #> '{{one_month_claims,0}}' IS NOT NULL) AS claims,
                   count(*) FILTER (WHERE result #> '{{loans,0}}' IS NOT NULL) AS loans
            FROM {run} WHERE created_at >= %(start)s AND created_at < %(end)s
        ) found
        CROSS JOIN LATERAL (VALUES ('one_month_claim'::text, found.claims), ('loan'::text, found.loans)) AS row(kind, count)""",
        # Contacts of the month about energy costs or debts (the concept's goal "access to affordable energy").
        """SELECT 'checks.bills'::text, 'energy_or_debt_contact'::text, count(*) FROM {visit}
        WHERE arrived_at >= %(start)s AND arrived_at < %(end)s AND concerns && %(bill_concerns)s::varchar(20)[]""",
    ),
}

# The concerns of a contact about bills and debts (issue 19).
BILL_CONCERNS = [Concern.ENERGY.value, Concern.RENT_DEBTS.value, Concern.DEBTS.value]


def _due_days(month: date) -> tuple[list[date], list[date]]:
    days = [month + timedelta(days=offset) for offset in range((next_month(month) - month).days)]
    return days, [next_working_day(day) for day in days]


def count_minor(month: date, groups: Iterable[str]) -> Counts:
    """The named small-table groups (keys of PARTS) of one month, in one query."""
    groups = [group for group in PARTS if group in set(groups)]
    if not groups:
        return {}
    tables = {
        "receipt": Receipt._meta.db_table,
        "forwarding": Forwarding._meta.db_table,
        "outcome": ReferralOutcome._meta.db_table,
        "status_change": ReferralStatusChange._meta.db_table,
        "referral": Referral._meta.db_table,
        "card": YellowCard._meta.db_table,
        "usage": KioskUsage._meta.db_table,
        "run": ScreeningRun._meta.db_table,
        "visit": Visit._meta.db_table,
    }
    sql = "\nUNION ALL\n".join(f"({part.format(**tables)})" for group in groups for part in PARTS[group])
    start, end = month_bounds(month)
    days, dues = _due_days(month)
    params = {
        "start": start,
        "end": end,
        "first": month,
        "following": next_month(month),
        "receipt_kind": ReceiptKind.RECEIPT,
        "closed": lifecycle.CLOSED,
        "zone": str(BERLIN),
        "days": days,
        "dues": dues,
        "bill_concerns": BILL_CONCERNS,
    }
    counts: Counts = {}
    if "receipts" in groups:
        counts |= {("receipts.forwarding", subgroup): 0 for subgroup in ("on_time", "late", "open")}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for metric, subgroup, value in cursor.fetchall():
            for key, count in keyed(metric, [(subgroup, value)]).items():
                counts[key] = counts.get(key, 0) + count
    return counts
