"""The form of a local value (issue 20): one field per position of the table, labelled."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from infopoint.forms import FormTokenField, KernFormMixin
from screening.local_values import PARAMETER_LABELS
from screening.rules.local_values import LOCAL_PARAMETERS, template

SIZE_LABELS = [
    _("1 person"),
    _("2 persons"),
    _("3 persons"),
    _("4 persons"),
    _("5 persons"),
    _("6 persons"),
    _("each further person"),
]
KEY_LABELS = {
    "unknown_fuel": _("Fuel not known (gas, district heating), € per m² and year"),
    "heating_oil": _("Heating oil, pellets or coal, € per m² and year"),
}
SCALAR_LABELS = {"local.stuttgart.mietenstufe": _("Mietenstufe (1 to 7)")}


def positions(parameter: str) -> list[tuple[str, str, object]]:
    """(field name, label, YAML value) for each position of the parameter's value."""
    shape = template(parameter)
    if isinstance(shape, list):
        return [(f"value_{i}", str(SIZE_LABELS[i]) if i < len(SIZE_LABELS) else str(i + 1), v) for i, v in enumerate(shape)]
    if isinstance(shape, dict):
        return [(f"value_{key}", str(KEY_LABELS.get(key, key)), v) for key, v in shape.items()]
    return [("value", str(SCALAR_LABELS.get(parameter, _("Value"))), shape)]


def shown(value) -> str:
    if isinstance(value, Decimal) or (isinstance(value, str) and value.replace(".", "", 1).isdigit() and "." in value):
        return number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    return str(value)


def describe(parameter: str, value) -> list[tuple[str, str]]:
    """A stored or YAML value as (label, text) pairs for the page."""
    shape = template(parameter)
    if isinstance(shape, list) and isinstance(value, list):
        return [(label, shown(v)) for (_name, label, _yaml), v in zip(positions(parameter), value, strict=False)]
    if isinstance(shape, dict) and isinstance(value, dict):
        return [(label, shown(value.get(name.removeprefix("value_"), ""))) for name, label, _yaml in positions(parameter)]
    return [(positions(parameter)[0][1], shown(value))]


class LocalValueForm(KernFormMixin, forms.Form):
    token = FormTokenField()
    parameter = forms.ChoiceField(choices=[(n, PARAMETER_LABELS[n]) for n in LOCAL_PARAMETERS], widget=forms.HiddenInput)
    valid_from = forms.DateField(
        label=_("Valid from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter the date from which the value applies."), "invalid": _("Enter a valid date.")},
    )
    valid_to = forms.DateField(
        label=_("Valid until"),
        required=False,
        help_text=_("Leave empty if the source names no end."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a valid date.")},
    )
    source_document = forms.CharField(
        label=_("Source document"),
        max_length=300,
        help_text=_("The decision or table the value comes from, e.g. “GRDrs 456/2024, Anlage 2”."),
        error_messages={"required": _("Name the source document, e.g. “GRDrs 456/2024, Anlage 2”.")},
    )
    source_url = forms.URLField(label=_("Address of the source"), required=False, max_length=500, assume_scheme="https")

    def __init__(self, *args, parameter: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.parameter_name = parameter
        self.fields["parameter"].initial = parameter
        self.value_names = []
        for name, label, yaml_value in positions(parameter):
            self.fields[name] = forms.CharField(
                label=label,
                error_messages={"required": _("Fill in every field of the table.")},
                max_length=12,
                help_text=_("Fallback now: %(value)s") % {"value": shown(yaml_value)},
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "kern-form-input__input"}),
            )
            self.value_names.append(name)
        self.order_fields(["token", "parameter", "valid_from", "valid_to", *self.value_names, "source_document", "source_url"])

    @property
    def label(self):
        return PARAMETER_LABELS[self.parameter_name]

    def value_fields(self):
        return [self[name] for name in self.value_names]

    def value(self):
        """The typed value in the contract's shape (German decimal commas accepted)."""

        def typed(name):
            text = (self.cleaned_data.get(name) or "").strip().replace(" ", "").replace("€", "")
            return text.replace(".", "").replace(",", ".") if "," in text else text

        shape = template(self.parameter_name)
        if isinstance(shape, list):
            return [typed(name) for name in self.value_names]
        if isinstance(shape, dict):
            return {name.removeprefix("value_"): typed(name) for name in self.value_names}
        return typed(self.value_names[0])
