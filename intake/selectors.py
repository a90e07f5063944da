"""Reads for the counter."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from infopoint.refused_lookups import scoped_get_or_404
from intake.models import CODE_ALPHABET, CODE_LENGTH, Channel, FollowUp, Visit, Visitor, VisitStatus
from screening.models import ScreeningRun


def _local_day_bounds(day: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=tz)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)


def visits_for_day(*, day: date) -> QuerySet[Visit]:
    """All contacts of one local (Europe/Berlin) day, oldest first."""
    start, end = _local_day_bounds(day)
    return Visit.objects.filter(arrived_at__gte=start, arrived_at__lt=end).select_related("visitor", "advisor")


def day_overview(*, day: date) -> dict:
    """The start page's view of a day: who waits, who is in conversation, counts per channel.

    Only the people still at the Infopoint are loaded; the finished contacts of the day (several
    hundred on a busy day) are counted in SQL."""
    day_visits = visits_for_day(day=day)
    present = list(day_visits.filter(status__in=[VisitStatus.WAITING, VisitStatus.IN_CONVERSATION]))
    counts = day_visits.order_by().values_list("status", "channel").annotate(count=Count("id"))
    channels: Counter = Counter()
    done_count = total = 0
    for status, channel, count in counts:
        channels[Channel(channel).label if channel in Channel.values else channel] += count
        done_count += count if status == VisitStatus.DONE else 0
        total += count
    return {
        "waiting": [visit for visit in present if visit.status == VisitStatus.WAITING],
        "in_conversation": [visit for visit in present if visit.status == VisitStatus.IN_CONVERSATION],
        "done_count": done_count,
        "total": total,
        "by_channel": sorted((str(label), count) for label, count in channels.items()),
    }


def visit_of_advisor(*, pk: int, user, role) -> Visit:
    """A contact an advisor may record: of their organisation or taken by them."""
    from infopoint.lib.roles import Role, organisation_of

    visits = Visit.objects.select_related("visitor", "advisor")
    if role == Role.ADVISOR:
        visits = visits.filter(Q(organisation=organisation_of(user)) | Q(advisor=user))
    return scoped_get_or_404(visits, user=user, pk=pk)


def visitor_by_code(*, code: str, user=None, role=None) -> Visitor:
    """A visitor by code; advisors only see visitors of their organisation or whom they served."""
    from infopoint.lib.roles import Role, organisation_of

    code = (code or "").upper()
    if len(code) > CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
        raise Http404("No such visitor code.")  # e.g. a NUL byte PostgreSQL would refuse with an error
    visitors = Visitor.objects.all()
    if role == Role.ADVISOR:
        visitors = visitors.filter(Q(visits__organisation=organisation_of(user)) | Q(visits__advisor=user)).distinct()
    return scoped_get_or_404(visitors, user=user, code=code)


def visit_for_screening(*, pk: int, user, role):
    """A contact an advisor may attach a screening to: one of their own organisation."""
    from infopoint.lib.roles import Role, organisation_of

    visits = Visit.objects.select_related("visitor")
    if role == Role.ADVISOR:
        visits = visits.filter(organisation=organisation_of(user))
    return scoped_get_or_404(visits, user=user, pk=pk)


def visitor_search(*, query: str, user, role, limit: int = 20) -> list[Visitor]:
    """Find returning visitors by name, description or code (the code as printed on their sheet),
    among those the advisor may see."""
    from infopoint.lib.roles import Role, organisation_of

    query = query.strip()
    if len(query) < 2:
        return []
    visitors = Visitor.objects.filter(Q(code__iexact=query) | Q(name__icontains=query) | Q(description__icontains=query))
    if role == Role.ADVISOR:
        visitors = visitors.filter(Q(visits__organisation=organisation_of(user)) | Q(visits__advisor=user)).distinct()
    return list(visitors.order_by("-created_at")[:limit])


def notes_for(*, visitor: Visitor, user, role):
    """Case notes of the advisor's organisation (administration: all), with the author's name only."""
    from infopoint.lib.roles import Role, organisation_of

    author = ("author__username", "author__first_name", "author__last_name")
    notes = visitor.notes.select_related("author").only("visitor_id", "text", "created_at", *author)
    return notes.filter(organisation=organisation_of(user)) if role == Role.ADVISOR else notes


def follow_ups_for(*, visitor: Visitor, user, role):
    from infopoint.lib.roles import Role, organisation_of

    """The visitor's open follow-ups (what and when) of the advisor's organisation."""
    follow_ups = visitor.follow_ups.filter(done_at__isnull=True).only("visitor_id", "task", "due_on")
    return follow_ups.filter(organisation=organisation_of(user)) if role == Role.ADVISOR else follow_ups


def follow_ups_due(*, user, within_days: int = 7):
    """An advisor's open follow-ups due within the next days, overdue first."""
    limit = timezone.localdate() + timedelta(days=within_days)
    return FollowUp.objects.select_related("visitor").filter(assigned_to=user, done_at__isnull=True, due_on__lte=limit).order_by("due_on")


def follow_up_get(*, pk: int, user, role) -> FollowUp:
    from infopoint.lib.roles import Role, organisation_of

    follow_ups = FollowUp.objects.all()
    if role == Role.ADVISOR:
        follow_ups = follow_ups.filter(organisation=organisation_of(user))
    return scoped_get_or_404(follow_ups, user=user, pk=pk)


def recent_events(limit: int = 50):
    from intake.models import Event

    return Event.objects.order_by("-date")[:limit]


def visits_of_visitor(*, visitor: Visitor, organisation: str | None) -> QuerySet[Visit]:
    """A visitor's contacts; advisors see only those of their own organisation (§ 35 SGB I)."""
    # The page links each contact's checks by number: the numbers come along as an array (a
    # subquery per shown row, not a GROUP BY over every contact), the checks' household data and
    # results stay unread, and so do the contact's other columns.
    check_numbers = ArraySubquery(ScreeningRun.objects.filter(visit=OuterRef("pk")).order_by("-created_at").values("id"))
    shown = ("visitor_id", "arrived_at", "channel", "status", "outcome", "clearing")
    visits = visitor.visits.only(*shown).annotate(check_numbers=check_numbers).order_by("-arrived_at")
    return visits if organisation is None else visits.filter(organisation=organisation)


def visitor_ids_visible_to(*, user, role, ids) -> set[int]:
    """Of the given visitors, those whose name ``user`` may see: administration all; an advisor
    those of their organisation or whom they served (as ``visitor_by_code``); nobody else any."""
    from infopoint.lib.roles import Role, organisation_of

    ids = set(ids)
    if role == Role.ADMIN:
        return ids
    if role != Role.ADVISOR or not ids:
        return set()
    visits = Visit.objects.filter(visitor_id__in=ids).filter(Q(organisation=organisation_of(user)) | Q(advisor=user))
    return set(visits.values_list("visitor_id", flat=True).distinct())
