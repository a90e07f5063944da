"""Audit helpers on top of django-auditlog: masking and read-access entries.

auditlog logs writes through model signals. Reads are our own responsibility
(security.md G2): every view that shows, prints or exports one person's data calls
:func:`log_read`.
"""

from __future__ import annotations

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save
from django.utils.encoding import smart_str


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


def log_reads(*, actor, instances, purpose: str) -> list[LogEntry]:
    """:func:`log_read` for every instance a list page shows, written in one INSERT.

    The entries are those ``log_create`` writes one by one (same fields; the pre_save signal
    still fills in the request's address from the auditlog middleware); a desk list of two
    thousand receipts took two thousand round trips before."""
    actor = actor if actor is not None and actor.is_authenticated else None
    entries = []
    for instance in dict.fromkeys(instances):  # each shown object once, in the order shown
        pk = instance.pk
        entry = LogEntry(
            content_type=ContentType.objects.get_for_model(instance),
            object_pk=str(pk),
            object_id=pk if isinstance(pk, int) else None,
            object_repr=smart_str(instance),
            serialized_data=LogEntry.objects._get_serialized_data_or_none(instance),
            action=LogEntry.Action.ACCESS,
            changes=None,
            actor=actor,
            additional_data={"purpose": purpose},
            cid=get_cid(),
        )
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using="default", update_fields=None)
        entries.append(entry)
    return LogEntry.objects.bulk_create(entries)
