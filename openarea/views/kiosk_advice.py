"""On the kiosk: "I would like to talk to someone" puts the visitor on the advisors' waiting list."""

from __future__ import annotations

import uuid

from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from intake.services import kiosk_advice_request_record
from openarea import kiosk_guard
from openarea.decorators import kiosk_only
from openarea.forms import TOPIC_OF_PROGRAM, AdviceRequestForm
from openarea.models import UsageKind
from openarea.services import kiosk_use_record
from openarea.surfaces import KIOSK


@kiosk_only
@kiosk_guard.rate_limited("advice")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def advice(request):
    if request.method == "POST":
        form = AdviceRequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            _visit, is_new = kiosk_advice_request_record(
                called_as=data["called_as"], language=data["language"], concern=data["topic"], token=data["token"]
            )
            if is_new:
                kiosk_use_record(kind=UsageKind.ADVICE_REQUESTED, key=data["language"])
            return redirect("kiosk:advice-sent")
    else:
        topic = TOPIC_OF_PROGRAM.get(request.GET.get("topic", ""), "")
        form = AdviceRequestForm(initial={"language": translation.get_language(), "topic": topic, "token": uuid.uuid4()})
    return render(request, "openarea/kiosk/advice.html", {"form": form, "surface": KIOSK, "links": KIOSK.links()})


@kiosk_only
@require_safe
def advice_sent(request):
    return render(request, "openarea/kiosk/advice_sent.html", {"surface": KIOSK, "links": KIOSK.links()})
