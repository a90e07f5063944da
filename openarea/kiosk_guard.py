"""A kiosk that forgets (issue 21): replayed forms and floods from one device.

Replays. Every form on a kiosk page carries ``kiosk_session``, a random value kept in the
visitor's session. "Fertig" and the idle reset flush the session, so the value is gone; a form
sent again afterwards (back, reload, "resend") no longer carries the current value and lands on
the start page without doing anything: no quick-check answers shown, no hand-in replayed, no
desk code repeated. The reset itself is the only kiosk POST that works without it.

Floods. Each kiosk device (or staff member previewing the kiosk) may post each kind of form only
``INFOPOINT_KIOSK_RATE_LIMITS[action]`` times a minute. The counter is a table in the database,
so every gunicorn worker sees the same count (the default cache is per process). The minute is
a sliding window estimated from the current and the previous calendar minute, so a burst at
the turn of a minute does not get twice the limit. Refused posts are not counted: the next
visitor at the same kiosk waits at most about a minute.

Both are written to the security log (``kiosk_form_replayed``, ``kiosk_rate_limited``), with
the device only, never what was typed.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone

security_log = logging.getLogger("infopoint.security")

FIELD = "kiosk_session"
SESSION_KEY = "kiosk_form_value"
WINDOW = timedelta(minutes=1)


# --- The per-session form value -------------------------------------------------------

def form_value(request) -> str:
    """The value the forms of this kiosk session carry (made on first use)."""
    value = request.session.get(SESSION_KEY)
    if not value:
        value = secrets.token_urlsafe(24)
        request.session[SESSION_KEY] = value
    return value


def form_value_rotate(request) -> None:
    """Invalidate every form rendered so far in this session (staff previews are not flushed)."""
    request.session[SESSION_KEY] = secrets.token_urlsafe(24)


def is_current(request) -> bool:
    current = request.session.get(SESSION_KEY)
    sent = request.POST.get(FIELD, "")
    return bool(current) and isinstance(sent, str) and secrets.compare_digest(current.encode(), sent.encode())


def _who(request) -> str:
    if getattr(request, "kiosk", None) is not None:
        return f"device:{request.kiosk.pk}"
    return f"user:{request.user.pk}"


def _log_extra(request, event: str, **more) -> dict:
    kiosk = getattr(request, "kiosk", None)
    extra = {"event": event, "device_id": kiosk.pk if kiosk is not None else None, **more}
    if kiosk is None:
        extra["user_id"] = request.user.pk
    return extra


def replay_refuse(request):
    """A form of an earlier kiosk session: to the start page, nothing done, one log line."""
    match = request.resolver_match
    security_log.warning(
        "kiosk form replayed",
        extra=_log_extra(request, "kiosk_form_replayed", view=match.url_name if match else "", had_value=FIELD in request.POST),
    )
    return redirect("kiosk:start")


# --- Rate limits per device -------------------------------------------------------------

def _now():
    return timezone.now()  # a seam for the tests' clock


def rate_limited(action: str):
    """Mark a kiosk view whose POSTs count against ``INFOPOINT_KIOSK_RATE_LIMITS[action]``.

    Only marks: ``kiosk_only`` (outermost) enforces it, before the replay check, so that a
    flood of forged posts is cut off before each one is logged as a replay.
    """
    if action not in settings.INFOPOINT_KIOSK_RATE_LIMITS:
        raise ValueError(f"no rate limit configured for kiosk action {action!r}")

    def mark(view):
        view.kiosk_rate_action = action
        return view

    return mark


def rate_allow(request, action: str) -> bool:
    """Count one post of ``action`` for this device, or return False when the limit is reached."""
    from openarea.models import KioskRateCount

    limit = settings.INFOPOINT_KIOSK_RATE_LIMITS[action]
    now = _now()
    window = now.replace(second=0, microsecond=0)
    previous_weight = 1 - (now - window) / WINDOW
    who = _who(request)
    with transaction.atomic():
        KioskRateCount.objects.filter(window_start__lt=window - WINDOW).delete()
        KioskRateCount.objects.bulk_create(
            [KioskRateCount(who=who, action=action, window_start=window, count=0)], ignore_conflicts=True
        )
        row = KioskRateCount.objects.select_for_update().get(who=who, action=action, window_start=window)
        previous = (
            KioskRateCount.objects.filter(who=who, action=action, window_start=window - WINDOW).values_list("count", flat=True).first()
            or 0
        )
        if row.count + previous * previous_weight + 1 > limit:
            return False
        row.count += 1
        row.save(update_fields=["count"])
    return True


def rate_refuse(request, action: str):
    """The friendly 429 page in the kiosk's language (the language cookie decides, as everywhere)."""
    security_log.warning(
        "kiosk rate limit reached",
        extra=_log_extra(request, "kiosk_rate_limited", action=action, limit=settings.INFOPOINT_KIOSK_RATE_LIMITS[action]),
    )
    response = render(request, "openarea/kiosk/too_many.html", status=429)
    response["Retry-After"] = str(int(WINDOW.total_seconds()))
    return response
