from django.conf import settings
from django.utils.translation import get_language_bidi

from infopoint.lib.roles import ROLE_LABELS, Role, organisation_of


def _new_feedback_count():
    from openarea.feedback.selectors import new_card_count

    return new_card_count()


def infopoint(request):
    role = getattr(request, "role", None)
    return {
        "site_title": settings.SITE_TITLE,
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        "user_role": role,
        "user_role_label": ROLE_LABELS.get(role, "") if role else "",
        "is_advisor_or_admin": role in (Role.ADVISOR, Role.ADMIN),
        "is_lead_or_admin": role in (Role.TEAMLEAD, Role.ADMIN),
        "is_admin": role == Role.ADMIN,
        # A callable: the query runs only where the navigation shows the count.
        "new_feedback_count": _new_feedback_count if role in (Role.TEAMLEAD, Role.ADMIN) else 0,
        "my_organisation": organisation_of(request.user) if role in (Role.ADVISOR, Role.TEAMLEAD, Role.ADMIN) else "",
        # Each language in its own script, never translated (a Russian speaker looks for "Русский").
        "language_choices": settings.LANGUAGES,
        "infopoint_phone": settings.INFOPOINT_PHONE,
        "infopoint_address_lines": [line.strip() for line in settings.INFOPOINT_ADDRESS.split("|") if line.strip()],
        "kiosk_idle_seconds": settings.KIOSK_IDLE_SECONDS,
        "kiosk_idle_warning_seconds": settings.KIOSK_IDLE_WARNING_SECONDS,
        # The staff session's idle log-out (infopoint/staff_session.py, static/js/staff-session.js).
        "staff_session_remaining": _staff_session_remaining(request),
        "staff_session_warning": settings.INFOPOINT_STAFF_IDLE_WARNING_SECONDS,
        "staff_session_warning_minutes": settings.INFOPOINT_STAFF_IDLE_WARNING_SECONDS // 60,
        "staff_session_ended": _staff_session_ended(request),
    }


def _staff_session_ended(request):
    from infopoint.staff_session import logout_reason_text

    return lambda: logout_reason_text(request)


def _staff_session_remaining(request):
    from infopoint.staff_session import seconds_remaining

    return lambda: seconds_remaining(request)
