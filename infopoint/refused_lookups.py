"""Refused object look-ups in the security log, counted per account (issue 21).

An advisor sees only their organisation's records (§ 35 SGB I); asking for another one's
visitor, contact, check, referral, receipt, appointment or follow-up answers 404, as if it
did not exist. Such a 404 is now an event: the selectors look records up through
:func:`scoped_get_or_404`, which notices when the record exists outside the user's scope and
notes it for the request. After the view (outside the request's transaction, which a 404
rolls back) :class:`RefusedLookupMiddleware` stores one row per refusal, logs
``object_refused`` with the account, the kind of record and the account's count within the
last ``INFOPOINT_REFUSED_LOOKUP_ALERT_MINUTES`` minutes, and logs the alert
``refused_lookups_alert`` (level ERROR) when that count goes past
``INFOPOINT_REFUSED_LOOKUP_ALERT_COUNT``: someone may be walking through record numbers.
Which record was asked for is not logged: its number or code could tell about a visitor.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

security_log = logging.getLogger("infopoint.security")

_pending: ContextVar[list | None] = ContextVar("infopoint_refused_lookups", default=None)


def scoped_get_or_404(scoped: QuerySet, *, user, **lookup):
    """``get_object_or_404`` on a queryset narrowed to what ``user`` may see, noting a refusal
    when the record exists but lies outside that scope."""
    try:
        return scoped.get(**lookup)
    except scoped.model.DoesNotExist:
        if getattr(user, "pk", None) is not None and scoped.model._base_manager.filter(**lookup).exists():
            refusal_note(user=user, model=scoped.model._meta.label_lower)
        raise Http404(f"No {scoped.model._meta.object_name} matches the given query.") from None


def refusal_note(*, user, model: str) -> None:
    pending = _pending.get()
    if pending is None:  # outside a request (a command, a test calling a selector): record at once
        refusals_record(user_id=user.pk, models=[model])
    else:
        pending.append((user.pk, model))


def refusals_record(*, user_id: int, models: list[str], view: str = "") -> int:
    """Store and log refusals of one account; returns its count within the alert window."""
    from infopoint.models import RefusedLookup  # noqa: PLC0415 - the app registry is ready by now

    now = timezone.now()
    minutes = settings.INFOPOINT_REFUSED_LOOKUP_ALERT_MINUTES
    window = timedelta(minutes=minutes)
    limit = settings.INFOPOINT_REFUSED_LOOKUP_ALERT_COUNT
    try:
        with transaction.atomic():
            RefusedLookup.objects.filter(at__lte=now - window).delete()
            before = RefusedLookup.objects.filter(user_id=user_id, at__gt=now - window).count()
            RefusedLookup.objects.bulk_create([RefusedLookup(user_id=user_id, model=model, at=now) for model in models])
    except DatabaseError:
        # The 404 still answers; the events are logged, without a count, while the database is away.
        before = -len(models) - limit
    count = before
    for model in models:
        count += 1
        security_log.warning(
            "object refused",
            extra={"event": "object_refused", "user_id": user_id, "model": model, "view": view, "count": max(count, 0), "minutes": minutes},
        )
        if count == limit + 1:
            security_log.error(
                "alert: many refused look-ups",
                extra={
                    "event": "refused_lookups_alert",
                    "user_id": user_id,
                    "count": count,
                    "limit": limit,
                    "minutes": minutes,
                },
            )
    return count


class RefusedLookupMiddleware:
    """Collects the refusals of one request and records them after the view's transaction."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _pending.set([])
        try:
            response = self.get_response(request)
            pending = _pending.get()
        finally:
            _pending.reset(token)
        if pending:
            match = getattr(request, "resolver_match", None)
            by_user: dict[int, list[str]] = {}
            for user_id, model in pending:
                by_user.setdefault(user_id, []).append(model)
            for user_id, models in by_user.items():
                refusals_record(user_id=user_id, models=models, view=match.view_name if match else "")
        return response
