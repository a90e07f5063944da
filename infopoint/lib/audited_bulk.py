"""No unlogged bulk writes on audited models (issue 10, security.md G1).

django-auditlog writes its entries from model signals. ``QuerySet.update()``,
``bulk_create()`` and ``bulk_update()`` send none, so a bulk write on an audited model would
change personal or case data without a trace. Every model registered with auditlog therefore
uses :class:`AuditedQuerySet` (``objects = AuditedManager()``), which refuses these three
paths with :class:`UnauditedBulkWriteError` unless the caller says why inside

* :func:`audited_bulk` ("reason"): the write happens and every affected row gets the entry a
  ``save()`` would have written (same diff, same masking and exclusions as the registration),
  with the reason in ``additional_data``; or
* :func:`bulk_without_audit` ("reason"): only for invented demo records (the demo history
  writes thousands of rows that never belonged to anyone); a code rule
  (tests/infopoint/test_code_rules.py) keeps it out of every other module, and each use is
  written to the security log with model, row count and reason.

An ``update()`` or ``bulk_update()`` that touches only fields the registration excludes (for
example a kiosk's ``last_seen_at`` heartbeat) is allowed as it is: a ``save()`` would not
have written an entry either. ``QuerySet.delete()`` needs nothing: as long as auditlog's
receivers are connected, Django deletes row by row and sends the signals.
"""

from __future__ import annotations

import copy
import functools
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models, transaction

security_log = logging.getLogger("infopoint.security")


class UnauditedBulkWriteError(Exception):
    """A bulk write on an audited model outside ``audited_bulk``; nothing was written."""


@dataclass(frozen=True)
class _BulkPermission:
    reason: str
    log_each_row: bool


_permission: ContextVar[_BulkPermission | None] = ContextVar("infopoint_bulk_permission", default=None)


def _reason_checked(reason: str) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError("a bulk write on audited models needs a reason, e.g. audited_bulk('concept opening hours seeded')")
    return reason.strip()


@contextmanager
def audited_bulk(reason: str) -> Iterator[None]:
    """Allow ``update``/``bulk_create``/``bulk_update`` on audited models; each row is logged.

    ``reason`` is a fixed text from the code (never a value of the data) and lands in every
    entry's ``additional_data`` as ``bulk_reason``."""
    token = _permission.set(_BulkPermission(_reason_checked(reason), log_each_row=True))
    try:
        yield
    finally:
        _permission.reset(token)


@contextmanager
def bulk_without_audit(reason: str) -> Iterator[None]:
    """Allow bulk writes without per-row entries: invented demo records only (see module doc)."""
    token = _permission.set(_BulkPermission(_reason_checked(reason), log_each_row=False))
    try:
        yield
    finally:
        _permission.reset(token)


def _registration(model) -> dict | None:
    from auditlog.registry import auditlog  # noqa: PLC0415 - lib modules load before the app registry

    return auditlog.get_model_fields(model) if auditlog.contains(model) else None


def _audited_field_names(model, names: Iterable[str]) -> set[str]:
    """The names among ``names`` whose change auditlog would record for ``model``."""
    registration = _registration(model)
    if registration is None:
        return set()
    from django.conf import settings  # noqa: PLC0415

    excluded = set(registration["exclude_fields"]) | set(settings.AUDITLOG_EXCLUDE_TRACKING_FIELDS)
    included = set(registration["include_fields"])
    audited = set()
    for name in names:
        field = model._meta.get_field(name)
        field_names = {field.name, getattr(field, "attname", field.name)}
        if field_names & excluded or (included and not field_names & included):
            continue
        audited.add(name)
    return audited


def _permission_for(model, operation: str) -> _BulkPermission:
    permission = _permission.get()
    if permission is None:
        raise UnauditedBulkWriteError(
            f"{model.__name__}.objects.{operation}() writes no audit entries and is refused: "
            "save the objects one by one, or wrap the call in "
            "infopoint.lib.audited_bulk.audited_bulk('<why>') so that every row is logged."
        )
    return permission


def _log(action, *, old, new, fields_to_check, reason: str) -> None:
    from auditlog.diff import model_instance_diff  # noqa: PLC0415
    from auditlog.models import LogEntry  # noqa: PLC0415

    changes = model_instance_diff(old, new, fields_to_check=fields_to_check)
    if not changes:
        return
    LogEntry.objects.log_create(new if new is not None else old, action=action, changes=changes, additional_data={"bulk_reason": reason})


