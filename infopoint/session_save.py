"""A create form whose transaction committed always reaches its page (issue 21).

Django saves a changed session (a flash message, the activity stamp) after the view, in
SessionMiddleware. If the database goes away between the view's commit and that save,
Django answers "400 – please try again" (SessionInterrupted) or the 503 page, and the desk,
seeing no receipt, issues a second one. For the create forms listed here, a failed session
save after a response below 400 to a POST is logged and the response is sent as it is: the
redirect to the record's page (the record is committed: a failed commit raises in the view
and never gets here). What is lost is the session change only (the flash message, the
activity stamp), never the record. Every other request keeps Django's behaviour, so a
session change that matters (log-in, a kiosk reset) is never silently dropped.
"""

from __future__ import annotations

import logging

from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import DatabaseError

logger = logging.getLogger("infopoint.errors")

# POST views that create (or finish) a record and answer with its page or a redirect to it.
COMMITTED_CREATE_VIEWS = frozenset({
    # desk: receipts and forwarding
    "openarea:receipt-new",
    "openarea:receipt-informal-new",
    "openarea:receipt-cancel",
    "openarea:receipt-forward",
    "openarea:forwarding-record",
    # intake: walk-in, visit finish, notes, follow-ups
    "intake:walk-in",
    "intake:visit-take",
    "intake:visit-finish",
    "intake:note-add",
    "intake:follow-up-add",
    "intake:follow-up-done",
    # referrals, appointments, outcomes
    "referrals:referral-new",
    "referrals:referral-outcome",
    "referrals:visitor-outcomes",
    "referrals:referral-ics-send",
    "referrals:appointment-book",
    # screening: a saved check, a local value
    "screening:new",
    "screening:local-value-new",
    # administration: kiosks, printable forms, yellow cards
    "openarea:kiosk-enrol",
    "openarea:form-add",
    "openarea:card-update",
    # kiosk and public pages: feedback, talk to someone, hand-in, accessibility feedback
    "kiosk:feedback",
    "kiosk:advice",
    "kiosk:hand-in",
    "kiosk:accessibility",
    "info:accessibility",
})  # fmt: skip


def delivers_committed_record(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "POST"
        and response.status_code < 400
        and match is not None
        and match.view_name in COMMITTED_CREATE_VIEWS
    )


def _cause(error: BaseException) -> str:
    while error.__context__ is not None and not isinstance(error, DatabaseError):
        error = error.__context__
    return type(error).__name__


class SessionMiddleware(DjangoSessionMiddleware):
    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except (SessionInterrupted, DatabaseError) as error:
            if not delivers_committed_record(request, response):
                raise
            logger.error(
                "session not saved after a committed create",
                extra={
                    "event": "session_not_saved_after_commit",
                    "view": request.resolver_match.view_name,
                    "status": response.status_code,
                    "cause": _cause(error),
                },
            )
            return response
