"""Form fields of the Django admin that fit the Infopoint's models better than Django's defaults."""

from __future__ import annotations

from django import forms
from django.contrib.postgres.fields import ArrayField


class ChoiceListField(forms.TypedMultipleChoiceField):
    """Ticked choices; an empty entry (from a form of the former text box) means nothing ticked."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if item != ""]


class ChoiceArrayAdminMixin:
    """A list of choices (languages, benefits, districts) is ticked in checkboxes, not typed.

    Django's default for an ArrayField is a comma-separated text box. Besides asking the
    administrator to remember codes, its message for an invalid item is formatted twice, so an
    entry with a per cent sign in it ("%00") ended in a server error instead of a message.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, ArrayField) and db_field.base_field.choices:
            return ChoiceListField(
                choices=db_field.base_field.choices,
                coerce=str,
                required=not db_field.blank,
                label=db_field.verbose_name.capitalize() if db_field.verbose_name else None,
                help_text=db_field.help_text,
                widget=forms.CheckboxSelectMultiple,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)
