"""What a printout request may choose: the second language and the paper size.

Both come from a GET form (includes/_print_language_form.html); anything not offered
falls back to the default instead of failing, because a printout must always come out."""

from __future__ import annotations

from django.conf import settings

PAPER_SIZES = ("A4", "A5")
DEFAULT_PAPER_SIZE = "A4"


def requested_print_language(request) -> str:
    """The language printed after German (?lang=), German alone when none of the six is asked for."""
    language = request.GET.get("lang", "de")
    return language if language in dict(settings.LANGUAGES) else "de"


def default_print_language(visit) -> str:
    """The language the print form proposes: the one the conversation was held in, if known."""
    language = visit.language if visit is not None else ""
    return language if language in dict(settings.LANGUAGES) else "de"


def requested_paper_size(request) -> str:
    """A4 unless A5 is asked for (?paper=)."""
    paper = request.GET.get("paper", DEFAULT_PAPER_SIZE).upper()
    return paper if paper in PAPER_SIZES else DEFAULT_PAPER_SIZE
