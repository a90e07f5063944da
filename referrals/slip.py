"""What the appointment slip shows: for the visitor in German and their language, and a note
for the receiving office in German that carries only the facts the visitor agreed to hand over."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from infopoint.lib.opening_hours import opening_hours_table
from referrals.models import Referral, ShareableField
from screening.labels import money_text
from screening.presentation import join_labels, route_view


def office_note_facts(referral: Referral) -> list[tuple[str, str]]:
    """(label, value) pairs for the office, in German, built from the allow-list and the consent only."""
    with translation.override("de"):
        return _facts(referral)


def _facts(referral: Referral) -> list[tuple[str, str]]:
    visitor = referral.visitor
    consented = set(referral.shared_fields) if referral.consent_on else set()
    labels = dict(ShareableField.choices)
    values = {
        ShareableField.NAME: visitor.name,
        ShareableField.BIRTH_YEAR: str(visitor.birth_year or ""),
        ShareableField.DISTRICT: visitor.get_district_display() if visitor.district else "",
        ShareableField.HOUSEHOLD_TYPE: visitor.get_household_type_display() if visitor.household_type else "",
        ShareableField.LANGUAGES: ", ".join(dict(settings.LANGUAGES).get(code, code) for code in visitor.languages),
        ShareableField.CONTACT: visitor.contact,
        ShareableField.SCREENING: _screening_summary(referral),
    }
    return [(str(labels[field]), values[field]) for field in ShareableField.values if field in consented and values[field]]


def _screening_summary(referral: Referral) -> str:
    """The check's route: the benefits in the order to claim them, with what each office pays in
    it, what they replace and the household's money per month. A check saved before routes
    existed gives its stored order without amounts."""
    run = referral.screening_run
    if not run or "programs" not in (run.result or {}):
        return ""
    route = route_view(run.result, offices={})
    if route.stored_before_route:
        parts = [claim.label for claim in route.claims]
    else:
        parts = [_("%(benefit)s: %(amount)s a month") % {"benefit": claim.label, "amount": money_text(claim.amount)} for claim in route.claims]
    if not parts:
        return ""
    summary = _("Apply in this order: %(claims)s") % {"claims": "; ".join(parts)}
    if route.instead_of:
        summary += " " + _("(instead of %(benefits)s)") % {"benefits": join_labels([claim.label for claim in route.instead_of])}
    if route.monthly_money is not None:
        summary += ". " + _("Household's money per month in this order: %(amount)s") % {"amount": money_text(route.monthly_money)}
    return summary


def slip_context(referral: Referral, language: str, *, paper: str = "A4") -> dict:
    documents = referral.screening_run.result.get("documents", []) if referral.screening_run else []
    languages = ["de"] if language == "de" else ["de", language]
    return {
        "referral": referral,
        "paper": paper,
        "office": referral.office,
        "sections": [{"code": code, "rtl": code == "ar"} for code in languages],
        "documents": documents,
        "office_facts": office_note_facts(referral),
        "contact_phone": settings.INFOPOINT_PHONE,
        "opening_hours": opening_hours_table(),
        "printed_at": timezone.localtime(),
    }
