"""The permission matrix of the whole Infopoint: which role may open which page.

Default deny: a URL name that is not listed here is refused for everyone, and the test
``tests/infopoint/test_access_matrix.py`` fails for any URL pattern missing from it.
Keys are ``namespace:name``; ``namespace:*`` covers a whole namespace (the Django admin).
``personal_data`` marks pages that show, print or export one person's data: each of them
writes a read-access entry to the audit log (security.md G2).
"""

from __future__ import annotations

from dataclasses import dataclass

from infopoint.lib.roles import STAFF_ROLES, Role

A, K, ADV, TL, ADM = Role.ANONYMOUS, Role.KIOSK, Role.ADVISOR, Role.TEAMLEAD, Role.ADMIN


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    personal_data: bool = False


def rule(*roles: Role, personal_data: bool = False) -> Rule:
    return Rule(frozenset(roles), personal_data)


STAFF = tuple(STAFF_ROLES)
# Pages a browser without a log-in may open; a kiosk may not (it reaches /kiosk/ only).
PUBLIC = (A, *STAFF)

ACCESS_MATRIX: dict[str, Rule] = {
    # Log-in, language and health
    "login": rule(*PUBLIC),
    "logout": rule(*STAFF, Role.NO_ROLE),
    "set_language": rule(*PUBLIC),
    "healthz": rule(*PUBLIC),
    # Browsers report Content-Security-Policy violations here: anyone, a kiosk too (issue 21).
    "csp-report": rule(*PUBLIC, K),
    # "Stay logged in" before the idle log-out, and how long the session has left.
    "session-extend": rule(*STAFF),
    # Intake: the counter. The team lead sees aggregates, not individual visitors.
    "intake:home": rule(*STAFF),
    "intake:waiting": rule(*STAFF),
    "intake:walk-in": rule(ADV, ADM),
    "intake:visit-take": rule(ADV, ADM),
    "intake:visit-finish": rule(ADV, ADM, personal_data=True),
    "intake:visitor-detail": rule(ADV, ADM, personal_data=True),
    "intake:visitor-search": rule(ADV, ADM),
    "intake:visitor-update": rule(ADV, ADM),
    "intake:visit-open": rule(ADV, ADM),
    "intake:note-add": rule(ADV, ADM),
    "intake:follow-up-add": rule(ADV, ADM),
    "intake:follow-up-done": rule(ADV, ADM),
    # Erasure and merging touch records of both organisations: administration only.
    "intake:visitor-erase": rule(ADM),
    "intake:visitor-merge": rule(ADM),
    "intake:events": rule(*STAFF),
    "intake:visitor-sheet": rule(ADV, ADM, personal_data=True),
    # Data-subject access (Art. 15 GDPR): requests are handled by administration, and the
    # export holds the records of both organisations (an advisor sees only their own).
    "intake:visitor-export-json": rule(ADM, personal_data=True),
    "intake:visitor-export-pdf": rule(ADM, personal_data=True),
    # Screening at the counter: advisors (and administration); runs hold social data.
    "screening:new": rule(ADV, ADM),
    "screening:calculate": rule(ADV, ADM),
    "screening:run-list": rule(ADV, ADM, personal_data=True),
    "screening:run-detail": rule(ADV, ADM, personal_data=True),
    "screening:run-compare": rule(ADV, ADM, personal_data=True),
    "screening:run-print": rule(ADV, ADM, personal_data=True),
    # The state of the law (issue 20): legal values only, no personal data; the team lead
    # watches when values run out.
    "screening:law": rule(ADV, TL, ADM),
    # Local values the city sets (issue 20): entered by one, confirmed by a second person.
    "screening:local-values": rule(TL, ADM),
    "screening:local-value-new": rule(TL, ADM),
    "screening:local-value-confirm": rule(TL, ADM),
    # Re-screening when the law changes (issue 20): the team lead starts it; the list names
    # visitor codes (names only where the viewer may see the visitor) and their advisors.
    "screening:rescreen": rule(TL, ADM, personal_data=True),
    # Offices directory (maintained in the admin)
    "referrals:office-list": rule(*STAFF),
    # Referrals hold who was sent where and why: advisors (and administration) only.
    "referrals:follow-up-list": rule(ADV, ADM),
    "referrals:referral-new": rule(ADV, ADM),
    "referrals:referral-detail": rule(ADV, ADM, personal_data=True),
    "referrals:referral-move": rule(ADV, ADM),
    "referrals:referral-outcome": rule(ADV, ADM),
    "referrals:appointment-day": rule(ADV, ADM),
    "referrals:appointment-book": rule(ADV, ADM),
    "referrals:referral-slip": rule(ADV, ADM, personal_data=True),
    "referrals:referral-ics": rule(ADV, ADM, personal_data=True),
    "referrals:referral-ics-send": rule(ADV, ADM),
    "referrals:visitor-outcomes": rule(ADV, ADM, personal_data=True),
    "referrals:appointment-detail": rule(ADV, ADM, personal_data=True),
    "referrals:appointment-cancel": rule(ADV, ADM),
    "referrals:appointment-move": rule(ADV, ADM),
    # Open area, staff side: kiosk devices
    "openarea:kiosk-list": rule(TL, ADM),
    "openarea:kiosk-enrol": rule(TL, ADM),
    "openarea:kiosk-revoke": rule(TL, ADM),
    # Forms catalogue: every staff member keeps the forms up to date (no personal data).
    "openarea:form-list": rule(*STAFF),
    "openarea:form-add": rule(*STAFF),
    "openarea:form-edit": rule(*STAFF),
    "openarea:form-pdf": rule(*STAFF),
    "openarea:form-retire": rule(*STAFF),
    "openarea:form-reactivate": rule(*STAFF),
    # Yellow cards: the team lead handles complaints (concept 10e, quality management), with
    # administration as stand-in. Advisors do not see the inbox: a complaint may be about
    # them or a colleague, and cards may carry a visitor's contact details.
    "openarea:card-list": rule(TL, ADM),
    "openarea:card-detail": rule(TL, ADM, personal_data=True),
    "openarea:card-update": rule(TL, ADM),
    # Open area, staff side: the desk that takes in applications (issue 8). Receipts name the
    # applicant: advisors (their organisation's and their own) and administration.
    "openarea:receipt-list": rule(ADV, ADM, personal_data=True),
    "openarea:receipt-new": rule(ADV, ADM),
    "openarea:receipt-informal-new": rule(ADV, ADM),
    "openarea:receipt-detail": rule(ADV, ADM, personal_data=True),
    "openarea:receipt-pdf": rule(ADV, ADM, personal_data=True),
    "openarea:receipt-label": rule(ADV, ADM, personal_data=True),
    "openarea:receipt-letter": rule(ADV, ADM, personal_data=True),
    "openarea:receipt-cancel": rule(ADV, ADM),
    "openarea:receipt-forward": rule(ADV, ADM),
    "openarea:forwarding-sheet": rule(ADV, ADM, personal_data=True),
    "openarea:forwarding-record": rule(ADV, ADM),
    "openarea:power-of-attorney": rule(*STAFF),
    # Statistics (issue 9): aggregates only, for the team lead and administration (security.md C5).
    "stats:dashboard": rule(TL, ADM),
    "stats:month": rule(TL, ADM),
    "stats:month-close": rule(TL, ADM),
    "stats:month-corrections": rule(TL, ADM),
    "stats:month-report": rule(TL, ADM),
    "stats:month-export": rule(TL, ADM),
    "stats:year-current": rule(TL, ADM),
    "stats:year": rule(TL, ADM),
    "stats:year-export": rule(TL, ADM),
    # The QR code's link: whether a receipt is genuine, without the applicant's name, for any staff.
    "receipt-verify": rule(*STAFF),
    # The kiosk itself; staff may look at it to help visitors.
    "kiosk:*": rule(K, *STAFF),
    # The public web pages: anyone (a kiosk has its own pages and is confined to /kiosk/).
    "info-root": rule(*PUBLIC),
    "info:*": rule(*PUBLIC),
    # Django admin: administration only (the admin also checks is_staff itself).
    "admin:*": rule(ADM),
}


def lookup_key(namespace: str, url_name: str | None) -> str | None:
    if not url_name:
        return None
    return f"{namespace}:{url_name}" if namespace else url_name


def rule_for(namespace: str, url_name: str | None) -> Rule | None:
    """The rule of a resolved URL, or None when the URL is not in the matrix (deny)."""
    key = lookup_key(namespace, url_name)
    if key is not None and key in ACCESS_MATRIX:
        return ACCESS_MATRIX[key]
    if namespace:
        return ACCESS_MATRIX.get(f"{namespace.split(':')[0]}:*")
    return None
