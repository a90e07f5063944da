"""Everything stored about one visitor, for a data-subject access request (Art. 15 GDPR, § 83 SGB X).

The same structure feeds the JSON file (machine readable, raw values) and the PDF (German,
with labels and readable values). Every concrete field of every model that holds a visitor's
data is included, apart from the technical fields in ``TECHNICAL_FIELDS`` that say nothing
about the person; ``tests/intake/test_subject_access.py`` checks that against the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from intake.models import CaseNote, FollowUp, Visit, Visitor
from openarea.models import Forwarding, Receipt, ReceiptDocument
from referrals.models import InfopointAppointment, Referral, ReferralEvent, ReferralOutcome, ReferralStatusChange
from screening.models import ScreeningRun

# Internal keys that guard against double submissions or prove integrity; not data about the person.
TECHNICAL_FIELDS = {"form_token", "content_digest", "pdf"}


@dataclass(frozen=True)
class Value:
    name: str
    label: str
    raw: object
    shown: str


def _json_value(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    return value


def _person_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _shown(instance, field, raw) -> str:
    if raw is None or raw in ("", [], {}):
        return "–"
    if field.choices:
        labels = {str(code): str(label) for code, label in field.flatchoices}
        return labels.get(str(raw), str(raw))
    if isinstance(field, models.BooleanField):
        return "ja" if raw else "nein"
    if isinstance(field, models.DateTimeField):
        return date_format(timezone.localtime(raw), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return date_format(raw, "DATE_FORMAT")
    base = getattr(field, "base_field", None)
    if base is not None and base.choices:
        labels = {str(code): str(label) for code, label in base.flatchoices}
        return ", ".join(labels.get(str(item), str(item)) for item in raw)
    if isinstance(raw, (list, dict)):
        import json  # noqa: PLC0415

        return json.dumps(raw, ensure_ascii=False, indent=1, default=str)
    return str(raw)


def field_values(instance) -> list[Value]:
    """Every concrete field of ``instance`` but the technical ones; people by name, offices by name."""
    values = []
    for field in instance._meta.concrete_fields:
        if field.name in TECHNICAL_FIELDS:
            continue
        if field.is_relation:
            related = getattr(instance, field.name)
            if field.related_model is get_user_model():
                raw = _person_name(related)
            elif related is None:
                raw = None
            elif field.related_model is Visitor:
                raw = related.code
            elif hasattr(related, "name"):
                raw = related.name
            else:
                raw = related.pk
            shown = str(raw) if raw not in (None, "") else "–"
        else:
            raw = _json_value(field.value_from_object(instance))
            shown = _shown(instance, field, field.value_from_object(instance))
        values.append(Value(field.name, str(field.verbose_name), raw, shown))
    return values


def _record(instance, **children) -> dict:
    return {"values": field_values(instance), **children}


def subject_access_records(visitor: Visitor) -> dict:
    """Everything about one visitor, grouped as the PDF shows it."""
    visits = list(Visit.objects.filter(visitor=visitor).select_related("advisor").order_by("arrived_at"))
    visit_ids = [visit.pk for visit in visits]
    runs = list(ScreeningRun.objects.filter(visit_id__in=visit_ids).select_related("advisor").order_by("created_at"))
    receipts = list(Receipt.objects.filter(visit_id__in=visit_ids).select_related("office", "issued_by").order_by("year", "number"))
    referrals = list(Referral.objects.filter(visitor=visitor).select_related("office", "created_by").order_by("created_at"))
    notes = list(CaseNote.objects.filter(visitor=visitor).select_related("author").order_by("created_at"))
    follow_ups = list(FollowUp.objects.filter(visitor=visitor).select_related("assigned_to").order_by("due_on"))
    appointments = list(InfopointAppointment.objects.filter(visitor=visitor).select_related("advisor").order_by("starts_at"))
    status_changes = list(ReferralStatusChange.objects.filter(referral__visitor=visitor).order_by("changed_at"))
    events = list(ReferralEvent.objects.filter(referral__visitor=visitor).order_by("done_at"))
    outcomes = list(ReferralOutcome.objects.filter(referral__visitor=visitor).order_by("recorded_at"))
    forwardings = {forwarding.receipt_id: forwarding for forwarding in Forwarding.objects.filter(receipt__in=receipts)}
    documents = set(ReceiptDocument.objects.filter(receipt__in=receipts).values_list("receipt_id", flat=True))

    def receipt_record(receipt):
        forwarding = forwardings.get(receipt.pk)
        return _record(
            receipt,
            forwarding=_record(forwarding) if forwarding else None,
            stored_pdf=receipt.pk in documents,
        )

    objects = [(visitor, [visitor.pk])]
    for group in (visits, runs, receipts, referrals, notes, follow_ups, appointments, status_changes, outcomes):
        if group:
            objects.append((group[0], [item.pk for item in group]))
    return {
        "visitor": _record(visitor),
        "contacts": [
            _record(
                visit,
                screening_runs=[_record(run) for run in runs if run.visit_id == visit.pk],
                receipts=[receipt_record(receipt) for receipt in receipts if receipt.visit_id == visit.pk],
            )
            for visit in visits
        ],
        "notes": [_record(note) for note in notes],
        "follow_ups": [_record(follow_up) for follow_up in follow_ups],
        "referrals": [
            _record(
                referral,
                status_changes=[_record(change) for change in status_changes if change.referral_id == referral.pk],
                events=[_record(event) for event in events if event.referral_id == referral.pk],
                outcomes=[_record(outcome) for outcome in outcomes if outcome.referral_id == referral.pk],
            )
            for referral in referrals
        ],
        "appointments": [_record(appointment) for appointment in appointments],
        "audit_log": audit_entries(objects),
    }


def audit_entries(objects) -> list[dict]:
    """Who wrote or read what about the person: the audit log's entries on their records."""
    query = Q(pk__in=[])
    for sample, ids in objects:
        query |= Q(content_type=ContentType.objects.get_for_model(type(sample)), object_pk__in=[str(pk) for pk in ids])
    entries = LogEntry.objects.filter(query).select_related("actor", "content_type").order_by("timestamp", "pk")
    return [
        {
            "time": timezone.localtime(entry.timestamp).isoformat(),
            "action": entry.get_action_display(),
            "record": entry.object_repr,
            "record_kind": f"{entry.content_type.app_label}.{entry.content_type.model}",
            "record_label": str(entry.content_type.model_class()._meta.verbose_name) if entry.content_type.model_class() else "",
            "by": _person_name(entry.actor) if entry.actor else "",
            "fields_changed": sorted((entry.changes_dict or {}).keys()),
            "purpose": (entry.additional_data or {}).get("purpose", "") if isinstance(entry.additional_data, dict) else "",
        }
        for entry in entries
    ]


