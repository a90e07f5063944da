"""Reads of the screening app; advisors see the runs of their own organisation only."""

from __future__ import annotations

from django.db.models import QuerySet

from infopoint.lib.roles import Role, organisation_of
from infopoint.refused_lookups import scoped_get_or_404
from screening.models import ScreeningRun


def runs_visible_to(*, user, role) -> QuerySet[ScreeningRun]:
    runs = ScreeningRun.objects.select_related("advisor", "copied_from")
    if role == Role.ADVISOR:
        runs = runs.filter(organisation=organisation_of(user))
    return runs


def run_get(*, pk: int, user, role) -> ScreeningRun:
    return scoped_get_or_404(runs_visible_to(user=user, role=role).select_related("visit__visitor"), user=user, pk=pk)


def recent_runs(*, user, role, limit: int = 10) -> list[ScreeningRun]:
    return list(runs_visible_to(user=user, role=role).select_related("visit__visitor").filter(advisor=user)[:limit])
