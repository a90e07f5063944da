"""The deletion concept in code (GDPR Art. 5(1)(e), 17; § 84 SGB X; security.md H2, G6).

Each kind of data has its own period (settings ``INFOPOINT_RETENTION_*`` and
``INFOPOINT_LOG_RETENTION_DAYS``); ``python manage.py apply_retention`` runs every kind once a
day, each in its own transaction, and reports counts only:

* ``day_only``: visitors who consented to storage for the day only lose their personal data
  after that day (the same as ``intake_purge``); expired kiosk hand-in pre-fills go.
* ``case_data``: a visitor whose last contact (visit or appointment) and last case activity
  (note, follow-up, referral change or outcome) lie more than the case period back is deleted
  with everything about them: contacts, notes, follow-ups, referrals with history, events and
  outcomes, appointments and the screening runs of their contacts. Screening runs without a
  contact go after the same period. Before that, every complete month up to the cut-off is
  closed in the statistics, so the anonymous figures stay as they were.
* ``receipts``: after the receipt period only the stub stays (year, number, received, kind,
  office, benefit); applicant, items, remarks, informal application, cancellation reason,
  contact link and the stored PDF go. Numbering stays gapless because the row stays.
* ``yellow_card_contacts``: name, phone and e-mail on yellow cards; the text stays.
* ``audit_log``: audit-log entries older than the log period.
* ``sessions``: expired log-in sessions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Exists, Max, Min, OuterRef, Q
from django.utils import timezone

from intake.models import CaseNote, ConsentScope, FollowUp, Visit, Visitor
from openarea.models import Receipt, ReceiptDocument, YellowCard
from referrals.models import InfopointAppointment, Referral, ReferralOutcome, ReferralStatusChange
from screening.models import ScreeningRun

security_log = logging.getLogger("infopoint.security")


@dataclass
class KindResult:
    """What one kind did (or would do, in a dry run): counts only, never names."""

    kind: str
    counts: dict[str, int] = field(default_factory=dict)

    error: str = ""

    def summary(self, *, dry_run: bool) -> str:
        if self.error:
            return f"{self.kind}: FAILED, nothing of this kind was changed ({self.error})"
        figures = ", ".join(f"{name}={value}" for name, value in self.counts.items())
        return f"{self.kind}: {figures}" + (" (dry run, nothing changed)" if dry_run else "")


def years_before(moment: datetime, years: int) -> datetime:
    """The same calendar moment ``years`` earlier; 29 February becomes 28 February."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def case_data_cutoff(now: datetime | None = None) -> datetime:
    return years_before(now or timezone.now(), settings.INFOPOINT_RETENTION_CASE_YEARS)


def receipt_cutoff(now: datetime | None = None) -> datetime:
    return years_before(now or timezone.now(), settings.INFOPOINT_RETENTION_RECEIPT_YEARS)


def yellow_card_cutoff(now: datetime | None = None) -> datetime:
    return years_before(now or timezone.now(), settings.INFOPOINT_RETENTION_YELLOW_CARD_CONTACT_YEARS)


def audit_log_cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=settings.INFOPOINT_LOG_RETENTION_DAYS)


# --- day_only -------------------------------------------------------------------------


def day_only_due():
    """Visitors with consent for the day only whose last contact was before today, not yet erased."""
    start_of_today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        Visitor.objects.filter(consent_scope=ConsentScope.DAY_ONLY)
        .annotate(last_contact=Max("visits__arrived_at"))
        .filter(last_contact__lt=start_of_today)
        .exclude(name="", description="", contact="", birth_year__isnull=True)
    )


def apply_day_only(*, dry_run: bool = False) -> KindResult:
    from intake.services import visitor_erase  # noqa: PLC0415 - services import the models above
    from openarea.models import HandInDraft  # noqa: PLC0415
    from openarea.receipts.services import hand_in_drafts_purge  # noqa: PLC0415

    due = list(day_only_due())
    if dry_run:
        drafts = HandInDraft.objects.filter(expires_at__lte=timezone.now()).count()
        return KindResult("day_only", {"visitors_erased": len(due), "kiosk_drafts_deleted": drafts})
    for visitor in due:
        visitor_erase(visitor=visitor, actor=None, anonymise_receipts=False)
    drafts = hand_in_drafts_purge()
    return KindResult("day_only", {"visitors_erased": len(due), "kiosk_drafts_deleted": drafts})


# --- case_data --------------------------------------------------------------------------


