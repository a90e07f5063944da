"""Writes for receipts: issuing, cancelling, storing the PDF, forwarding, kiosk pre-fills."""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.sql import UpdateQuery
from django.db.models.sql.constants import CURSOR
from django.utils import timezone
from django.utils.translation import gettext as _

from infopoint.lib import issued_numbers
from infopoint.lib.audited_bulk import log_change_written_directly
from infopoint.lib.once import once
from infopoint.lib.roles import organisation_of
from openarea.models import Forwarding, HandInDraft, Receipt, ReceiptDocument, ReceiptKind
from openarea.receipts.numbering import draw_number

logger = logging.getLogger(__name__)

DRAFT_CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B: read aloud at the desk
DRAFT_CODE_LENGTH = 6


def _canonical(receipt: Receipt) -> bytes:
    data = {
        "year": receipt.year,
        "number": receipt.number,
        "received_at": receipt.received_at.astimezone(UTC).isoformat(),
        "kind": receipt.kind,
        "cancels": receipt.cancels_id,
        "cancel_reason": receipt.cancel_reason,
        "applicant_name": receipt.applicant_name,
        "benefit": receipt.benefit,
        "office_name": receipt.office_name,
        "office_address": receipt.office_address,
        "items": receipt.items,
        "remarks": receipt.remarks,
        "originals_returned": receipt.originals_returned,
        "channel": receipt.channel,
        "language": receipt.language,
        "informal_application": receipt.informal_application,
        "issued_by_name": receipt.issued_by_name,
        "verification_code": receipt.verification_code,
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def receipt_content_digest(receipt: Receipt) -> str:
    """SHA-256 over everything the receipt says; the verification page recomputes it."""
    return hashlib.sha256(_canonical(receipt)).hexdigest()


def _advisor_name(actor) -> str:
    return actor.get_full_name() or actor.get_username()


def _insert(receipt: Receipt) -> Receipt:
    drawn = draw_number()
    try:
        # Before the commit, outside the database: a restore never hands this number out again.
        issued_numbers.record(drawn.year, drawn.number)
    except issued_numbers.IssuedNumbersError:
        logger.exception("receipt number could not be recorded outside the database; nothing issued")
        raise ValidationError(_("The receipt number could not be recorded safely, so no receipt was issued. Please tell the administration.")) from None
    receipt.year, receipt.number, receipt.received_at = drawn.year, drawn.number, drawn.received_at
    receipt.content_digest = receipt_content_digest(receipt)
    receipt.full_clean(exclude=["year", "number", "received_at", "content_digest", "verification_code", "form_token"])
    receipt.save()
    return receipt


def receipt_issue(
    *,
    actor,
    applicant_name: str,
    benefit: str,
    office,
    items: list[dict],
    remarks: str = "",
    originals_returned: bool = False,
    channel: str = "in_person",
    language: str = "de",
    visit=None,
    token=None,
    draft: HandInDraft | None = None,
    informal_application: dict | None = None,
    fail_after_number=None,
) -> Receipt:
    """Take in an application: the receipt gets the next number of the year and the time of issue.

    ``fail_after_number`` is a test hook: called after the number is drawn, it may raise to
    show that a failing request leaves no gap."""
    if not items:
        raise ValidationError({"items": _("Please list at least one paper that was handed in.")})

    def create() -> Receipt:
        receipt = Receipt(
            kind=ReceiptKind.RECEIPT,
            applicant_name=applicant_name.strip(),
            benefit=benefit,
            office=office,
            office_name=office.name,
            office_address=office.address,
            items=items,
            remarks=remarks.strip(),
            originals_returned=originals_returned,
            channel=channel,
            language=language,
            informal_application=informal_application,
            issued_by=actor,
            issued_by_name=_advisor_name(actor),
            organisation=organisation_of(actor) or "",
            visit=visit,
            verification_code=secrets.token_urlsafe(12),
            form_token=str(token) if token else None,
        )
        drawn = _insert(receipt)
        if fail_after_number is not None:
            fail_after_number(drawn)
        if draft is not None:
            HandInDraft.objects.filter(pk=draft.pk).delete()
        return drawn

    # A twin request that lost the race rolls back with its drawn number: no gap in the numbering.
    return once(Receipt, token, create)


def receipt_cancel(*, original: Receipt, actor, reason: str, token=None) -> Receipt:
    """Correct a mistake: a new, numbered cancelling receipt that references the original; both stay."""
    if original.is_cancellation:
        raise ValidationError({"reason": _("A cancelling receipt cannot be cancelled itself; issue a new receipt instead.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Please say why the receipt is cancelled.")})

    def create() -> Receipt:
        if Receipt.objects.filter(cancels=original).exists():
            raise ValidationError({"reason": _("This receipt has already been cancelled.")})
        cancellation = Receipt(
            kind=ReceiptKind.CANCELLATION,
            cancels=original,
            cancel_reason=reason.strip(),
            applicant_name=original.applicant_name,
            benefit=original.benefit,
            office=original.office,
            office_name=original.office_name,
            office_address=original.office_address,
            items=original.items,
            channel=original.channel,
            language=original.language,
            issued_by=actor,
            issued_by_name=_advisor_name(actor),
            organisation=organisation_of(actor) or "",
            visit=original.visit,
            verification_code=secrets.token_urlsafe(12),
            form_token=str(token) if token else None,
        )
        return _insert(cancellation)

    try:
        return once(Receipt, token, create)
    except IntegrityError as error:
        # Two cancellations of the same receipt at once: the one-to-one link refuses the second.
        raise ValidationError({"reason": _("This receipt has already been cancelled.")}) from error


def receipt_document_store(*, receipt: Receipt, pdf: bytes) -> ReceiptDocument:
    """Keep the PDF as first printed, with its SHA-256; a receipt has exactly one."""
    existing = ReceiptDocument.objects.filter(receipt=receipt).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return ReceiptDocument.objects.create(receipt=receipt, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest())
    except IntegrityError:
        return ReceiptDocument.objects.get(receipt=receipt)


def _check_forwardable(receipt: Receipt, forwarded_on: date) -> None:
    if receipt.is_cancellation:
        raise ValidationError({"forwarded_on": _("A cancelling receipt is not forwarded.")})
    if receipt.forwarding_record is not None:
        raise ValidationError({"forwarded_on": _("This receipt has already been forwarded.")})
    if forwarded_on > timezone.localdate():
        raise ValidationError({"forwarded_on": _("This date lies in the future.")})
    if forwarded_on < timezone.localtime(receipt.received_at).date():
        raise ValidationError({"forwarded_on": _("The papers cannot have been forwarded before they arrived.")})


@transaction.atomic
def forwarding_record(*, receipt: Receipt, actor, forwarded_on: date, way: str) -> Forwarding:
    """Record that the papers went on to the office (§ 16 Abs. 2 SGB I)."""
    # Lock the receipt so that two desks (or a double click) cannot both pass the check.
    receipt = Receipt.objects.select_for_update().get(pk=receipt.pk)
    _check_forwardable(receipt, forwarded_on)
    forwarding = Forwarding(receipt=receipt, forwarded_on=forwarded_on, way=way, forwarded_by=actor)
    forwarding.full_clean()
    forwarding.save()
    return forwarding


@transaction.atomic
def forwarding_record_many(*, receipts, actor, forwarded_on: date, way: str) -> int:
    """Record one forwarding for every receipt of a cover sheet that has not gone yet."""
    count = 0
    for receipt in receipts:
        if receipt.is_cancellation or receipt.forwarding_record or receipt.cancelling_receipt:
            continue
        forwarding_record(receipt=receipt, actor=actor, forwarded_on=forwarded_on, way=way)
        count += 1
    return count


def _end_of_local_day(moment: datetime) -> datetime:
    tomorrow = timezone.localtime(moment).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time.min, tzinfo=timezone.get_current_timezone())


