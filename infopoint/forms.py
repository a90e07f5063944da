"""Form helpers shared by the apps: KERN UX classes on every widget."""

import math

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_WIDGET_CLASSES = [
    (forms.CheckboxInput, "kern-form-check__checkbox"),
    (forms.CheckboxSelectMultiple, "kern-form-check__checkbox"),
    (forms.RadioSelect, "kern-form-check__radio"),
    (forms.Select, "kern-form-input__select"),
    (forms.widgets.Input, "kern-form-input__input"),
    (forms.Textarea, "kern-form-input__input"),
]


class KernFormMixin:
    """Gives each widget the KERN UX class that styles it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_type, css_class in _WIDGET_CLASSES:
                if isinstance(field.widget, widget_type):
                    existing = field.widget.attrs.get("class", "")
                    field.widget.attrs["class"] = f"{existing} {css_class}".strip()
                    break


class LoginForm(KernFormMixin, AuthenticationForm):
    """Django's log-in with throttling (infopoint/login_throttle.py).

    A locked username or address gets the same message as a wrong password plus when to try
    again; the password is not even checked then, so the right one does not help either.
    """

    def clean(self):
        from infopoint import login_throttle

        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()  # a missing field has its own message
        address = login_throttle.client_address(self.request)
        remaining = login_throttle.lock_remaining(username=username, address=address)
        if remaining is not None:
            login_throttle.lock_refusal_log(username=username, address=address)
            raise self._locked_error(remaining)
        try:
            cleaned = super().clean()
        except ValidationError:
            remaining = login_throttle.failure_record(username=username, address=address)
            if remaining is not None:
                raise self._locked_error(remaining) from None
            raise
        login_throttle.success_record(username=username)
        return cleaned

    def _locked_error(self, remaining) -> ValidationError:
        minutes = max(1, math.ceil(remaining.total_seconds() / 60))
        too_many = ngettext(
            "Too many failed attempts: please try again in %(minutes)d minute.",
            "Too many failed attempts: please try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
        return ValidationError([self.get_invalid_login_error(), ValidationError(too_many, code="locked")])


def errors_to_form(error, form) -> None:
    """A service's refusal shown at the field it concerns (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


class FormTokenField(forms.UUIDField):
    """The hidden one-time token against double submissions.

    A missing or garbled token is nobody's typing mistake and has no visible field to show a
    message at: the form then goes through without the double-submission guard instead of
    failing with a 400 that the person at the screen cannot understand or correct.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            return None


def validate_plausible_year(value):
    """Dates far outside the Infopoint's life (year 1, year 9999) cannot be stored in UTC: refuse them at the field."""
    if value is not None and not 2000 <= value.year <= 2100:
        raise forms.ValidationError(_("Please enter a date between the years 2000 and 2100."), code="implausible_year")
