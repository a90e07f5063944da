"""The accessibility statement (Erklärung zur Barrierefreiheit, BITV 2.0 § 7, EU 2018/1523).

One statement for the whole Infopoint, public without log-in: under /info/<lang>/ for the
web and staff pages, under /kiosk/ for the kiosk (which may open nothing else). Its form is
the feedback channel: a reported barrier lands in the team lead's yellow-card inbox.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from openarea import kiosk_guard
from openarea.decorators import kiosk_only, public_page
from openarea.feedback.forms import AccessibilityFeedbackForm
from openarea.feedback.services import accessibility_feedback_submit
from openarea.surfaces import KIOSK, PUBLIC, Surface

# When the statement was prepared and last reviewed; change both with every revision of the text.
STATEMENT_PREPARED_ON = datetime.date(2026, 11, 25)
STATEMENT_REVIEWED_ON = datetime.date(2026, 11, 25)


def _statement(request, *, surface: Surface, template: str, action: str):
    if request.method == "POST":
        form = AccessibilityFeedbackForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            accessibility_feedback_submit(
                where=data["where"],
                text=data["text"],
                language=get_language(),
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                token=data["token"],
            )
            # Post/redirect/get: a reload does not send the report again.
            return redirect(f"{action}?sent=1#feedback")
        status = 400
    else:
        form = AccessibilityFeedbackForm(initial={"token": uuid.uuid4()})
        status = 200
    context = {
        "links": surface.links(),
        "form": form,
        "form_action": action,
        "sent": request.method == "GET" and request.GET.get("sent") == "1",
        "prepared_on": STATEMENT_PREPARED_ON,
        "reviewed_on": STATEMENT_REVIEWED_ON,
        "contact_email": settings.INFOPOINT_ACCESSIBILITY_EMAIL,
        "contact_phone": settings.INFOPOINT_ACCESSIBILITY_PHONE,
    }
    return render(request, template, context, status=status)


@public_page
@require_http_methods(["GET", "HEAD", "POST"])
def public_statement(request, lang):
    action = reverse("info:accessibility", kwargs={"lang": lang})
    return _statement(request, surface=PUBLIC, template="openarea/accessibility/public.html", action=action)


@kiosk_only
@kiosk_guard.rate_limited("barrier_report")
@require_http_methods(["GET", "HEAD", "POST"])
def kiosk_statement(request):
    return _statement(
        request, surface=KIOSK, template="openarea/accessibility/kiosk.html", action=reverse("kiosk:accessibility")
    )
