"""Log-in by username and password (Django's ModelBackend), with a cheaper "who is this?" per request.

Every staff request asks for the user, the role groups (infopoint/lib/roles.py) and the staff
profile (the organisation). ModelBackend answers that in three queries; ``get_user`` here
answers it in one: the staff profile by a join, the group names as an array. Nothing is
cached beyond the request: a deactivated account or a removed role counts on the next request.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q


class StaffBackend(ModelBackend):
    def get_user(self, user_id):
        users = (
            get_user_model()
            ._default_manager.select_related("staff_profile")
            .annotate(role_group_names=ArrayAgg("groups__name", filter=Q(groups__isnull=False)))
        )
        user = users.filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        # Read by infopoint.lib.roles._group_names instead of a query of its own.
        user._infopoint_group_names = set(user.role_group_names or ())
        return user
