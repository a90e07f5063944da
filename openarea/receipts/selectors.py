"""Reads for receipts. Advisors see their organisation's receipts and those they issued."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from infopoint.lib.request_params import parse_code
from infopoint.lib.roles import Role, organisation_of
from infopoint.refused_lookups import scoped_get_or_404
from openarea.models import Forwarding, HandInDraft, Receipt, ReceiptKind
from openarea.receipts.services import DRAFT_CODE_ALPHABET, DRAFT_CODE_LENGTH
from openarea.receipts.working_days import next_working_day

RECEIPT_NUMBER = re.compile(r"^\s*(\d{4})\s*[-/ ]\s*0*(\d{1,6})\s*$")
# What secrets.token_urlsafe() makes (services.py); a NUL byte would be an error in PostgreSQL.
VERIFICATION_CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime.combine(day, time.min, tzinfo=tz), datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)


def _visible(receipts: QuerySet[Receipt], *, user, role) -> QuerySet[Receipt]:
    if role == Role.ADVISOR:
        receipts = receipts.filter(Q(organisation=organisation_of(user)) | Q(issued_by=user))
    return receipts


def receipts_visible_to(*, user, role) -> QuerySet[Receipt]:
    receipts = Receipt.objects.select_related("office", "issued_by", "cancels", "forwarding", "cancelled_by", "forwarding__forwarded_by")
    return _visible(receipts, user=user, role=role)


def receipt_get(*, pk: int, user, role) -> Receipt:
    return scoped_get_or_404(receipts_visible_to(user=user, role=role), user=user, pk=pk)


def receipts_of_day(*, day: date, user, role) -> list[Receipt]:
    start, end = _day_bounds(day)
    return list(receipts_visible_to(user=user, role=role).filter(received_at__gte=start, received_at__lt=end).order_by("year", "number"))


def _awaiting_forwarding(receipts: QuerySet[Receipt]) -> QuerySet[Receipt]:
    """Receipts whose papers still have to go to the office (not cancelled, not forwarded).

    NOT EXISTS rather than a left join with IS NULL: PostgreSQL then estimates the few waiting
    receipts among tens of thousands well and walks the number index for the oldest ones."""
    forwarded = Forwarding.objects.filter(receipt=OuterRef("pk"))
    cancelled = Receipt.objects.filter(cancels=OuterRef("pk"))
    return receipts.filter(kind=ReceiptKind.RECEIPT).exclude(Exists(forwarded)).exclude(Exists(cancelled))


def is_overdue(receipt: Receipt, *, today: date | None = None) -> bool:
    """Not forwarded by the end of the next working day after it arrived."""
    today = today or timezone.localdate()
    return today > next_working_day(timezone.localtime(receipt.received_at).date())


def first_arrival_day_in_time(today: date) -> date:
    """The earliest day of arrival whose receipts are not yet overdue today.

    ``next_working_day`` never decreases with the day, so every earlier arrival is overdue: the
    list can be filtered (and counted and cut) in the database instead of receipt by receipt."""
    day = today - timedelta(days=1)
    while not next_working_day(day) < today:
        day -= timedelta(days=1)
    return day + timedelta(days=1)


def overdue_receipts(*, user, role, today: date | None = None) -> QuerySet[Receipt]:
    """The desk's warning list: papers still here after the next working day, oldest first,
    with what the list shows (number, arrival, office, applicant)."""
    in_time_from = _day_bounds(first_arrival_day_in_time(today or timezone.localdate()))[0]
    overdue = _awaiting_forwarding(_visible(Receipt.objects.all(), user=user, role=role)).filter(received_at__lt=in_time_from)
    return overdue.only("year", "number", "received_at", "office_name", "applicant_name").order_by("year", "number")


def forwarding_sheet(*, office_id: int, day: date, user, role) -> list[Receipt]:
    """The receipts of one day for one office: what goes into the envelope with the cover sheet."""
    start, end = _day_bounds(day)
    receipts = receipts_visible_to(user=user, role=role).filter(
        office_id=office_id, kind=ReceiptKind.RECEIPT, received_at__gte=start, received_at__lt=end
    )
    return list(receipts.order_by("year", "number"))


def receipts_of_visitor(*, visitor, user, role) -> list[Receipt]:
    """The visitor page's list: number, date, benefit, office name and whether cancelled. Only the
    cancelling receipt is joined (the six joins of ``receipts_visible_to`` took longer to plan than to run)."""
    receipts = _visible(Receipt.objects.select_related("cancelled_by"), user=user, role=role)
    shown = ("year", "number", "kind", "received_at", "benefit", "office_name", "cancelled_by__id")
    return list(receipts.filter(visit__visitor=visitor).only(*shown).order_by("-year", "-number"))


def receipt_by_verification_code(*, code: str) -> Receipt:
    """For staff checking a QR code: any receipt, whichever organisation issued it."""
    if not VERIFICATION_CODE.fullmatch(code or ""):
        raise Http404("No such verification code.")
    return get_object_or_404(Receipt.objects.select_related("cancels", "cancelled_by", "document"), verification_code=code)


def parse_receipt_number(text: str) -> tuple[int, int] | None:
    match = RECEIPT_NUMBER.match(text or "")
    return (int(match[1]), int(match[2])) if match else None


def receipt_number_check(*, year: int, number: int) -> Receipt | None:
    """What the kiosk may learn about a number: whether it is a valid receipt, and its date."""
    return Receipt.objects.filter(year=year, number=number, kind=ReceiptKind.RECEIPT, cancelled_by__isnull=True).only("received_at").first()


def hand_in_draft_find(*, code: str) -> HandInDraft | None:
    """A kiosk pre-fill by the code the visitor shows, if it has not expired."""
    code = parse_code(code, alphabet=DRAFT_CODE_ALPHABET, max_length=DRAFT_CODE_LENGTH, ignore=" \t\n-")
    if code is None:
        return None  # not a code at all (a NUL byte, a letter never used): found nowhere
    return HandInDraft.objects.filter(code=code, expires_at__gt=timezone.now()).first()
