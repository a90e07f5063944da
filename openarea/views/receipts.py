"""The desk that takes in applications: receipts, forwarding, informal applications, verification."""

from __future__ import annotations

import hashlib
import logging
import uuid
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from infopoint.forms import errors_to_form
from infopoint.lib.audit import log_read, log_reads
from infopoint.lib.request_params import BadParameter, parse_day, parse_pk, query_day
from intake.selectors import visit_of_advisor
from openarea.receipts import pdf, selectors, services
from openarea.receipts.forms import (
    CancelForm,
    DraftCodeForm,
    ForwardingForm,
    InformalApplicationForm,
    ItemKind,
    ReceiptForm,
    VerifyUploadForm,
)
from openarea.receipts.informal import INFORMAL_VARIANTS
from referrals.models import Benefit, Office
from referrals.selectors import proposed_office

logger = logging.getLogger(__name__)
OVERDUE_SHOWN = 50  # on the desk's list; the rest with ?overdue=all


def _verify_url(request, receipt) -> str:
    return request.build_absolute_uri(reverse("receipt-verify", kwargs={"code": receipt.verification_code}))


def _document(request, receipt):
    """The stored PDF; made (once) if the first attempt after issuing did not get that far."""
    return receipt.stored_document or services.receipt_document_store(receipt=receipt, pdf=pdf.receipt_pdf(receipt, verify_url=_verify_url(request, receipt)))


def _store_pdf_after_issue(request, receipt) -> None:
    # The receipt is committed already; a failing PDF must not hide that. The PDF page makes it later.
    try:
        _document(request, receipt)
    except Exception:
        logger.exception("receipt PDF could not be stored right after issuing", extra={"receipt_id": receipt.pk})


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _day_from(request) -> date:
    day, refused = query_day(request, "day", timezone.localdate())
    if refused:
        messages.error(request, refused)
    return day


@require_safe
def receipt_list(request):
    """The desk's list: the day's receipts by office (with cover sheets) and everything overdue."""
    day = _day_from(request)
    receipts = selectors.receipts_of_day(day=day, user=request.user, role=request.role)
    # The oldest overdue receipts first; hundreds of them (a desk that stopped recording its
    # forwarding) come on asking, as ?overdue=all.
    show_all = request.GET.get("overdue") == "all"
    overdue_query = selectors.overdue_receipts(user=request.user, role=request.role)
    overdue = list(overdue_query if show_all else overdue_query[: OVERDUE_SHOWN + 1])
    overdue_count = len(overdue) if show_all or len(overdue) <= OVERDUE_SHOWN else overdue_query.count()
    overdue = overdue if show_all else overdue[:OVERDUE_SHOWN]
    log_reads(actor=request.user, instances=[*overdue, *receipts], purpose="receipt-list")
    offices = {}
    for receipt in receipts:
        if not receipt.is_cancellation:
            offices.setdefault(receipt.office_id, receipt.office)
    context = {
        "day": day,
        "receipts": receipts,
        "overdue": overdue,
        "overdue_count": overdue_count,
        "offices": list(offices.values()),
        "draft_form": DraftCodeForm(),
        "forwarding_form": ForwardingForm(initial={"forwarded_on": timezone.localdate()}),
    }
    return render(request, "openarea/receipts/receipt_list.html", context)


def _visit(request):
    pk = request.GET.get("visit") or request.POST.get("visit")
    pk = parse_pk(pk)
    return visit_of_advisor(pk=pk, user=request.user, role=request.role) if pk else None


def _office_or_proposal(form, visit) -> Office | None:
    """The office chosen, or else the one responsible for the benefit and the visitor's district."""
    office = form.cleaned_data.get("office")
    if office is None and form.cleaned_data.get("benefit"):
        district = visit.visitor.district if visit else ""
        office = proposed_office(benefit=form.cleaned_data["benefit"], district=district)
        if office is None:
            form.add_error("office", _("No office is known for this benefit: please choose one."))
    return office


def _receipt_form_page(request, form, visit, status=200, draft=None):
    # The raw value of a refused form may be anything (even a NUL byte): only a known benefit is looked up.
    benefit = form["benefit"].value()
    benefit = benefit if benefit in Benefit.values else Benefit.SGB2
    proposal = proposed_office(benefit=benefit, district=visit.visitor.district if visit else "")
    context = {"form": form, "visit": visit, "draft": draft, "proposal": proposal}
    return render(request, "openarea/receipts/receipt_form.html", context, status=status)


