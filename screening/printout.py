"""What the visitor takes home: the context of the bilingual printout.

Everything about what to claim comes from the engine's ``route`` (via
``presentation.route_view``): the benefits in the order to apply for them, each with what
that office pays in this route, the household's money per month with the route, and what
the route replaces. Nothing is recomputed from ``programs``; alternatives are for the
advisor and never appear on the visitor's sheet. Checks stored before routes existed print
their stored ``priority`` (names and order, no amounts).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext

from infopoint.lib.opening_hours import opening_hours_table
from referrals.selectors import office_for_kind
from screening.presentation import RouteView, bills_view, route_view
from screening.presentation_law import law_view

# Statutory names stay German in every language (the offices' forms use them); in a
# sentence they are set in <bdi> so that Arabic text around them keeps its order.
GERMAN_NAMES = {
    "sgb2": "Bürgergeld / Grundsicherungsgeld",
    "sgb12_ch3": "Hilfe zum Lebensunterhalt",
    "sgb12_ch4": "Grundsicherung im Alter und bei Erwerbsminderung",
    "wohngeld": "Wohngeld",
    "kiz": "Kinderzuschlag",
    "kindergeld": "Kindergeld",
    "uvg": "Unterhaltsvorschuss",
    "alg1": "Arbeitslosengeld",
}
TOP_UPS = ("wohngeld", "kiz")


def german_name(key: str) -> SafeString:
    return format_html('<bdi lang="de">{}</bdi>', GERMAN_NAMES.get(key, key))


def _interpolate(message: str, **values) -> SafeString:
    """A translated sentence ("%(benefit)s: …") with HTML-safe values (names in <bdi>) put in;
    the sentence itself is escaped like any text."""
    template = str(conditional_escape(message)).replace("{", "{{").replace("}", "}}")
    return format_html(re.sub(r"%\((\w+)\)s", r"{\1}", template), **values)


def german_names(keys: list[str]) -> SafeString:
    """["wohngeld", "kiz"] -> "Wohngeld und Kinderzuschlag" (the "and" in the active language)."""
    names = [german_name(key) for key in keys]
    if len(names) <= 1:
        return names[0] if names else SafeString("")
    items = format_html_join(pgettext("list separator", ", "), "{}", ((name,) for name in names[:-1]))
    return _interpolate(gettext("%(items)s and %(last)s"), items=items, last=names[-1])


def replacing_keys(route: RouteView) -> list[str]:
    """The claims of the route that make ``instead_of`` unnecessary."""
    if route.reason.get("code") == "wohngeld_kiz_end_need":
        return [key for key in route.keys if key in TOP_UPS]
    return list(route.keys)


def not_needed_lines(route: RouteView) -> list[SafeString]:
    """One sentence per benefit the route truly replaces, in the active language."""
    if route.stored_before_route:
        return []
    code = route.reason.get("code")
    replacing = replacing_keys(route)
    lines = []
    for claim in route.instead_of:
        benefit = format_html("<strong>{}</strong>", german_name(claim.key))
        if code == "wohngeld_kiz_end_need" and len(replacing) == 1:
            message = gettext("%(benefit)s: not needed, because %(replacement)s covers the need.")
        elif code == "wohngeld_kiz_end_need" and replacing:
            message = gettext("%(benefit)s: not needed, because %(replacement)s cover the need.")
        elif code == "first_claims_end_need":
            message = gettext("%(benefit)s: not needed, because the benefits above cover the need.")
        else:
            message = gettext("%(benefit)s: not needed if you follow this route.")
        lines.append(_interpolate(message, benefit=benefit, replacement=german_names(replacing)))
    return lines


def instead_line(route: RouteView) -> SafeString | None:
    """The line "Statt Bürgergeld / Grundsicherungsgeld: Wohngeld und Kinderzuschlag": the only way an
    alternative is mentioned to a visitor (never as money on top)."""
    if route.stored_before_route or not route.instead_of or not route.claims:
        return None
    return _interpolate(
        gettext("Instead of %(replaced)s: %(replacement)s"),
        replaced=german_names([claim.key for claim in route.instead_of]),
        replacement=german_names(replacing_keys(route)),
    )


def provisional_note(names: list[str]) -> SafeString | None:
    """The one footnote to the asterisks: which values are not yet officially known (German
    names in <bdi>, the sentence in the active language)."""
    if not names:
        return None
    items = [format_html('<bdi lang="de">{}</bdi>', name) for name in names]
    if len(items) == 1:
        joined = items[0]
    else:
        rest = format_html_join(pgettext("list separator", ", "), "{}", ((item,) for item in items[:-1]))
        joined = _interpolate(gettext("%(items)s and %(last)s"), items=rest, last=items[-1])
    return _interpolate(gettext("provisional: the values for %(names)s are not yet officially known."), names=joined)


def early_pension(result: dict, district: str) -> dict | None:
    """Issue 20: where SGB II carries ``early_old_age_pension_required`` (§ 12a S. 2 Nr. 1 SGB II
    from 2027), the sheet explains it and names the Deutsche Rentenversicherung's advice, if the
    directory has one. Checks saved before have no such reason: nothing is shown."""
    reasons = ((result.get("programs") or {}).get("sgb2") or {}).get("reasons") or []
    if not any(reason.get("code") == "early_old_age_pension_required" for reason in reasons):
        return None
    return {"office": office_for_kind(kind="rentenversicherung", district=district)}


def printout_context(run, language: str) -> dict:
    result = run.result
    district = run.visit.visitor.district if run.visit else ""
    route = route_view(result, district=district)
    law = law_view(result)
    # Every claim of the route, in route order, with the amount that office pays in this route.
    claims = [
        {"key": c.key, "status": c.status, "amount": c.amount, "office": c.office, "provisional": c.provisional and c.amount is not None}
        for c in route.claims
    ]
    marked = any(claim["provisional"] for claim in claims)
    languages = ["de"] if language == "de" else ["de", language]
    sections = []
    for code in languages:
        with translation.override(code):
            sections.append(
                {
                    "code": code,
                    "rtl": code == "ar",
                    "not_needed": not_needed_lines(route),
                    "provisional_note": provisional_note(law.provisional_names) if law and marked else None,
                }
            )
    bills = bills_view(result, district=district)
    return {
        "run": run,
        "sections": sections,
        # Issue 19: one-month claims come first on the sheet, loans for debts after the route.
        "bills": bills,
        "one_month_claims": bills.claims if bills else [],
        "loans": bills.loans if bills else [],
        "route": route,
        "claims": claims,
        # The same list under its earlier names (amounts; order and offices).
        "benefits": claims,
        "order": claims,
        "instead_of": [claim.key for claim in route.instead_of],
        "monthly_money": route.monthly_money if route.claims else None,
        "stored_before_route": route.stored_before_route,
        "assets_first": route.reason.get("code") == "assets_first",
        "early_pension": early_pension(result, district),
        "documents": result["documents"],
        "opening_hours": opening_hours_table(),
        "printed_at": timezone.localtime(),
        "as_of": run.as_of,
        # Issue 20: the date of the law the estimate rests on (the result's, else the run's).
        "law_as_of": law.as_of if law and law.as_of else run.as_of,
        "law": law,
        "money_provisional": marked,
        "contact_phone": settings.INFOPOINT_PHONE,
        "contact_email": settings.INFOPOINT_EMAIL,
    }
