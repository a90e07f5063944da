"""One-month claims (issue 19): a one-off housing or heating cost is a need in the month it is
due (§ 22 Abs. 1 SGB II, § 35 SGB XII; BSG 22.03.2010 – B 4 AS 62/09 R; BSG 24.11.2011 –
B 14 AS 121/10 R; BSG 08.05.2019 – B 14 AS 20/18 R for heating fuel bought for the season).

For each month with such a cost the family's SGB II / SGB XII result of the ongoing route
(first claims already paid) is taken for that month; the one-off is added to the need; the
Wohngeld and Kinderzuschlag the route pays in that month, and a one-off income received in that
month, count as income. What is left uncovered is the one-month claim — at most the one-off plus
the ordinary shortfall. The ongoing route is computed without any of this and never changes.

The application reaches back only to the first of the month in which it is made (§ 37 Abs. 2
SGB II; § 44 Abs. 2 SGB XII for the 4th chapter; for the 3rd chapter the office must learn of
the need, § 18 SGB XII), so the last day to apply is the last day of the month the bill is due.

Not modelled (documented in the report of issue 19): the one-off's share of a child whose own
income covers its need; relatives' own claims; a refund from the yearly statement (the contract
has no refund kind; § 22 Abs. 3 SGB II); one-off incomes of earlier months (before an
application they count as assets); the six-month spread in the ongoing route.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from screening.rules.household import HEATING_ONE_OFF_KINDS, Household, OneOffCost
from screening.rules.money import ZERO, cents, de, fmt
from screening.rules.params import ParamSet
from screening.rules.result import OFFICES, Reason, Status, Step

SUBSISTENCE = ("sgb2", "sgb12_ch4", "sgb12_ch3")
DOOR = ("wohngeld", "kiz")
SPREAD_MONTHS = 6

KIND_LABELS = {
    "service_charge_backpayment": "Nachforderung aus der Betriebskostenabrechnung",
    "heating_backpayment": "Heizkostennachforderung",
    "heating_fuel_purchase": "Kauf von Brennstoff (Heizöl, Pellets, Kohle) für die Heizperiode",
    "other_housing": "Sonstige einmalige Wohnkosten",
}
NEED_CITATION = {
    "sgb2": "§ 22 Abs. 1 SGB II; BSG 22.03.2010 – B 4 AS 62/09 R",
    "sgb12_ch4": "§ 35 SGB XII; BSG 22.03.2010 – B 4 AS 62/09 R",
    "sgb12_ch3": "§ 35 SGB XII; BSG 22.03.2010 – B 4 AS 62/09 R",
}
FUEL_CITATION = "BSG 08.05.2019 – B 14 AS 20/18 R"
APPLY_CITATION = {"sgb2": "§ 37 Abs. 2 SGB II", "sgb12_ch4": "§ 44 Abs. 2 SGB XII", "sgb12_ch3": "§ 18 Abs. 1 SGB XII"}
SPREAD_CITATION = {
    "sgb2": "§ 11 Abs. 3 Satz 4 SGB II",
    "sgb12_ch4": "§ 82 Abs. 7 Satz 2 SGB XII",
    "sgb12_ch3": "§ 82 Abs. 7 Satz 2 SGB XII",
}
RECEIVES = {"sgb2": "sgb2", "sgb12_ch4": "sgb12", "sgb12_ch3": "sgb12"}
NAMES = {"sgb12_ch4": "Grundsicherung im Alter und bei Erwerbsminderung", "sgb12_ch3": "Hilfe zum Lebensunterhalt"}


@dataclass
class OneMonthClaim:
    program: str
    month: str
    monthly_amount: Decimal
    apply_by: date
    status: Status
    reason: Reason
    steps: list[Step] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)  # further conditions (heating yardstick, …)
    costs: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "program": self.program,
            "month": self.month,
            "monthly_amount": fmt(self.monthly_amount),
            "apply_by": self.apply_by.isoformat(),
            "office": OFFICES[self.program],
            "status": str(self.status),
            "kinds": list(self.costs),
            "reason": self.reason.to_json(),
            "reasons": [r.to_json() for r in self.reasons],
            "steps": [s.to_json() for s in self.steps],
        }


# (situation, route) of the household evaluated for a day in that month, without the one-offs.
MonthEvaluation = Callable[[date], tuple[object, object, ParamSet]]


def claims(household: Household, evaluate_month: MonthEvaluation) -> list[OneMonthClaim]:
    costs = household.housing.one_off_costs
    if not costs:
        return []
    by_month: dict[str, list[OneOffCost]] = {}
    for cost in sorted(costs, key=lambda c: c.due):
        by_month.setdefault(cost.month, []).append(cost)
    result = []
    for month, month_costs in by_month.items():
        claim = _month_claim(household, month, month_costs, evaluate_month)
        if claim is not None:
            result.append(claim)
    return result


def _last_day(month: str) -> date:
    year, number = int(month[:4]), int(month[5:])
    return date(year, number, calendar.monthrange(year, number)[1])


def _day_in(month: str, as_of: date) -> date:
    return as_of if f"{as_of:%Y-%m}" == month else date(int(month[:4]), int(month[5:]), 1)


def _raw_gap(result) -> Decimal:
    """Need minus counted income (negative: income left over), SGB II or SGB XII."""
    facts = result.facts
    if "remaining_need" in facts:
        return facts["remaining_need"] - facts["adult_income"]
    return facts["need"] - facts.get("income", facts["need"] - facts.get("shortfall", ZERO))


def _month_claim(
    household: Household, month: str, costs: list[OneOffCost], evaluate_month: MonthEvaluation
) -> OneMonthClaim | None:
    situation, decided, p = evaluate_month(_day_in(month, household.as_of))
    family = situation.family
    key = next(
        (
            k
            for k in SUBSISTENCE
            if "need" in family[k].facts
            and family[k].members
            and family[k].status not in (Status.EXCLUDED, Status.NOT_APPLICABLE)
        ),
        None,
    )
    if key is None:
        return None
    base = family[key]
    name = situation.subsistence_name if key == "sgb2" else NAMES[key]
    total = cents(sum((c.amount for c in costs), ZERO))
    gap = cents(_raw_gap(base))
    door = cents(sum((c.monthly_amount for c in decided.claims if c.program in DOOR), ZERO))
    door_names = " und ".join(
        {"wohngeld": "Wohngeld", "kiz": "Kinderzuschlag"}[c.program] for c in decided.claims if c.program in DOOR
    )
    steps = [
        Step(
            "bedarf_monat",
            f"Bedarf im Monat {month[5:]}/{month[:4]} ohne die einmaligen Kosten",
            base.facts["need"],
            NEED_CITATION[key].split(";")[0],
        ),
        Step(
            "einkommen_monat",
            "Angerechnetes Einkommen und vorrangige Leistungen (Kindergeld, Unterhaltsvorschuss, ALG I)",
            cents(base.facts["need"] - gap),
            "§ 11 SGB II" if key == "sgb2" else "§ 82 SGB XII",
        ),
    ]
    for cost in costs:
        citation = NEED_CITATION[key] + ("; " + FUEL_CITATION if cost.kind == "heating_fuel_purchase" else "")
        steps.append(
            Step(
                f"einmalig_{cost.kind}",
                f"{KIND_LABELS[cost.kind]}, fällig am {cost.due:%d.%m.%Y}",
                cost.amount,
                citation,
            )
        )
    if door:
        steps.append(
            Step(
                "wohngeld_kiz_monat",
                f"{door_names} dieses Monats (als Einkommen)",
                door,
                "§ 11 Abs. 1 SGB II; § 82 Abs. 1 SGB XII",
            )
        )
    ordinary = max(ZERO, gap - door)
    before_income = max(ZERO, gap + total - door)
    received = cents(sum((i.amount for m in household.members for i in m.one_off_incomes if i.month == month), ZERO))
    reasons: list[Reason] = []
    counted = received
    if received:
        if received >= before_income:
            counted = cents(received / SPREAD_MONTHS)
            reasons.append(
                Reason(
                    "one_off_income_spread",
                    f"Die einmalige Einnahme von {de(received)} würde den Bedarf dieses Monats ganz decken; sie wird deshalb auf sechs Monate verteilt ({de(counted)} im Monat).",
                    SPREAD_CITATION[key],
                    {"amount": received, "counted": counted},
                )
            )
        steps.append(
            Step(
                "einmalige_einnahme",
                "Einmalige Einnahme in diesem Monat (angerechnet)",
                counted,
                "§ 11 Abs. 3 SGB II" if key == "sgb2" else "§ 82 Abs. 7 SGB XII",
            )
        )
    shortfall = cents(min(max(ZERO, before_income - counted), total + ordinary))
    steps.append(
        Step("fehlbetrag_monat", "Ungedeckter Bedarf in diesem Monat", shortfall, NEED_CITATION[key].split(";")[0])
    )

    receiving = any(RECEIVES[key] in m.already_receives for m in household.members if m.id in base.members)
    route_pays = any(c.program == key for c in decided.claims)
    if any(r.code == "assets_exceed_limit" for r in base.reasons):
        return None  # assets first: the bill is paid from them (§ 12 SGB II; § 90 SGB XII)
    if shortfall <= 0 or shortfall <= ordinary:
        return None  # the bill is paid from what is left over in that month
    status = Status.LIKELY
    heating = [c for c in costs if c.kind in HEATING_ONE_OFF_KINDS]
    if heating:
        check = _heating_check(household, heating, len(base.members) or 1, p)
        if check is not None:
            status = Status.POSSIBLE
            reasons.append(check)
    if any(s.code in ("kdu_angemessenheit", "kdu_karenz_deckel") for s in base.steps) and any(
        c.kind not in HEATING_ONE_OFF_KINDS for c in costs
    ):
        status = Status.POSSIBLE
        reasons.append(
            Reason(
                "housing_not_adequate",
                "Die Miete liegt über der Mietobergrenze: Nebenkosten-Nachforderungen übernimmt das Amt nur im angemessenen Umfang; es prüft den Einzelfall.",
                "§ 22 Abs. 1 SGB II; § 35 SGB XII",
            )
        )
    apply_by = _last_day(month)
    citation = f"{NEED_CITATION[key].split(';')[0]}; {APPLY_CITATION[key]}"
    if receiving or route_pays:
        extra = cents(max(ZERO, shortfall - ordinary))
        reason = Reason(
            "hand_in_bill",
            f"Die Rechnung gehört zum Bedarf im Monat {month[5:]}/{month[:4]} im laufenden Bezug: sie bis {apply_by:%d.%m.%Y} beim {_office_de(key)} einreichen; für diesen Monat etwa {de(extra)} mehr ({name} insgesamt etwa {de(shortfall)}).",
            citation,
            {"amount": shortfall, "one_off": extra, "ordinary": ordinary},
        )
        # Already receiving, or the route itself claims SGB II / SGB XII: the same claim covers the bill.
        return OneMonthClaim(key, month, shortfall, apply_by, status, reason, steps, reasons, [c.kind for c in costs])
    passed = apply_by < household.as_of
    if passed:
        status = Status.UNLIKELY
    message = (
        f"Für {month[5:]}/{month[:4]}: {name} etwa {de(shortfall)}, weil die einmaligen Kosten ({de(total)}) in diesem Monat das Einkommen übersteigen. "
        + (
            f"Der Antrag wirkt nur auf den Ersten des Antragsmonats zurück: Antrag bis {apply_by:%d.%m.%Y} beim {_office_de(key)} stellen, die Rechnung mitbringen."
            if not passed
            else f"Die Frist ist am {apply_by:%d.%m.%Y} abgelaufen: Der Antrag wirkt nur auf den Ersten des Antragsmonats zurück."
        )
        + (
            f" {door_names} {'bleibt' if ' und ' not in door_names else 'bleiben'} in den anderen Monaten der richtige Weg."
            if door
            else ""
        )
    )
    code = "one_off_need_exceeds_income" if not passed else "application_month_passed"
    reason = Reason(code, message, citation, {"amount": shortfall, "one_off": total, "ordinary": ordinary})
    return OneMonthClaim(key, month, shortfall, apply_by, status, reason, steps, reasons, [c.kind for c in costs])


def _office_de(key: str) -> str:
    return "Jobcenter" if key == "sgb2" else "Sozialamt"


def _heating_check(household: Household, heating: list[OneOffCost], persons: int, p: ParamSet) -> Reason | None:
    """The heating of the year (monthly prepayments × 12 plus the one-off) against the
    Heizspiegel "zu hoch" value × the adequate living space (BSG 02.07.2009 – B 14 AS 36/08 R)."""
    yardstick = p["bills.heizspiegel_zu_hoch"]
    space_rule = p["bills.angemessene_wohnflaeche"]
    adequate = (
        space_rule["first_person"]
        + (space_rule["second_person"] if persons >= 2 else ZERO)
        + space_rule["each_further_person"] * max(0, persons - 2)
    )
    actual = household.housing.living_space_sqm
    space = min(actual, adequate) if actual is not None else adequate
    fuel = "heating_oil" if all(c.kind == "heating_fuel_purchase" for c in heating) else "unknown_fuel"
    limit = cents(yardstick[fuel] * space)
    year = cents(household.housing.heating * 12 + sum((c.amount for c in heating), ZERO))
    if year <= limit:
        return None
    return Reason(
        "heating_above_yardstick",
        f"Heizkosten im Jahr etwa {de(year)} (Abschläge × 12 plus die einmaligen Heizkosten) liegen über dem Grenzwert „zu hoch“ des Heizspiegels ({de(limit)} für {space} m²). Das Amt prüft, ob sie angemessen sind; der Anspruch ist möglich, nicht sicher.",
        "§ 22 Abs. 1 SGB II; § 35 Abs. 4 SGB XII; BSG 02.07.2009 – B 14 AS 36/08 R; Heizspiegel für Deutschland, Spalte „zu hoch“ (Grenzwert nicht bestätigt)",
        {"year": year, "limit": limit},
    )
