"""Quick-check answers -> the screening engine's household JSON (screening-contract.md).

Ranges become representative values; the result therefore shows amounts only when the
money answers were typed exactly (``answers_are_exact``). Everything else the engine
needs gets the counter's defaults (Stuttgart, rent, settled residence).

The answer about a high bill or a threatened cut-off (``bills``) is never sent: the kiosk knows
no amount or due date, and the result only explains the one-month claim and the protection
against a cut-off (``result.bills_help``).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from openarea.quick_check.questions import DONT_KNOW, EXACT

AGE_OF_BAND = {"18-24": 21, "25-49": 37, "50-59": 55, "60-66": 63, "67+": 70}
CHILD_AGE_OF_BAND = {"0-5": 3, "6-11": 8, "12-13": 12, "14-17": 15}
# Middle of each range; the open-ended top ranges take a value clearly inside them.
MONEY_OF_RANGE = {
    "0": Decimal(0),
    "1-500": Decimal(300),
    "500-1000": Decimal(750),
    "1000-1500": Decimal(1250),
    "1500-2000": Decimal(1750),
    "2000-2500": Decimal(2250),
    "2500-3500": Decimal(3000),
    "3500+": Decimal(4200),
    "1-400": Decimal(300),
    "400-600": Decimal(500),
    "600-800": Decimal(700),
    "800-1000": Decimal(900),
    "1000-1300": Decimal(1150),
    "1300+": Decimal(1500),
}
SAVINGS_OF_RANGE = {"0-5000": Decimal(2500), "5000-15000": Decimal(10000), "15000-40000": Decimal(25000), "40000+": Decimal(60000)}
# A typical split of a warm rent in Stuttgart: cold rent, service charges, heating.
RENT_SPLIT = (Decimal("0.70"), Decimal("0.18"), Decimal("0.12"))
ENGINE_RECEIVES = {"sgb2", "sgb12", "wohngeld", "alg1"}
CENT = Decimal("0.01")


def money(answer: str) -> Decimal:
    """A money answer ("exact:850.00" or a range key) as an amount in euro."""
    if answer.startswith(f"{EXACT}:"):
        return Decimal(answer.split(":", 1)[1])
    return MONEY_OF_RANGE[answer]


def answers_are_exact(answers: dict) -> bool:
    """Amounts are shown only if income and housing costs were typed (or are nothing)."""
    exact_money = all(answers.get(key, "").startswith(f"{EXACT}:") or answers.get(key) == "0" for key in ("income", "housing"))
    return exact_money and answers.get("savings") != DONT_KNOW and answers.get("maintenance") != DONT_KNOW


def _income(situation: str, age_band: str, amount: Decimal) -> list[dict]:
    if amount == 0:
        return []
    value = str(amount.quantize(CENT))
    if situation == "employed":
        return [{"kind": "employment", "net": value}]
    if situation == "self_employed":
        return [{"kind": "self_employment", "profit": value}]
    if situation == "pension":
        pension_type = "old_age" if age_band == "67+" else "disability"
        return [{"kind": "pension", "net": value, "pension_type": pension_type}]
    return [{"kind": "other", "amount": value}]


def _children(answers: dict) -> list[dict]:
    count = int(answers.get("children", "0") or 0)
    if count == 0:
        return []
    youngest = CHILD_AGE_OF_BAND[answers["youngest"]]
    # Siblings are spaced three years apart, never older than 17 (the question asked about under-18s).
    return [{"id": f"c{n + 1}", "relation": "child", "age": min(youngest + 3 * n, 17)} for n in range(count)]


def household_json(answers: dict, *, today: date) -> dict:
    age_band = answers["age"]
    age = AGE_OF_BAND[age_band]
    situation = answers["situation"]
    receives = [key for key in answers.get("receives", "").split(",") if key in ENGINE_RECEIVES]
    me: dict = {
        "id": "p1",
        "relation": "self",
        "age": age,
        "already_receives": receives,
        "incomes": _income(situation, age_band, money(answers["income"])),
        "assets": str(SAVINGS_OF_RANGE.get(answers["savings"], Decimal(0))),
    }
    if situation == "unable":
        me["able_to_work"] = False
        me["permanently_unable_to_work"] = True
    elif situation == "apprenticeship":
        me["training"] = "apprenticeship"
    elif situation == "studying":
        me["training"] = "bafoeg_eligible"
    members = [me]
    if answers.get("partner") == "yes":
        members.append({"id": "p2", "relation": "partner", "age": age})
    members += _children(answers)
    warm = money(answers["housing"])
    cold, charges, heating = (str((warm * share).quantize(CENT, ROUND_HALF_UP)) for share in RENT_SPLIT)
    return {
        "as_of": today.isoformat(),
        "place": {"municipality": "Stuttgart"},
        "members": members,
        "housing": {"tenure": "rent", "rent_cold": cold, "service_charges": charges, "heating": heating},
    }