def _as_json(record):
    if record is None:
        return None
    if isinstance(record, list):
        return [_as_json(item) for item in record]
    if isinstance(record, dict) and "values" in record:
        data = {value.name: value.raw for value in record["values"]}
        for key, child in record.items():
            if key != "values":
                data[key] = _as_json(child) if isinstance(child, (list, dict)) else child
        return data
    return record


def subject_access_json(visitor: Visitor) -> dict:
    records = subject_access_records(visitor)
    return {
        "document": "Auskunft nach Art. 15 DSGVO und § 83 SGB X",
        "controller": "Landeshauptstadt Stuttgart – Infopoint Sozialleistungen",
        "created_at": timezone.localtime().isoformat(),
        "visitor": _as_json(records["visitor"]),
        "contacts": _as_json(records["contacts"]),
        "notes": _as_json(records["notes"]),
        "follow_ups": _as_json(records["follow_ups"]),
        "referrals": _as_json(records["referrals"]),
        "appointments": _as_json(records["appointments"]),
        "audit_log": records["audit_log"],
    }


def subject_access_pdf(visitor: Visitor) -> bytes:
    """The same content as a German PDF with headings, for handing out or sending by post."""
    from django.utils import translation  # noqa: PLC0415

    from infopoint.lib.pdf import render_pdf  # noqa: PLC0415 - keeps WeasyPrint out of imports

    with translation.override("de"):
        records = subject_access_records(visitor)
        audit_log = [
            {**entry, "time_shown": date_format(datetime.fromisoformat(entry["time"]), "SHORT_DATETIME_FORMAT")}
            for entry in records["audit_log"]
        ]
        context = {"visitor": visitor, "records": records, "audit_log": audit_log, "printed_at": timezone.localtime()}
        return render_pdf("intake/subject_access_pdf.html", context)