def case_data_due(cutoff: datetime):
    """Visitors whose last contact and last case activity are all before ``cutoff``."""
    cutoff_day = timezone.localtime(cutoff).date()
    visitor = OuterRef("pk")
    recent = [
        Visit.objects.filter(visitor=visitor, arrived_at__gte=cutoff),
        InfopointAppointment.objects.filter(visitor=visitor, starts_at__gte=cutoff),
        CaseNote.objects.filter(visitor=visitor, created_at__gte=cutoff),
        FollowUp.objects.filter(Q(created_at__gte=cutoff) | Q(done_at__gte=cutoff) | Q(due_on__gte=cutoff_day), visitor=visitor),
        Referral.objects.filter(Q(created_at__gte=cutoff) | Q(status_changed_at__gte=cutoff), visitor=visitor),
        ReferralOutcome.objects.filter(referral__visitor=visitor, recorded_at__gte=cutoff),
        ReferralStatusChange.objects.filter(referral__visitor=visitor, changed_at__gte=cutoff),
    ]
    due = Visitor.objects.filter(created_at__lt=cutoff)
    for queryset in recent:
        due = due.exclude(Exists(queryset))
    return due


def _months_between(first: date, last: date) -> list[date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def months_to_close(cutoff: datetime) -> list[date]:
    """Complete, unclosed months from the oldest case data up to the cut-off's month."""
    from stats.models import ClosedMonth  # noqa: PLC0415
    from stats.selectors import is_complete  # noqa: PLC0415

    oldest = [
        Visit.objects.aggregate(first=Min("arrived_at"))["first"],
        Referral.objects.aggregate(first=Min("created_at"))["first"],
        ScreeningRun.objects.aggregate(first=Min("created_at"))["first"],
    ]
    oldest = [timezone.localtime(moment).date() for moment in oldest if moment is not None]
    if not oldest:
        return []
    last = timezone.localtime(cutoff).date()
    closed = set(ClosedMonth.objects.values_list("month", flat=True))
    return [month for month in _months_between(min(oldest), last) if month not in closed and is_complete(month)]


def apply_case_data(*, dry_run: bool = False, now: datetime | None = None) -> KindResult:
    from stats.services import MonthNotClosable, month_close  # noqa: PLC0415

    cutoff = case_data_cutoff(now)
    due = case_data_due(cutoff)
    visitor_ids = list(due.values_list("pk", flat=True))
    runs = ScreeningRun.objects.filter(Q(visit__visitor_id__in=visitor_ids) | Q(visit__isnull=True, created_at__lt=cutoff))
    counts = {
        "visitors_deleted": len(visitor_ids),
        "contacts_deleted": Visit.objects.filter(visitor_id__in=visitor_ids).count(),
        "referrals_deleted": Referral.objects.filter(visitor_id__in=visitor_ids).count(),
        "appointments_deleted": InfopointAppointment.objects.filter(visitor_id__in=visitor_ids).count(),
        "screening_runs_deleted": runs.count(),
    }
    if not visitor_ids and not counts["screening_runs_deleted"]:
        return KindResult("case_data", {"months_closed": 0, **counts})
    months = months_to_close(cutoff)
    if dry_run:
        return KindResult("case_data", {"months_closed": len(months), **counts})
    closed = 0
    for month in months:
        try:
            month_close(month=month, actor=None)
            closed += 1
        except MonthNotClosable:
            pass  # closed a moment ago by the team lead: the figures are frozen either way
    # One by one (not a bulk delete) so that the audit log records every deleted row.
    for run in runs:
        run.delete()
    for visitor in Visitor.objects.filter(pk__in=visitor_ids):
        visitor.delete()
    return KindResult("case_data", {"months_closed": closed, **counts})


# --- receipts -----------------------------------------------------------------------------

# Issue 21: the app role cannot UPDATE receipts or DELETE their PDFs. The owner's function
# (infopoint migration 0006) does both, and only for a receipt older than the receipt period.
ANONYMISE_RECEIPT_SQL = "SELECT anonymised, document_deleted FROM openarea_receipt_anonymise(%s, %s)"
RECEIPT_ERASED_FIELDS = ("applicant_name", "items", "remarks", "informal_application", "cancel_reason", "visit")


def receipts_due(cutoff: datetime):
    return Receipt.objects.filter(received_at__lt=cutoff, anonymised_at__isnull=True).order_by("year", "number")


def receipt_anonymise(receipt: Receipt, *, now: datetime, actor=None) -> bool:
    """Blank the personal fields of one receipt and delete its stored PDF; audited by hand.

    Receipts refuse every change through the ORM; the database function
    ``openarea_receipt_anonymise()`` (infopoint migration 0006) does it with the owner's rights,
    and only if the receipt is past the receipt retention period by the database's own clock:
    a younger receipt raises (its content is the office's proof of the application). ``actor``
    is the administrator of an erasure request; the nightly retention has none."""
    reason = "erasure-request" if actor is not None else "retention"
    with connection.cursor() as cursor:
        cursor.execute(ANONYMISE_RECEIPT_SQL, [receipt.pk, now])
        anonymised, document_deleted = cursor.fetchone()
    if not anonymised:
        return False
    # auditlog cannot see raw SQL: one entry per receipt, masked like the model's own entries.
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Receipt),
        object_pk=str(receipt.pk),
        object_id=receipt.pk,
        object_repr=str(receipt),
        action=LogEntry.Action.UPDATE,
        changes={name: ["***", "***"] for name in RECEIPT_ERASED_FIELDS},
        actor=actor if actor is not None and actor.is_authenticated else None,
        additional_data={"reason": reason, "document_deleted": document_deleted},
    )
    if document_deleted:
        LogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(ReceiptDocument),
            object_pk=str(receipt.pk),
            object_id=receipt.pk,
            object_repr=f"PDF {receipt.pk}",
            action=LogEntry.Action.DELETE,
            changes=None,
            actor=actor if actor is not None and actor.is_authenticated else None,
            additional_data={"reason": reason},
        )
    return True


