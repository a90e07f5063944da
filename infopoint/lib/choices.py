"""``get_<field>_display()`` without rebuilding the field's choices on every call.

Django's ``Model._get_FIELD_display`` flattens the field's choices and hashes every label on
each call; the labels are lazy translations, so each hash runs gettext. On a page with a
few hundred rows (the start page's contacts of the day, a visitor with 140 contacts) that
was most of the page's time. The label map per field is built once; the labels stay lazy,
so each call still answers in the active language.
"""

from __future__ import annotations

from functools import cache

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


@cache
def _labels(field) -> dict:
    return dict(make_hashable(field.flatchoices))


class ChoiceLabelsMixin:
    """Put first in a model's bases: ``class Visit(ChoiceLabelsMixin, models.Model)``."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)