def receipts_unlink_from_visits(visit_ids) -> int:
    """Erasure of a visitor: their receipts stay (proof for the office) but no longer lead to them.

    Receipts refuse every change through the ORM; the database trigger lets exactly this one
    through (visit_id to NULL), the same statement Django issues for on_delete=SET_NULL.
    """
    visit_ids = list(visit_ids)
    linked = list(Receipt.objects.filter(visit_id__in=visit_ids))
    query = UpdateQuery(Receipt)
    query.add_update_values({"visit": None})
    query.add_q(Q(visit_id__in=visit_ids))
    unlinked = query.get_compiler("default").execute_sql(CURSOR) or 0
    # Written below the ORM, so auditlog saw nothing: one entry per receipt, as a save() would write.
    for receipt in linked:
        log_change_written_directly(receipt, new_values={"visit_id": None}, reason="erasure of the visitor")
    return unlinked


def hand_in_drafts_purge() -> int:
    """Unconfirmed pre-fills expire at the end of the day they were made."""
    deleted, _rows = HandInDraft.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


def hand_in_draft_create(*, applicant_name: str, benefit: str, items: list[dict], language: str, token=None) -> HandInDraft:
    """Keep what the visitor typed on the kiosk until the desk confirms it, under a short code.

    The pre-fill sent twice (same one-time ``token``) gives the draft, and so the code, of the first."""
    hand_in_drafts_purge()
    return once(
        HandInDraft,
        token,
        lambda: _hand_in_draft_create(applicant_name=applicant_name, benefit=benefit, items=items, language=language, token=token),
    )


def _hand_in_draft_create(*, applicant_name: str, benefit: str, items: list[dict], language: str, token) -> HandInDraft:
    now = timezone.now()
    for _attempt in range(20):
        code = "".join(secrets.choice(DRAFT_CODE_ALPHABET) for _i in range(DRAFT_CODE_LENGTH))
        try:
            with transaction.atomic():
                return HandInDraft.objects.create(
                    code=code, applicant_name=applicant_name.strip(), benefit=benefit, items=items,
                    language=language, created_at=now, expires_at=_end_of_local_day(now), form_token=token,
                )  # fmt: skip
        except IntegrityError:
            if token and HandInDraft.objects.filter(form_token=token).exists():
                raise  # the twin submission won: once() returns its draft
            continue
    raise RuntimeError("no free pre-fill code found")
