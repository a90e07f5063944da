"""Writes for staff accounts and roles."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission, User
from django.db import transaction

from infopoint.lib.roles import GROUP_ADMIN, GROUP_ROLES
from infopoint.models import StaffProfile

# Apps whose records the Administration maintains in the Django admin.
ADMINISTERED_APPS = ["auth", "infopoint", "intake", "referrals", "openarea", "screening", "stats"]


def groups_ensure() -> None:
    """Create the role groups; give Administration the admin permissions of our apps."""
    for name, _role in GROUP_ROLES:
        Group.objects.get_or_create(name=name)
    administration = Group.objects.get(name=GROUP_ADMIN)
    administration.permissions.set(Permission.objects.filter(content_type__app_label__in=ADMINISTERED_APPS))


@transaction.atomic
def staff_user_upsert(
    *, username: str, password: str | None, group: str, organisation: str, first_name: str = "", last_name: str = ""
) -> User:
    """Create or update a staff account with exactly one role group and an organisation.

    ``password=None`` gives an account that cannot log in (e.g. the invented colleagues of the demo history)."""
    user, _created = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = first_name, last_name
    user.is_active = True
    user.is_staff = group == GROUP_ADMIN  # the Django admin is for the Administration only
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set([Group.objects.get(name=group)])
    StaffProfile.objects.update_or_create(user=user, defaults={"organisation": organisation})
    return user
