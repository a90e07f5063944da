"""Locale-aware joining of translated phrases."""

from __future__ import annotations

from django.utils.translation import pgettext


def join_phrases(phrases) -> str:
    """Phrases joined with the active language's list separator (Arabic uses "، ", not ", ")."""
    # Translators: the separator between items of a list, with its spacing (Arabic: "، ").
    return pgettext("list separator", ", ").join(str(phrase) for phrase in phrases)
