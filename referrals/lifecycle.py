"""Which status a referral may move to next (pure: no database).

planned → appointment made → attended / not attended → application filed → decided (granted,
refused, withdrawn); at any open step the visitor may decide not to apply ("closed", with a
reason). A visitor may also apply before any appointment, and a missed appointment can be
made again.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PLANNED = "planned"
APPOINTMENT_MADE = "appointment_made"
ATTENDED = "attended"
NOT_ATTENDED = "not_attended"
APPLIED = "applied"
GRANTED = "granted"
REFUSED = "refused"
WITHDRAWN = "withdrawn"
CLOSED = "closed"

STATUS_LABELS = {
    PLANNED: _("planned"),
    APPOINTMENT_MADE: _("appointment made"),
    ATTENDED: _("attended"),
    NOT_ATTENDED: _("not attended"),
    APPLIED: _("application filed"),
    GRANTED: _("granted"),
    REFUSED: _("refused"),
    WITHDRAWN: _("withdrawn"),
    CLOSED: _("closed: visitor decided not to apply"),
}

NEXT = {
    PLANNED: {APPOINTMENT_MADE, APPLIED, CLOSED},
    APPOINTMENT_MADE: {ATTENDED, NOT_ATTENDED, CLOSED},
    ATTENDED: {APPLIED, CLOSED},
    NOT_ATTENDED: {APPOINTMENT_MADE, APPLIED, CLOSED},
    APPLIED: {GRANTED, REFUSED, WITHDRAWN},
    GRANTED: set(),
    REFUSED: set(),
    WITHDRAWN: set(),
    CLOSED: set(),
}

FINISHED = frozenset(status for status, following in NEXT.items() if not following)


def allowed_next(status: str) -> list[str]:
    """The statuses a referral can move to, in the order of the lifecycle."""
    return [candidate for candidate in NEXT if candidate in NEXT[status]]


def may_move(current: str, target: str) -> bool:
    return target in NEXT.get(current, set())