def apply_receipts(*, dry_run: bool = False, now: datetime | None = None) -> KindResult:
    now = now or timezone.now()
    due = receipts_due(receipt_cutoff(now))
    if dry_run:
        return KindResult(
            "receipts",
            {"receipts_anonymised": due.count(), "documents_deleted": ReceiptDocument.objects.filter(receipt__in=due).count()},
        )
    anonymised = documents = 0
    for receipt in due.select_related("document"):
        had_document = receipt.stored_document is not None
        if receipt_anonymise(receipt, now=now):
            anonymised += 1
            documents += had_document
    return KindResult("receipts", {"receipts_anonymised": anonymised, "documents_deleted": documents})


# --- yellow cards, audit log, sessions ----------------------------------------------------

YELLOW_CARD_CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")


def yellow_cards_due(cutoff: datetime):
    has_contact = Q(contact_name__gt="") | Q(contact_phone__gt="") | Q(contact_email__gt="")
    return YellowCard.objects.filter(has_contact, created_at__lt=cutoff)


def apply_yellow_card_contacts(*, dry_run: bool = False, now: datetime | None = None) -> KindResult:
    due = yellow_cards_due(yellow_card_cutoff(now))
    if dry_run:
        return KindResult("yellow_card_contacts", {"cards_cleared": due.count()})
    cleared = 0
    for card in due:
        for name in YELLOW_CARD_CONTACT_FIELDS:
            setattr(card, name, "")
        card.save(update_fields=list(YELLOW_CARD_CONTACT_FIELDS))  # audited (masked) per card
        cleared += 1
    return KindResult("yellow_card_contacts", {"cards_cleared": cleared})


def apply_audit_log(*, dry_run: bool = False, now: datetime | None = None) -> KindResult:
    cutoff = audit_log_cutoff(now)
    old = LogEntry.objects.filter(timestamp__lt=cutoff)
    if dry_run:
        return KindResult("audit_log", {"entries_deleted": old.count()})
    # Issue 21: the app role cannot DELETE from the log. The owner's function (infopoint
    # migration 0006) deletes entries older than the period it reads itself; a cut-off younger
    # than that is refused. Nobody announces a cut-off to the trigger any more.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT infopoint_audit_log_expire(%s)", [cutoff])
        (deleted,) = cursor.fetchone()
    return KindResult("audit_log", {"entries_deleted": deleted})


def apply_sessions(*, dry_run: bool = False, now: datetime | None = None) -> KindResult:
    from django.contrib.sessions.models import Session  # noqa: PLC0415

    expired = Session.objects.filter(expire_date__lt=now or timezone.now())
    if dry_run:
        return KindResult("sessions", {"sessions_deleted": expired.count()})
    deleted, _by_model = expired.delete()
    return KindResult("sessions", {"sessions_deleted": deleted})


KINDS: dict[str, Callable[..., KindResult]] = {
    "day_only": lambda dry_run, now: apply_day_only(dry_run=dry_run),
    "case_data": lambda dry_run, now: apply_case_data(dry_run=dry_run, now=now),
    "receipts": lambda dry_run, now: apply_receipts(dry_run=dry_run, now=now),
    "yellow_card_contacts": lambda dry_run, now: apply_yellow_card_contacts(dry_run=dry_run, now=now),
    # Last: the entries written by the kinds above are new and stay.
    "audit_log": lambda dry_run, now: apply_audit_log(dry_run=dry_run, now=now),
    "sessions": lambda dry_run, now: apply_sessions(dry_run=dry_run, now=now),
}


def apply_retention(*, dry_run: bool = False, kinds: list[str] | None = None) -> list[KindResult]:
    """Run every kind in its own transaction; a failing kind does not undo the others."""
    now = timezone.now()
    results = []
    for kind in kinds or list(KINDS):
        try:
            with transaction.atomic():
                result = KINDS[kind](dry_run, now)
        except Exception as error:
            # The class name only: a message could quote a value of the row that failed.
            security_log.exception("retention failed", extra={"event": "retention_failed", "kind": kind})
            results.append(KindResult(kind, error=type(error).__name__))
            continue
        results.append(result)
        security_log.info(
            "retention",
            extra={"event": "retention_dry_run" if dry_run else "retention_applied", "kind": kind, **result.counts},
        )
    return results
