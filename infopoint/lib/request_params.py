"""Reading query and path parameters: every date, number and code checked for its range.

A parameter a person or a crawler can type into the address bar is never trusted: a malformed
id simply means "none", a date outside 2000–2100 or a code with a NUL byte is refused with a
message (or a 400), never passed on to Python's date arithmetic or to PostgreSQL (which refuses
NUL bytes in text with an error that would be a 500).

``ControlCharacterMiddleware`` (infopoint/middleware.py) refuses any query or path carrying
control characters before a view sees it; the helpers here do the per-parameter checks.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

# PostgreSQL's bigint ends here; a larger "id" would make the database refuse the query.
_MAX_PK = 2**63 - 1
# The days any page of the Infopoint can be asked about: a day before or after it has no
# receipts, talks or law, and a year like 9999 would overflow the day after.
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2100, 12, 31)
# No parameter of ours is longer; anything longer is refused before it is parsed.
MAX_PARAMETER_LENGTH = 200
# Cc: C0/C1 control characters (NUL, escape, newline, …); Cs: lone surrogates.
_REFUSED_CATEGORIES = {"Cc", "Cs"}


class BadParameter(ValueError):
    """A parameter that is present but not acceptable; ``message`` is for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def has_control_characters(text: str) -> bool:
    """NUL bytes and other control characters, which no date, number, code or search needs."""
    return any(unicodedata.category(character) in _REFUSED_CATEGORIES for character in text or "")


def clean_text(value, *, max_length: int = MAX_PARAMETER_LENGTH) -> str | None:
    """The parameter as text, or None if it is too long or carries control characters."""
    text = str(value or "")
    if len(text) > max_length or has_control_characters(text):
        return None
    return text


def parse_pk(value) -> int | None:
    """A database id from text, or None: only ASCII digits ("²" passes str.isdigit()), in range."""
    text = str(value or "")
    if len(text) > 20 or not text.isascii() or not text.isdecimal():
        return None
    number = int(text)
    return number if 0 < number <= _MAX_PK else None


def optional_pk(request, name: str, post_name: str | None = None) -> int | None:
    """The id given as ?name= (or in the POSTed field post_name, default name), if it is a whole number."""
    return parse_pk(request.GET.get(name) or request.POST.get(post_name or name))


def parse_int(value, *, minimum: int, maximum: int) -> int | None:
    """A whole number in [minimum, maximum] from ASCII digits (an optional leading minus), or None."""
    text = str(value or "").strip()
    if not text or len(text) > 20 or not re.fullmatch(r"-?[0-9]+", text):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def parse_day(value, *, earliest: date = EARLIEST_DAY, latest: date = LATEST_DAY) -> date:
    """A day written YYYY-MM-DD within [earliest, latest]; BadParameter with a message otherwise."""
    text = clean_text(value, max_length=40)
    if text is None or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):
        raise BadParameter(_("Please enter the day as a date."))
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise BadParameter(_("Please enter the day as a date.")) from None
    if not earliest <= day <= latest:
        raise BadParameter(
            _("Please enter a day between %(earliest)s and %(latest)s.")
            % {"earliest": date_format(earliest, "SHORT_DATE_FORMAT"), "latest": date_format(latest, "SHORT_DATE_FORMAT")}
        )
    return day


def parse_moment(value, *, earliest: date = EARLIEST_DAY, latest: date = LATEST_DAY) -> datetime | None:
    """A point in time with its UTC offset (ISO 8601, as the slot buttons send it) on a day
    within [earliest, latest], or None: a naive time or year 9999 would fail further on."""
    text = clean_text(value, max_length=40)
    if not text or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.]+([+-][0-9:]+|Z)", text.strip()):
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None or not earliest <= moment.date() <= latest:
        return None
    return moment


def query_day(request, name: str, default: date, *, earliest: date = EARLIEST_DAY, latest: date = LATEST_DAY) -> tuple[date, str]:
    """The day asked for as ?name=, else ``default``; with the message for a refused one ("" if none)."""
    raw = request.GET.get(name, "")
    if not raw:
        return default, ""
    try:
        return parse_day(raw, earliest=earliest, latest=latest), ""
    except BadParameter as error:
        return default, error.message


def parse_code(value, *, alphabet: str, max_length: int, ignore: str = " -") -> str | None:
    """A code typed or scanned by a person: upper-cased, spaces and dashes dropped, every
    character from ``alphabet`` and at most ``max_length`` of them; None otherwise."""
    text = clean_text(value, max_length=max_length * 3)
    if text is None:
        return None
    code = "".join(character for character in text if character not in ignore).upper()
    if not code or len(code) > max_length or any(character not in alphabet for character in code):
        return None
    return code


def query_choice(request, name: str, choices, default: str) -> str:
    """?name= if it is one of ``choices``, else ``default``."""
    value = request.GET.get(name)
    return value if value in choices else default
