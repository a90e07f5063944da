"""Audit helpers on top of django-auditlog: masking and read-access entries.

auditlog logs writes through model signals. Reads are our own responsibility
(security.md G2): every view that shows, prints or exports one person's data calls
:func:`log_read`.
"""

from __future__ import annotations

from auditlog.models import LogEntry


def mask_completely(value) -> str:
    """Hide a personal value entirely: the log says *that* it changed, never to what."""
    return "***"


def log_read(*, actor, instance, purpose: str) -> LogEntry:
    """Record that ``actor`` looked at ``instance`` (detail, print or export)."""
    return LogEntry.objects.log_create(
        instance,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes=None,
        actor=actor if actor is not None and actor.is_authenticated else None,
        additional_data={"purpose": purpose},
    )
