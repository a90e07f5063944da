"""The kiosk in the open area: large, simple, in six languages, and forgetful."""

import logging

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from infopoint.lib.opening_hours import opening_hours_table, opening_status, weekly_periods
from openarea import kiosk_guard
from openarea.decorators import kiosk_only, kiosk_replay_exempt
from openarea.surfaces import KIOSK, Surface
from referrals.selectors import offices_for_visitors

security_log = logging.getLogger("infopoint.security")


def visitor_page_context(surface: Surface) -> dict:
    """What every start and offices page shows: opening hours, whether open now, the surface's links."""
    week = weekly_periods()  # read once for both the status and the table
    return {
        "surface": surface,
        "links": surface.links(),
        "opening": opening_status(week=week),
        "opening_hours": opening_hours_table(week),
    }


@kiosk_only
@require_safe
def start(request):
    return render(request, "openarea/kiosk/start.html", visitor_page_context(KIOSK))


@kiosk_only
@require_safe
def offices(request):
    return render(request, "openarea/visitor/offices.html", {**visitor_page_context(KIOSK), "offices": offices_for_visitors()})


@kiosk_only
@require_POST
def set_language(request):
    code = request.POST.get("language", "")
    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    translation.activate(code)
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) and back.startswith("/kiosk/")
    response = redirect(back if safe else "kiosk:start")
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, samesite="Lax", secure=settings.SECURE_COOKIES)
    return response


@kiosk_only
@kiosk_replay_exempt
@require_POST
def reset(request):
    """Forget the visitor: new session, default language, browser storage cleared.

    Cookies are not cleared as a whole (Clear-Site-Data "cookies") because that would
    also remove the device cookie that makes this browser a kiosk.
    """
    if request.kiosk is not None:
        # Staff looking at the kiosk pages keep their own session.
        request.session.flush()
        security_log.info("kiosk reset", extra={"event": "kiosk_reset", "device_id": request.kiosk.pk})
    # Forms shown before this moment no longer count (issue 21): back + resend lands on the start page.
    kiosk_guard.form_value_rotate(request)
    response = redirect("kiosk:start")
    response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response
