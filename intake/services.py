"""Writes at the counter: recording a contact, taking a visitor from the waiting list, finishing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from infopoint.lib.roles import organisation_of
from intake.models import Channel, Visit, Visitor, VisitStatus


@transaction.atomic
def walk_in_record(
    *, actor, name: str = "", description: str = "", language: str = "de", concerns=(), channel: str = Channel.WALK_IN
) -> Visit:
    """A person came in (or called, wrote …): a visitor, possibly anonymous, and a waiting contact."""
    visitor = Visitor(name=name.strip(), description=description.strip(), languages=[language])
    visitor.full_clean()
    visitor.save()
    visit = Visit(
        visitor=visitor,
        channel=channel,
        language=language,
        concerns=list(concerns),
        organisation=organisation_of(actor) or "",
        status=VisitStatus.WAITING,
    )
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def visit_take(*, visit: Visit, actor) -> bool:
    """Take a waiting visitor; False if another desk was faster (the row is locked while deciding)."""
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    if locked.status != VisitStatus.WAITING:
        return False
    locked.status = VisitStatus.IN_CONVERSATION
    locked.advisor = actor
    # The case belongs to the organisation of the advisor who takes it.
    locked.organisation = organisation_of(actor) or locked.organisation
    locked.taken_at = timezone.now()
    locked.save()
    return True


@transaction.atomic
def visit_finish(*, visit: Visit, actor, cleaned: dict) -> Visit:
    """Record what the contact was about and what came of it."""
    for field, value in cleaned.items():
        setattr(visit, field, value)
    visit.status = VisitStatus.DONE
    visit.finished_at = timezone.now()
    if visit.advisor_id is None:
        visit.advisor = actor
    visit.full_clean()
    visit.save()
    return visit
