"""The yellow card on the kiosk: a short form, then thanks. Nothing saved is ever shown here."""

import uuid

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from openarea import kiosk_guard
from openarea.decorators import kiosk_only
from openarea.feedback.forms import YellowCardForm
from openarea.feedback.services import yellow_card_submit
from openarea.models import UsageKind
from openarea.services import kiosk_use_record


@kiosk_only
@kiosk_guard.rate_limited("feedback")
@require_http_methods(["GET", "POST"])
def feedback(request):
    if request.method == "POST":
        form = YellowCardForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            _card, is_new = yellow_card_submit(
                kind=data["kind"],
                text=data["text"],
                language=get_language(),
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                contact_email=data["contact_email"],
                token=data["token"],
            )
            if is_new:
                kiosk_use_record(kind=UsageKind.FEEDBACK_GIVEN, key=data["kind"])
            return redirect("kiosk:feedback-thanks")
        return render(request, "openarea/kiosk/feedback.html", {"form": form}, status=400)
    return render(request, "openarea/kiosk/feedback.html", {"form": YellowCardForm(initial={"token": uuid.uuid4()})})


@kiosk_only
@require_safe
def thanks(request):
    return render(request, "openarea/kiosk/feedback_thanks.html")
