"""What the visitor takes home: the context of the bilingual printout."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from infopoint.lib.opening_hours import opening_hours_table
from referrals.selectors import offices_by_kind
from screening.labels import OFFICE_KINDS

CLAIMABLE = ("likely", "possible")


def printout_context(run, language: str) -> dict:
    result = run.result
    programs = result["programs"]
    district = run.visit.visitor.district if run.visit else ""
    offices = offices_by_kind(kinds={OFFICE_KINDS[p["office"]] for p in programs.values() if p["office"] in OFFICE_KINDS}, district=district)
    # Amounts are printed only for what to claim (and only if likely or possible); a benefit
    # that the claimed ones replace is named without an amount, so nobody adds them up.
    claim = result["priority"]["claim"] or [k for k, p in programs.items() if p["status"] in CLAIMABLE]
    benefits = [
        {"key": key, "status": programs[key]["status"], "amount": Decimal(programs[key]["monthly_amount"]) if programs[key]["monthly_amount"] else None}
        for key in claim
        if programs[key]["status"] in CLAIMABLE
    ]
    order = [
        {"key": key, "office": offices.get(OFFICE_KINDS.get(programs[key]["office"]))}
        for key in result["priority"]["claim"]
        if programs[key]["status"] in CLAIMABLE
    ]
    languages = ["de"] if language == "de" else ["de", language]
    return {
        "run": run,
        "sections": [{"code": code, "rtl": code == "ar"} for code in languages],
        "benefits": benefits,
        "order": order,
        "instead_of": result["priority"]["instead_of"],
        "documents": result["documents"],
        "opening_hours": opening_hours_table(),
        "printed_at": timezone.localtime(),
        "as_of": run.as_of,
        "contact_phone": settings.INFOPOINT_PHONE,
        "contact_email": settings.INFOPOINT_EMAIL,
    }
