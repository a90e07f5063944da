"""Receipts on the kiosk: check a receipt number, and pre-fill a hand-in for the desk.

The kiosk learns nothing about a receipt but "valid or not" and its date. A pre-fill stores
only what the visitor typed and submitted; the visitor gets a short code to show at the desk.
"""

import uuid

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from openarea import kiosk_guard
from openarea.decorators import kiosk_only
from openarea.models import UsageKind
from openarea.receipts import selectors, services
from openarea.receipts.forms import KioskHandInForm, ReceiptNumberCheckForm
from openarea.services import kiosk_use_record

SESSION_DRAFT_CODE = "hand_in_code"


@kiosk_only
@kiosk_guard.rate_limited("receipt_check")
@require_http_methods(["GET", "POST"])
def receipt_check(request):
    form = ReceiptNumberCheckForm(request.POST if request.method == "POST" else None)
    result = None
    if request.method == "POST" and form.is_valid():
        year, number = form.cleaned_data["number"]
        receipt = selectors.receipt_number_check(year=year, number=number)
        result = {"valid": receipt is not None, "day": receipt.received_at if receipt else None, "number": f"{year}-{number:06d}"}
        kiosk_use_record(kind=UsageKind.RECEIPT_CHECKED)
    status = 400 if form.errors else 200
    return render(request, "openarea/kiosk/receipt_check.html", {"form": form, "result": result}, status=status)


@kiosk_only
@kiosk_guard.rate_limited("hand_in")
@require_http_methods(["GET", "POST"])
def hand_in(request):
    form = KioskHandInForm(request.POST if request.method == "POST" else None, initial={"token": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        draft = services.hand_in_draft_create(
            applicant_name=form.cleaned_data["applicant_name"],
            benefit=form.cleaned_data["benefit"],
            items=form.items(),
            language=get_language() or "de",
            token=form.cleaned_data["token"],
        )
        request.session[SESSION_DRAFT_CODE] = draft.code
        return redirect("kiosk:hand-in-done")
    return render(request, "openarea/kiosk/hand_in.html", {"form": form}, status=400 if form.errors else 200)


@kiosk_only
@require_safe
def hand_in_done(request):
    code = request.session.get(SESSION_DRAFT_CODE)
    if not code:
        return redirect("kiosk:hand-in")
    return render(request, "openarea/kiosk/hand_in_done.html", {"code": code})
