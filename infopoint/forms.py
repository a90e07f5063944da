"""Form helpers shared by the apps: KERN UX classes on every widget."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

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
    pass


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