def _report_unaudited(model, operation: str, rows: int, reason: str) -> None:
    security_log.info(
        "bulk write without audit entries",
        extra={"event": "bulk_without_audit", "model": model._meta.label, "operation": operation, "rows": rows, "reason": reason},
    )


class AuditedQuerySet(models.QuerySet):
    """The queryset of every audited model: bulk writes only logged (see the module doc)."""

    def update(self, **kwargs):
        if not _audited_field_names(self.model, kwargs):
            return super().update(**kwargs)
        permission = _permission_for(self.model, "update")
        if not permission.log_each_row:
            rows = super().update(**kwargs)
            _report_unaudited(self.model, "update", rows, permission.reason)
            return rows
        from auditlog.models import LogEntry  # noqa: PLC0415

        manager = self.model._default_manager.db_manager(self.db)
        with transaction.atomic(using=self.db, savepoint=False):
            # The rows are locked and read first; afterwards they are updated and found again by
            # primary key, because the update may well move them out of this queryset's filter.
            before = manager.select_for_update().in_bulk(list(self.values_list("pk", flat=True)))
            if not before:
                return 0
            rows = models.QuerySet.update(manager.filter(pk__in=list(before)), **kwargs)
            after = manager.in_bulk(list(before))
            for pk, old in before.items():
                _log(LogEntry.Action.UPDATE, old=old, new=after[pk], fields_to_check=None, reason=permission.reason)
        return rows

    def bulk_update(self, objs, fields, batch_size=None):
        if _audited_field_names(self.model, fields):
            _permission_for(self.model, "bulk_update")
        # Django's bulk_update writes through update() of this queryset, which logs every row.
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def bulk_create(self, objs, *args, **kwargs):
        permission = _permission_for(self.model, "bulk_create")
        objs = list(objs)
        if not permission.log_each_row:
            created = super().bulk_create(objs, *args, **kwargs)
            _report_unaudited(self.model, "bulk_create", len(created), permission.reason)
            return created
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            # PostgreSQL does not say which rows were skipped or overwritten: no entry per row possible.
            raise UnauditedBulkWriteError(
                f"{self.model.__name__}.objects.bulk_create() with ignore_conflicts/update_conflicts cannot be audited row by row."
            )
        from auditlog.models import LogEntry  # noqa: PLC0415

        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            for obj in created:
                _log(LogEntry.Action.CREATE, old=None, new=obj, fields_to_check=None, reason=permission.reason)
        return created


class AuditedManager(models.Manager.from_queryset(AuditedQuerySet)):
    """``objects`` of every audited model (and the base of related managers, which inherit it)."""


# --- on_delete=SET_NULL ---------------------------------------------------------------------
# Deleting a contact, a check or an office blanks the foreign keys pointing at it from audited
# rows (a receipt's or a referral's contact, a printable form's office). Django does that with
# a bulk UPDATE on the base manager, which sends no signal; the receiver below writes the entry
# a save() would have written, one per affected row, before the row is changed.


def _set_null_relations() -> dict:
    from auditlog.registry import auditlog  # noqa: PLC0415

    relations: dict = {}
    for model in auditlog.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.remote_field.on_delete is models.SET_NULL and _audited_field_names(model, [field.name]):
                relations.setdefault(field.related_model, []).append((model, field))
    return relations


def log_change_written_directly(row, *, new_values: dict, reason: str) -> None:
    """The entry a ``save()`` would write, for a change made below the ORM (``row`` as it was before)."""
    from auditlog.models import LogEntry  # noqa: PLC0415

    changed = copy.copy(row)
    for name, value in new_values.items():
        setattr(changed, name, value)
    _log(LogEntry.Action.UPDATE, old=row, new=changed, fields_to_check=list(new_values), reason=reason)


def _log_set_null(sender, instance, *, relations, **kwargs) -> None:
    for model, field in relations:
        for row in model._base_manager.filter(**{field.name: instance}):
            log_change_written_directly(row, new_values={field.attname: None}, reason=f"{sender._meta.label} deleted")


def connect_set_null_logging() -> None:
    """Called once from InfopointConfig.ready(), when every model is loaded."""
    from django.db.models.signals import pre_delete  # noqa: PLC0415

    for referenced, relations in _set_null_relations().items():
        pre_delete.connect(
            functools.partial(_log_set_null, relations=relations),
            sender=referenced,
            weak=False,
            dispatch_uid=f"infopoint.audited_bulk.set_null.{referenced._meta.label}",
        )
