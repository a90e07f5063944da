"""Who is who: the roles of the Infopoint and how a request gets one.

The permission matrix itself (which role may open which page) lives in
``infopoint/lib/access.py``; this module only answers "which role has this request?".
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    KIOSK = "kiosk"
    ADVISOR = "advisor"
    TEAMLEAD = "teamlead"
    ADMIN = "admin"
    # Logged in, but the account has no role group yet: may only log out.
    NO_ROLE = "no-role"


# Group names as staff see them in the admin. Order matters: the highest role wins.
GROUP_ADMIN = "Administration"
GROUP_TEAMLEAD = "Teamleitung"
GROUP_ADVISOR = "Berater*in"
GROUP_ROLES = [(GROUP_ADMIN, Role.ADMIN), (GROUP_TEAMLEAD, Role.TEAMLEAD), (GROUP_ADVISOR, Role.ADVISOR)]
STAFF_ROLES = frozenset({Role.ADVISOR, Role.TEAMLEAD, Role.ADMIN})

ROLE_LABELS = {
    Role.ANONYMOUS: _("not logged in"),
    Role.KIOSK: _("kiosk"),
    Role.ADVISOR: _("advisor"),
    Role.TEAMLEAD: _("team lead"),
    Role.ADMIN: _("administration"),
    Role.NO_ROLE: _("no role yet"),
}


def role_of_user(user) -> Role | None:
    """The staff role of a logged-in user, or None for an account without a role."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    names = _group_names(user)
    for group, role in GROUP_ROLES:
        if group in names:
            if role == Role.ADVISOR and not _has_organisation(user):
                # An advisor sees case data of one organisation only; without one, nothing.
                return None
            return role
    return None


def _has_organisation(user) -> bool:
    try:
        return bool(user.staff_profile.organisation)
    except ObjectDoesNotExist:
        return False


def organisation_of(user) -> str | None:
    try:
        return user.staff_profile.organisation
    except ObjectDoesNotExist:
        return None


def _group_names(user) -> set[str]:
    cached = getattr(user, "_infopoint_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._infopoint_group_names = cached
    return cached


def role_of_request(request) -> Role:
    """A kiosk device is always the kiosk, whatever session it carries."""
    if getattr(request, "kiosk", None) is not None:
        return Role.KIOSK
    if not request.user.is_authenticated:
        return Role.ANONYMOUS
    return role_of_user(request.user) or Role.NO_ROLE