@transaction.non_atomic_requests
@require_http_methods(["GET", "POST"])
def receipt_new(request):
    """Take in an application with the papers in hand; a kiosk pre-fill (?draft=CODE) fills the form."""
    visit = _visit(request)
    if request.method == "POST":
        form = ReceiptForm(request.POST)
        if form.is_valid() and (office := _office_or_proposal(form, visit)):
            data = form.cleaned_data
            draft = selectors.hand_in_draft_find(code=data["draft"]) if data["draft"] else None
            try:
                receipt = services.receipt_issue(
                    actor=request.user, applicant_name=data["applicant_name"], benefit=data["benefit"], office=office,
                    items=data["items"], remarks=data["remarks"], originals_returned=data["originals_returned"],
                    channel=data["channel"], language=data["language"], visit=visit, token=data["token"], draft=draft,
                )  # fmt: skip
            except ValidationError as error:
                errors_to_form(error, form)
            else:
                _store_pdf_after_issue(request, receipt)
                messages.success(request, _("Receipt %(number)s has been issued. Print it for the visitor.") % {"number": receipt.display_number})
                return redirect(receipt)
        return _receipt_form_page(request, form, visit, status=400)
    initial = {"token": uuid.uuid4(), "language": visit.language if visit else "de"}
    draft = None
    if request.GET.get("draft"):
        draft = selectors.hand_in_draft_find(code=request.GET["draft"])
        if draft is None:
            messages.error(request, _("No pre-fill was found for this code. Codes expire at the end of the day."))
            return redirect("openarea:receipt-list")
        initial.update(draft=draft.code, benefit=draft.benefit, applicant_name=draft.applicant_name, language=draft.language)
        for row, item in enumerate(draft.items[:6], start=1):
            initial.update({f"attachment_{row}": item.get("description") or "", f"attachment_{row}_pages": item.get("pages")})
    elif request.GET.get("benefit") in Benefit.values:
        initial["benefit"] = request.GET["benefit"]
    return _receipt_form_page(request, ReceiptForm(initial=initial), visit, draft=draft)


@transaction.non_atomic_requests
@require_http_methods(["GET", "POST"])
def informal_new(request):
    """Write an informal application with the visitor; it is taken in (and numbered) at once."""
    visit = _visit(request)
    if request.method == "POST":
        form = InformalApplicationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            variant = INFORMAL_VARIANTS[data["variant"]]
            with translation.override("de"):
                description = _("Informal application (signed): %(subject)s") % {"subject": variant.subject}
            try:
                receipt = services.receipt_issue(
                    actor=request.user, applicant_name=data["applicant_name"], benefit=variant.benefit, office=data["office"],
                    items=[{"kind": ItemKind.INFORMAL_APPLICATION, "description": description, "pages": 1}],
                    language=data["language"], visit=visit, token=data["token"],
                    informal_application={
                        "variant": data["variant"], "applicant_name": data["applicant_name"],
                        "birth_date": data["birth_date"].isoformat() if data["birth_date"] else "", "address": data["address"],
                    },
                )  # fmt: skip
            except ValidationError as error:
                errors_to_form(error, form)
                return render(request, "openarea/receipts/informal_form.html", {"form": form, "visit": visit}, status=400)
            _store_pdf_after_issue(request, receipt)
            messages.success(request, _("Receipt %(number)s has been issued. Print the letter, have it signed, then print the receipt.") % {"number": receipt.display_number})
            return redirect(receipt)
        return render(request, "openarea/receipts/informal_form.html", {"form": form, "visit": visit}, status=400)
    variant = request.GET.get("variant") if request.GET.get("variant") in INFORMAL_VARIANTS else "sgb2"
    district = visit.visitor.district if visit else ""
    initial = {
        "token": uuid.uuid4(), "variant": variant, "language": visit.language if visit else "de",
        "office": proposed_office(benefit=INFORMAL_VARIANTS[variant].benefit, district=district),
    }  # fmt: skip
    return render(request, "openarea/receipts/informal_form.html", {"form": InformalApplicationForm(initial=initial), "visit": visit})


def _detail_page(request, receipt, *, cancel_form=None, forwarding_form=None, status=200):
    log_read(actor=request.user, instance=receipt, purpose="receipt-detail")
    context = {
        "receipt": receipt,
        "overdue": not receipt.is_cancellation and receipt.forwarding_record is None and receipt.cancelling_receipt is None and selectors.is_overdue(receipt),
        "cancel_form": cancel_form or CancelForm(initial={"token": uuid.uuid4()}),
        "forwarding_form": forwarding_form or ForwardingForm(initial={"forwarded_on": timezone.localdate()}),
    }
    return render(request, "openarea/receipts/receipt_detail.html", context, status=status)


@require_safe
def receipt_detail(request, pk):
    return _detail_page(request, selectors.receipt_get(pk=pk, user=request.user, role=request.role))


def _erased(request, receipt):
    """Past the retention period nothing is printed again: an empty receipt would mislead."""
    messages.info(request, _("This receipt's PDF was deleted after the retention period; only its stub remains."))
    return redirect(receipt)


@require_safe
def receipt_pdf(request, pk):
    """The receipt as first printed (the same bytes every time, so the stored SHA-256 holds)."""
    receipt = selectors.receipt_get(pk=pk, user=request.user, role=request.role)
    if receipt.anonymised_at:
        return _erased(request, receipt)
    log_read(actor=request.user, instance=receipt, purpose="receipt-print")
    return _pdf_response(bytes(_document(request, receipt).pdf), f"eingangsbestaetigung-{receipt.display_number}.pdf")


