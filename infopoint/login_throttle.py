"""Log-in throttling (security.md B4): too many failures lock a username or a client address.

A username is locked after ``INFOPOINT_LOGIN_MAX_FAILURES`` failures within
``INFOPOINT_LOGIN_LOCK_MINUTES``, a client address (a shared PC, an attacker guessing many
names) after ``INFOPOINT_LOGIN_MAX_FAILURES_PER_ADDRESS``. The window starts with the first
failure; once the limit is reached the key stays locked for the rest of that window, and
while it is locked not even the right password is checked. Unknown usernames are counted
and locked exactly like existing ones, so the answer never tells whether an account exists.

A successful log-in clears the counter of that username, not the one of the address:
otherwise one valid account would let an attacker reset the address limit at will.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from infopoint.models import LoginThrottle
from infopoint.signals import username_pseudonym

security_log = logging.getLogger("infopoint.security")


def client_address(request) -> str:
    """The address of the browser: behind the city's reverse proxy the one it appended last."""
    if request is None:
        return ""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def _keys(*, username: str, address: str) -> list[tuple[str, str, int]]:
    keys = [(LoginThrottle.Kind.USERNAME, username_pseudonym(username), settings.INFOPOINT_LOGIN_MAX_FAILURES)]
    if address:
        keys.append(
            (LoginThrottle.Kind.ADDRESS, username_pseudonym(f"address:{address}"), settings.INFOPOINT_LOGIN_MAX_FAILURES_PER_ADDRESS)
        )
    return keys


def _window() -> timedelta:
    return timedelta(minutes=settings.INFOPOINT_LOGIN_LOCK_MINUTES)


def lock_remaining(*, username: str, address: str) -> timedelta | None:
    """How long the username or the address is still locked, or None when neither is."""
    now = timezone.now()
    condition = Q()
    for kind, key, _limit in _keys(username=username, address=address):
        condition |= Q(kind=kind, key=key)
    until = (
        LoginThrottle.objects.filter(condition, locked_until__gt=now).order_by("-locked_until").values_list("locked_until", flat=True).first()
    )
    return None if until is None else until - now


def lock_refusal_log(*, username: str, address: str) -> None:
    now = timezone.now()
    for kind, key, _limit in _keys(username=username, address=address):
        if LoginThrottle.objects.filter(kind=kind, key=key, locked_until__gt=now).exists():
            security_log.warning("log-in refused while locked", extra={"event": "login_refused_while_locked", "kind": str(kind), "key": key})


def failure_record(*, username: str, address: str) -> timedelta | None:
    """Count one failed log-in; returns the remaining lock when this failure (or an earlier one) locked a key."""
    now = timezone.now()
    locked: list[datetime] = []
    with transaction.atomic():
        _forget_expired(now)
        for kind, key, limit in _keys(username=username, address=address):
            LoginThrottle.objects.bulk_create(
                [LoginThrottle(kind=kind, key=key, failures=0, window_started_at=now)], ignore_conflicts=True
            )
            row = LoginThrottle.objects.select_for_update().get(kind=kind, key=key)
            if row.window_started_at + _window() <= now:
                row.failures, row.window_started_at, row.locked_until = 0, now, None
            row.failures += 1
            if row.failures >= limit and row.locked_until is None:
                row.locked_until = row.window_started_at + _window()
                security_log.warning(
                    "log-in locked",
                    extra={
                        "event": "login_locked",
                        "kind": str(kind),
                        "key": key,
                        "failures": row.failures,
                        "locked_until": row.locked_until.isoformat(),
                    },
                )
            row.save(update_fields=["failures", "window_started_at", "locked_until"])
            if row.locked_until is not None and row.locked_until > now:
                locked.append(row.locked_until)
    return max(locked) - now if locked else None


def success_record(*, username: str) -> None:
    LoginThrottle.objects.filter(kind=LoginThrottle.Kind.USERNAME, key=username_pseudonym(username)).delete()


def _forget_expired(now: datetime) -> None:
    # Windows that are over, with no lock running, carry no information any more.
    LoginThrottle.objects.filter(window_started_at__lte=now - _window()).filter(
        Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    ).delete()
