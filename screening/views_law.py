"""The Rechtsstand page (issue 20): every legal value the screening uses, on one date, for staff."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from infopoint.lib.request_params import BadParameter, parse_day
from screening import selectors_law
from screening.labels import money_text
from screening.local_value_selectors import local_entries

FILTERS = ("all", "unverified", "ending")
ENDING_DAYS = 60
MONEY_UNITS = {"Euros", "Euro"}
# Keys of a money parameter whose values are rates, factors or counts, not euros.
NOT_MONEY = ("rate", "share", "factor", "months", "age", "years")


def _number(value) -> str:
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _text(value, *, money: bool) -> str:
    if isinstance(value, bool) or value is None:
        return "–" if value is None else str(value)
    if isinstance(value, Decimal):
        return money_text(value) if money else _number(value)
    if isinstance(value, int):
        return _number(value)
    if isinstance(value, list):
        return "; ".join(_text(item, money=money) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_text(inner, money=money and not _not_money(key))}" for key, inner in value.items())
    return str(value)


def _not_money(key) -> bool:
    return any(part in str(key) for part in NOT_MONEY)


def value_parts(value, unit: str) -> list[tuple[str, str]]:
    """A parameter's value as (key, text) pairs for a small table; one pair with key "" for a
    single value or a plain list. Money in the page language's notation, other numbers too."""
    money = unit in MONEY_UNITS
    if isinstance(value, dict):
        return [(str(key), _text(inner, money=money and not _not_money(key))) for key, inner in value.items()]
    return [("", _text(value, money=money))]


def _as_of(request) -> tuple[date, str]:
    """The page's date: ``?as_of=YYYY-MM-DD`` or today in Berlin; an error message for a bad one."""
    today = timezone.localdate()
    raw = request.GET.get("as_of", "").strip()
    if not raw:
        return today, ""
    try:
        date.fromisoformat(raw)
    except ValueError:
        message = gettext("“%(value)s” is not a date. Please enter it as YYYY-MM-DD, e.g. %(example)s. Shown: today.")
        return today, message % {"value": raw[:40], "example": today.isoformat()}
    try:
        return parse_day(raw), ""  # within 2000–2100: the law of year 9999 is no question (issue 21)
    except BadParameter as error:
        return today, error.message


@require_safe
def law(request):
    """Every parameter with its value on the date, its status and source; what changes next."""
    as_of, error = _as_of(request)
    show = request.GET.get("show", "all")
    if show not in FILTERS:
        show = "all"
    rows = selectors_law.law_rows(as_of=as_of, local=local_entries(as_of))
    shown = selectors_law.filter_rows(rows, show=show, as_of=as_of, within_days=ENDING_DAYS)
    context = {
        "as_of": as_of,
        "as_of_iso": as_of.isoformat(),
        "today": timezone.localdate(),
        "date_error": error,
        "show": show,
        "rows": [(row, value_parts(row.value, row.unit)) for row in shown],
        "total": len(rows),
        "counts": {status: sum(row.status == status for row in rows) for status in selectors_law.STATUSES},
        "next": selectors_law.next_changes(rows, as_of=as_of),
        "ending_days": ENDING_DAYS,
    }
    context["next_changes"] = [(change, value_parts(change.entry.value, change.row.unit)) for change in context["next"].changes]
    return render(request, "screening/law/page.html", context, status=400 if error else 200)
