"""Reads of the local values (issue 20): what the engine gets, and what the staff page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from screening.local_values import PARAMETER_LABELS, LocalValue
from screening.rules.local_values import LOCAL_PARAMETERS, by_parameter, to_json
from screening.rules.params import Entry, load
from screening.rules.parse import parse_local_values

DEFAULT_MUNICIPALITY = "Stuttgart"
# Records that ended this long before the check's date are left out of its input: the one-month
# checks of issue 19 look at other months than as_of, but not further back than a year.
LOOK_BACK = timedelta(days=400)


def confirmed(*, municipality: str = DEFAULT_MUNICIPALITY) -> QuerySet[LocalValue]:
    return LocalValue.objects.filter(
        municipality__iexact=municipality, confirmed_at__isnull=False, withdrawn_at__isnull=True
    ).order_by("parameter", "valid_from")


def place_for(municipality: str, as_of: date) -> dict:
    """The contract's ``place`` with the confirmed records of the municipality that are in force
    on ``as_of`` or later (or ended less than ``LOOK_BACK`` before it)."""
    records = confirmed(municipality=municipality).exclude(valid_to__lt=as_of - LOOK_BACK)
    place = {"municipality": municipality}
    values = [
        {
            "parameter": record.parameter,
            "valid_from": record.valid_from.isoformat(),
            "valid_to": record.valid_to.isoformat() if record.valid_to else None,
            "value": record.value,
            "reference": record.source_document,
            "status": "verified",
        }
        for record in records
    ]
    if values:
        place["local_values"] = values
    return place


def local_entries(as_of: date, municipality: str = DEFAULT_MUNICIPALITY) -> dict:
    """The confirmed records as the engine's parameter set takes them (Rechtsstand page, notice)."""
    return by_parameter(parse_local_values(place_for(municipality, as_of).get("local_values")))


def household_with_place(household: dict) -> dict:
    """The household as the engine gets it at the counter: the city's confirmed records for its
    date added to ``place`` (a household without them stays as it was). What is saved with a
    check is this input, so a re-run gives the same answer."""
    place = dict(household.get("place") or {})
    municipality = place.get("municipality") or DEFAULT_MUNICIPALITY
    try:
        as_of = date.fromisoformat(household["as_of"])
    except (KeyError, TypeError, ValueError):
        return household
    place.pop("local_values", None)
    local = place_for(municipality, as_of).get("local_values")
    if local:
        place["local_values"] = local
    if not place and "place" not in household:
        return household
    return {**household, "place": place}


def local_value_get(*, pk: int) -> LocalValue:
    return get_object_or_404(LocalValue.objects.select_related("entered_by", "confirmed_by", "withdrawn_by"), pk=pk)


@dataclass(frozen=True)
class ParameterRows:
    """One parameter on the staff page: its records, and what the YAML holds as the fallback."""

    name: str
    label: str
    description: str
    records: list[LocalValue]
    fallback: list[Entry]  # the YAML entries, newest first
    fallback_now: Entry | None

    @property
    def shape_hint(self):
        return to_json(self.fallback[0].value) if self.fallback else None


def local_value_overview(*, today: date, municipality: str = DEFAULT_MUNICIPALITY) -> list[ParameterRows]:
    specs = load()[0]
    records = list(
        LocalValue.objects.filter(municipality__iexact=municipality)
        .select_related("entered_by", "confirmed_by", "withdrawn_by")
        .order_by("parameter", "-valid_from", "-entered_at")
    )
    rows = []
    for name in LOCAL_PARAMETERS:
        spec = specs[name]
        rows.append(
            ParameterRows(
                name=name,
                label=str(PARAMETER_LABELS[name]),
                description=spec.description,
                records=[r for r in records if r.parameter == name],
                fallback=list(reversed(spec.entries)),
                fallback_now=spec.entry_at(today),
            )
        )
    return rows
