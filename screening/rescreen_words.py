"""Re-screening (issue 20): the change items of ``screening/rescreen.py`` in words, in the active
language ("Wohngeld sinkt um etwa 60 €; Kinderzuschlag neu möglich")."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from infopoint.lib.money import _notation, _number
from screening.labels import PROGRAM_LABELS
from screening.rescreen import DOWN, ENDED, MONTHLY_MONEY, NEW, UP, Change, Route

SENTENCES = {
    NEW: _("%(program)s newly possible (about %(amount)s)"),
    ENDED: _("%(program)s no longer possible"),
    UP: _("%(program)s rises by about %(amount)s"),
    DOWN: _("%(program)s falls by about %(amount)s"),
}
NEW_WITHOUT_AMOUNT = _("%(program)s newly possible")
MONEY_SENTENCES = {
    UP: _("money per month rises by about %(amount)s"),
    DOWN: _("money per month falls by about %(amount)s"),
}


def about(amount: Decimal | None) -> str:
    """A whole-euro amount in the active language's notation ("60 €", "€60")."""
    if amount is None:
        return ""
    thousands, _decimal, pattern, _percent = _notation(get_language())
    whole = Decimal(amount).quantize(Decimal(1), ROUND_HALF_UP)
    return pattern.format(n=_number(whole, 0, thousands, _decimal))


def program_label(key: str) -> str:
    return str(PROGRAM_LABELS.get(key, key))


def change_text(change: Change) -> str:
    if change.program == MONTHLY_MONEY:
        return str(MONEY_SENTENCES[change.kind]) % {"amount": about(change.amount)}
    sentence = NEW_WITHOUT_AMOUNT if change.kind == NEW and change.amount is None else SENTENCES[change.kind]
    return str(sentence) % {"program": program_label(change.program), "amount": about(change.amount)}


def changes_text(changes: list[Change]) -> str:
    """All changes as one line, separated by semicolons."""
    return "; ".join(change_text(change) for change in changes)


def route_text(route: Route) -> str:
    """The route as one line: "Kindergeld (child benefit) + Wohngeld (housing benefit) (about 1,152 €)"."""
    if not route.claims:
        return gettext("nothing to claim")
    text = " + ".join(program_label(key) for key in route.claims)
    if route.monthly_money is not None:
        text = gettext("%(route)s (money per month about %(amount)s)") % {
            "route": text,
            "amount": about(route.monthly_money),
        }
    return text
