"""Writes of the local values (issue 20): enter, confirm (by a second person), withdraw.

Team leads and administration enter records; a team lead or administration who did NOT enter
a record confirms it. Only confirmed records reach the engine. Every refusal is a
``ValidationError`` naming the form field it concerns, so the page shows it there and keeps what
was typed. The audit log records each write (the auditlog middleware names the request's user).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from infopoint.lib.once import once
from infopoint.lib.roles import Role, role_of_user
from screening.local_values import LocalValue
from screening.rules.local_values import LOCAL_PARAMETERS, LocalValueError, convert, template, to_json

MAY_ENTER = {Role.TEAMLEAD, Role.ADMIN}
MAY_CONFIRM = {Role.TEAMLEAD, Role.ADMIN}


def _require(actor, roles: set[Role]) -> None:
    if role_of_user(actor) not in roles:
        raise PermissionDenied


def _lock(parameter: str, municipality: str) -> None:
    """One writer per parameter and municipality at a time, so two overlapping records cannot
    both pass the overlap check (a transaction-scoped PostgreSQL advisory lock)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"local_value:{municipality.lower()}:{parameter}"])


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _day(value: date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else _("open end")


def value_field(where: str) -> str:
    """The form field of a position inside the value: "[3]" → "value_3", ".heating_oil" → "value_heating_oil"."""
    return "value_" + where.strip("[].") if where else "value"


def _overlapping(*, municipality, parameter, valid_from, valid_to, exclude_pk=None):
    records = LocalValue.objects.filter(municipality__iexact=municipality, parameter=parameter, withdrawn_at__isnull=True)
    records = records.exclude(valid_to__lt=valid_from)
    if valid_to is not None:
        records = records.exclude(valid_from__gt=valid_to)
    if exclude_pk is not None:
        records = records.exclude(pk=exclude_pk)
    return records.select_related("entered_by").order_by("valid_from").first()


def _overlap_message(other: LocalValue) -> str:
    status = _("confirmed") if other.confirmed_at else _("waiting for confirmation")
    return _(
        "From %(start)s to %(end)s there is already a record of this value (%(status)s, entered by %(name)s). "
        "Choose dates that do not overlap, or have that record withdrawn first."
    ) % {"start": _day(other.valid_from), "end": _day(other.valid_to), "status": status, "name": _name(other.entered_by)}


@transaction.atomic
def local_value_enter(
    *,
    actor,
    parameter: str,
    valid_from: date | None,
    value,
    source_document: str,
    valid_to: date | None = None,
    source_url: str = "",
    municipality: str = "Stuttgart",
    token=None,
) -> LocalValue:
    """Record a value the city has set, waiting for a second person's confirmation."""
    _require(actor, MAY_ENTER)
    if token and (already := LocalValue.objects.filter(form_token=str(token)).first()):
        return already  # the same form sent twice: the record of the first submission
    errors: dict[str, list[str]] = {}
    if parameter not in LOCAL_PARAMETERS:
        errors["parameter"] = [_("Choose which value the city has set.")]
    if valid_from is None:
        errors["valid_from"] = [_("Enter the date from which the value applies.")]
    elif valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = [_("The end date lies before the start date.")]
    if not (source_document or "").strip():
        errors["source_document"] = [_("Name the source document, e.g. “GRDrs 456/2024, Anlage 2”.")]
    stored = None
    if parameter in LOCAL_PARAMETERS:
        value_errors = value_refusals(parameter, value)
        errors.update(value_errors)
        if not value_errors:
            stored = to_json(convert(parameter, value))
    if errors:
        raise ValidationError(errors)
    _lock(parameter, municipality)
    other = _overlapping(municipality=municipality, parameter=parameter, valid_from=valid_from, valid_to=valid_to)
    if other is not None:
        raise ValidationError({"valid_from": [_overlap_message(other)]})

    def create() -> LocalValue:
        record = LocalValue(
            municipality=municipality.strip() or "Stuttgart",
            parameter=parameter,
            valid_from=valid_from,
            valid_to=valid_to,
            value=stored,
            source_document=source_document.strip(),
            source_url=(source_url or "").strip(),
            entered_by=actor,
            form_token=str(token) if token else None,
        )
        record.full_clean(exclude=["form_token"])
        record.save()
        return record

    return once(LocalValue, token, create)


def value_refusals(parameter: str, value) -> dict[str, list[str]]:
    """Every refused position of the value by form field, all at once (not the first only)."""
    try:
        convert(parameter, value)
    except LocalValueError as error:
        shape = template(parameter)
        if not (isinstance(value, list) and isinstance(shape, list) and len(value) == len(shape)):
            return {value_field(error.where): [_shape_message(error)]}
        errors = {}
        for index, item in enumerate(value):
            # Each position alone, the others standing at the YAML's (valid) values.
            trial = [*to_json(shape)[:index], item, *to_json(shape)[index + 1 :]]
            try:
                convert(parameter, trial)
            except LocalValueError as inner:
                errors[value_field(inner.where)] = [_shape_message(inner)]
        return errors
    return {}


def _shape_message(error: LocalValueError) -> str:
    if error.message.startswith("must be a whole number"):
        return _("Enter a whole number.")
    if error.message.startswith("must be between"):
        return _("Enter a number between 1 and 7.")
    if error.message.startswith("must be more than 0"):
        return _("Enter an amount of more than 0.")
    if error.message.startswith("must be an amount"):
        return _("Enter an amount such as 563.00.")
    return _("Fill in every field of the table.")


@transaction.atomic
def local_value_confirm(*, actor, record: LocalValue) -> LocalValue:
    """The second person's confirmation: from now on the engine uses the record."""
    _require(actor, MAY_CONFIRM)
    _lock(record.parameter, record.municipality)
    record = LocalValue.objects.select_for_update(of=("self",)).select_related("entered_by", "confirmed_by").get(pk=record.pk)
    if record.withdrawn_at is not None:
        raise ValidationError(_("This record has been withdrawn and can no longer be confirmed."))
    if record.confirmed_at is not None:
        raise ValidationError(
            _("This record was already confirmed by %(name)s on %(day)s.")
            % {"name": _name(record.confirmed_by), "day": date_format(timezone.localtime(record.confirmed_at), "SHORT_DATE_FORMAT")}
        )
    if record.entered_by_id == actor.pk:
        raise ValidationError(_("You entered this record yourself. A second person – a team lead or administration – must confirm it."))
    other = _overlapping(
        municipality=record.municipality, parameter=record.parameter, valid_from=record.valid_from, valid_to=record.valid_to, exclude_pk=record.pk
    )
    if other is not None:
        raise ValidationError(_overlap_message(other))
    record.confirmed_by = actor
    record.confirmed_at = timezone.now()
    record.full_clean(exclude=["form_token"])
    record.save(update_fields=["confirmed_by", "confirmed_at"])
    return record


@transaction.atomic
def local_value_withdraw(*, actor, record: LocalValue) -> LocalValue:
    """Take a wrong record back (kept for the audit trail); the YAML or another record applies again."""
    _require(actor, MAY_CONFIRM)
    record = LocalValue.objects.select_for_update().get(pk=record.pk)
    if record.withdrawn_at is not None:
        raise ValidationError(_("This record has already been withdrawn."))
    record.withdrawn_by = actor
    record.withdrawn_at = timezone.now()
    record.save(update_fields=["withdrawn_by", "withdrawn_at"])
    return record
