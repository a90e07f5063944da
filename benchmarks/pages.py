"""The pages `make bench` measures, shared by the HTTP client and the in-process query count."""

from __future__ import annotations

from dataclasses import dataclass, field

# The four-person household of benchmarks/counter.py: a couple with a job and a mini-job, two children.
FOUR_PERSONS = {
    "as_of": "2026-11-25", "municipality": "Stuttgart", "housing-tenure": "rent",
    "housing-rent_cold": "900", "housing-service_charges": "200", "housing-heating": "110",
    "m0-relation": "self", "m0-age": "38", "m0-i0-kind": "employment", "m0-i0-gross": "2.600,00",
    "m1-relation": "partner", "m1-age": "36", "m1-i0-kind": "minijob", "m1-i0-gross": "450",
    "m2-relation": "child", "m2-age": "4", "m3-relation": "child", "m3-age": "11",
}  # fmt: skip
QUICK_CHECK_STEP = {"question": "age", "answer": "25-49"}


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    path: str
    role: str  # advisor, lead, kiosk or anonymous
    kind: str  # floor, staff, kiosk, htmx, dashboard-open, dashboard-closed
    method: str = "GET"
    data: dict = field(default_factory=dict)
    htmx: bool = False


def pages(fixture: dict) -> list[Page]:
    """Every measured page; paths filled in from the generated benchmark data."""
    return [
        Page("floor-constant", "Floor: constant string", "/__bench__/constant", "advisor", "floor"),
        Page("floor-table20", "Floor: 20-row table", "/__bench__/table20", "advisor", "floor"),
        Page("login", "Log-in page", "/accounts/login/", "anonymous", "staff"),
        Page("start", "Staff start page with waiting list", "/", "advisor", "staff"),
        Page("visitor", "Visitor page", f"/visitors/{fixture['visitor_code']}/", "advisor", "staff"),
        Page("screening-form", "Screening form", "/screening/new/", "advisor", "staff"),
        Page("screening-htmx", "htmx recalculation, 4 persons", "/screening/calculate/", "advisor", "htmx", "POST", FOUR_PERSONS, True),
        Page("follow-ups", "Referral follow-up list", "/referrals/", "advisor", "staff"),
        Page("kiosk-start", "Kiosk start page", "/kiosk/", "kiosk", "kiosk"),
        Page("kiosk-check", "Kiosk quick-check step", "/kiosk/check/", "kiosk", "kiosk", "POST", QUICK_CHECK_STEP),
        Page("dashboard-open", f"Dashboard, open month {fixture['open_month']}", f"/stats/{fixture['open_month']}/", "lead", "dashboard-open"),
        Page("dashboard-closed", f"Dashboard, closed month {fixture['closed_month']}", f"/stats/{fixture['closed_month']}/", "lead", "dashboard-closed"),
    ]  # fmt: skip