@require_safe
def receipt_label(request, pk):
    receipt = selectors.receipt_get(pk=pk, user=request.user, role=request.role)
    if receipt.anonymised_at:
        return _erased(request, receipt)
    log_read(actor=request.user, instance=receipt, purpose="receipt-label-print")
    return _pdf_response(pdf.stamp_label_pdf(receipt), f"eingangsstempel-{receipt.display_number}.pdf")


@require_safe
def receipt_letter(request, pk):
    receipt = selectors.receipt_get(pk=pk, user=request.user, role=request.role)
    if not receipt.informal_application:
        raise Http404
    log_read(actor=request.user, instance=receipt, purpose="informal-application-print")
    return _pdf_response(pdf.informal_letter_pdf(receipt), f"antrag-{receipt.display_number}.pdf")


@transaction.non_atomic_requests
@require_POST
def receipt_cancel(request, pk):
    original = selectors.receipt_get(pk=pk, user=request.user, role=request.role)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            cancellation = services.receipt_cancel(original=original, actor=request.user, reason=form.cleaned_data["reason"], token=form.cleaned_data["token"])
        except ValidationError as error:
            errors_to_form(error, form)
        else:
            _store_pdf_after_issue(request, cancellation)
            messages.success(request, _("Receipt %(original)s is cancelled by %(number)s.") % {"original": original.display_number, "number": cancellation.display_number})
            return redirect(cancellation)
    return _detail_page(request, original, cancel_form=form, status=400)


@require_POST
def receipt_forward(request, pk):
    receipt = selectors.receipt_get(pk=pk, user=request.user, role=request.role)
    form = ForwardingForm(request.POST)
    if form.is_valid():
        try:
            services.forwarding_record(receipt=receipt, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(error, form)
        else:
            messages.success(request, _("The forwarding has been recorded."))
            return redirect(receipt)
    return _detail_page(request, receipt, forwarding_form=form, status=400)


@require_safe
def forwarding_sheet(request, office):
    """The cover sheet for one office's envelope of the day."""
    office = get_object_or_404(Office, pk=office)
    day, refused = query_day(request, "day", timezone.localdate())
    if refused:
        # A printout for another day than the one asked for would go into the wrong envelope.
        messages.error(request, refused)
        return redirect("openarea:receipt-list")
    receipts = selectors.forwarding_sheet(office_id=office.pk, day=day, user=request.user, role=request.role)
    log_reads(actor=request.user, instances=receipts, purpose="forwarding-sheet-print")
    printed_by = request.user.get_full_name() or request.user.get_username()
    content = pdf.forwarding_sheet_pdf(office=office, day=day, receipts=receipts, printed_by=printed_by)
    return _pdf_response(content, f"weiterleitung-{office.pk}-{day.isoformat()}.pdf")


@require_POST
def forwarding_record(request, office):
    """Record the forwarding of all of one office's open receipts of a day (one envelope)."""
    office = get_object_or_404(Office, pk=office)
    form = ForwardingForm(request.POST)
    try:
        day = parse_day(request.POST.get("day", ""))
    except BadParameter:
        day = None
    if day is None or not form.is_valid():
        messages.error(request, _("Please enter the date and the way of forwarding."))
        return redirect("openarea:receipt-list")
    receipts = selectors.forwarding_sheet(office_id=office.pk, day=day, user=request.user, role=request.role)
    try:
        count = services.forwarding_record_many(receipts=receipts, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Forwarding recorded for %(count)s receipts to %(office)s.") % {"count": count, "office": office.name})
    return redirect(f"{reverse('openarea:receipt-list')}?day={day.isoformat()}")


@require_safe
def power_of_attorney(request):
    """A blank Vollmacht in German with a translation beside it; it holds no personal data."""
    language = request.GET.get("lang", "de")
    if language not in dict(settings.LANGUAGES):
        language = "de"
    return _pdf_response(pdf.power_of_attorney_pdf(language), f"vollmacht-{language}.pdf")


@require_http_methods(["GET", "POST"])
def receipt_verify(request, code):
    """Is this receipt genuine and unchanged? Staff of either organisation may check (QR code)."""
    receipt = selectors.receipt_by_verification_code(code=code)
    log_read(actor=request.user, instance=receipt, purpose="receipt-verify")
    document = receipt.stored_document
    form = VerifyUploadForm(request.POST, request.FILES) if request.method == "POST" else VerifyUploadForm()
    upload_matches = None
    if request.method == "POST" and form.is_valid():
        uploaded = hashlib.sha256(form.cleaned_data["pdf"].read()).hexdigest()
        upload_matches = document is not None and uploaded == document.sha256
    context = {
        "receipt": receipt,
        "content_unchanged": services.receipt_content_digest(receipt) == receipt.content_digest,
        "document": document,
        "document_unchanged": document is not None and hashlib.sha256(bytes(document.pdf)).hexdigest() == document.sha256,
        "form": form,
        "upload_matches": upload_matches,
    }
    return render(request, "openarea/receipts/verify.html", context, status=400 if form.errors else 200)
