"""Staff sessions end after inactivity and after an absolute limit (security.md B3).

The server decides: every staff request checks two timestamps kept in the session, the
last activity and the log-in. ``INFOPOINT_STAFF_IDLE_MINUTES`` without activity or
``INFOPOINT_SESSION_HOURS`` after the log-in end the session; the next page is the log-in
with a message saying why. Automatic requests, such as the waiting list that every desk
polls, do not count as activity: otherwise an open start page would never time out.
``static/js/staff-session.js`` warns two minutes before and offers to stay logged in.

Kiosk devices are not staff sessions: they have their own, much shorter idle reset.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

security_log = logging.getLogger("infopoint.security")

LAST_ACTIVITY = "infopoint_last_activity"
LOGGED_IN_AT = "infopoint_logged_in_at"
# Why the session ended, kept in a cookie of its own: a request still in flight with the old
# session cookie answers with "delete the session cookie" (its session is gone) and would
# take a reason stored in the new session with it.
ENDED_COOKIE = "__Host-infopoint-session-ended" if settings.SECURE_COOKIES else "infopoint-session-ended"
ENDED_REASONS = ("idle", "absolute")
REMAINING_HEADER = "Infopoint-Session-Remaining"
# Requests a page makes by itself; they keep the session alive no longer than a closed tab would.
PASSIVE_VIEWS = frozenset({"intake:waiting"})
# The activity stamp is written at most this often: a session write is an UPDATE and a commit
# that waits for the disk, and the check at the counter sends a request per keystroke pause.
# A session may thus end up to a minute early (of 15), never late.
STAMP_EVERY_SECONDS = 60


def _now() -> float:
    return timezone.now().timestamp()


def _idle_seconds() -> int:
    return settings.INFOPOINT_STAFF_IDLE_MINUTES * 60


def _absolute_seconds() -> int:
    return settings.SESSION_COOKIE_AGE


def _is_staff_session(request) -> bool:
    return getattr(request, "kiosk", None) is None and request.user.is_authenticated


def seconds_remaining(request) -> int:
    """Seconds until this session ends unless there is activity (0 when it has ended)."""
    if not _is_staff_session(request):
        return 0
    now = _now()
    last = request.session.get(LAST_ACTIVITY, now)
    logged_in = request.session.get(LOGGED_IN_AT, now)
    return max(0, int(min(last + _idle_seconds(), logged_in + _absolute_seconds()) - now))


@receiver(user_logged_in, dispatch_uid="infopoint.staff_session.stamp")
def _stamp_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = _now()
        request.session[LOGGED_IN_AT] = now
        request.session[LAST_ACTIVITY] = now


class StaffSessionMiddleware:
    """Ends expired staff sessions before the view runs; stamps activity for the others.

    The log-in check runs later (process_view) and sends an ended session to the log-in
    page, which says why (``logout_reason_text``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ended = self._end_if_expired(request) if _is_staff_session(request) else None
        response = self.get_response(request)
        if ended is not None:
            response.set_cookie(
                ENDED_COOKIE, ended, max_age=86400, secure=settings.SECURE_COOKIES, httponly=True, samesite="Lax"
            )
        elif _is_staff_session(request):
            response[REMAINING_HEADER] = str(seconds_remaining(request))
            if ENDED_COOKIE in request.COOKIES:
                response.delete_cookie(ENDED_COOKIE, samesite="Lax")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _is_staff_session(request) and _counts_as_activity(request):
            now = _now()
            stay_asked = request.resolver_match.view_name == "session-extend"
            if stay_asked or now - request.session.get(LAST_ACTIVITY, 0) >= STAMP_EVERY_SECONDS:
                request.session[LAST_ACTIVITY] = now
        return None

    def _end_if_expired(self, request) -> str | None:
        """Logs an expired session out; returns the value of the "why" cookie, if it ended."""
        now = _now()
        session = request.session
        if LOGGED_IN_AT not in session:
            # Sessions from before this check existed: count from now on.
            session[LOGGED_IN_AT] = session[LAST_ACTIVITY] = now
            return None
        if now - session[LOGGED_IN_AT] >= _absolute_seconds():
            reason, count = "absolute", _absolute_seconds() // 3600
        elif now - session.get(LAST_ACTIVITY, now) >= _idle_seconds():
            reason, count = "idle", settings.INFOPOINT_STAFF_IDLE_MINUTES
        else:
            return None
        user_id = request.user.pk
        logout(request)
        security_log.info("session ended", extra={"event": "session_timeout", "reason": reason, "user_id": user_id})
        return f"{reason}-{count}"


def logout_reason_text(request) -> str:
    """Why the last staff session of this browser ended, until someone logs in again."""
    if request.user.is_authenticated:
        return ""
    reason, _dash, number = request.COOKIES.get(ENDED_COOKIE, "").partition("-")
    if reason not in ENDED_REASONS or not number.isdigit() or not 0 < int(number) < 100_000:
        return ""
    count = int(number)
    if reason == "absolute":
        return ngettext(
            "You were logged out because your session reached its limit of %(count)d hour; nothing you saved is lost. Please log in again.",
            "You were logged out because your session reached its limit of %(count)d hours; nothing you saved is lost. Please log in again.",
            count,
        ) % {"count": count}
    return ngettext(
        "You were logged out after %(count)d minute without activity; nothing you saved is lost.",
        "You were logged out after %(count)d minutes without activity; nothing you saved is lost.",
        count,
    ) % {"count": count}


def _counts_as_activity(request) -> bool:
    match = request.resolver_match
    view_name = match.view_name if match else ""
    if view_name in PASSIVE_VIEWS:
        return False
    # Asking how long the session has left is not activity; asking to stay logged in is.
    return not (view_name == "session-extend" and request.method != "POST")


@require_http_methods(["GET", "HEAD", "POST"])
def session_extend(request):
    """GET: seconds left (without counting as activity). POST: "Stay logged in"."""
    payload = {"remaining_seconds": seconds_remaining(request), "warning_seconds": settings.INFOPOINT_STAFF_IDLE_WARNING_SECONDS}
    if request.method == "POST" and "application/json" not in request.headers.get("Accept", ""):
        # Without JavaScript the dialog's form is an ordinary form: back to the page.
        target = request.POST.get("next", "")
        # Only a path on this site; anything else (another host, or text that is no path) goes home.
        if not target.startswith("/") or not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = resolve_url(settings.LOGIN_REDIRECT_URL)
        return HttpResponseRedirect(target)
    return JsonResponse(payload)
