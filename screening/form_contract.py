"""The counter form's rows turned into the engine's contract JSON, with every message at the
input it belongs to: amounts and whole numbers parsed as people type them, plausibility
checks, and the engine's own validation mapped back to the input names."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infopoint.lib.money import MoneyInputError, parse_money_input
from screening.rules import InputError
from screening.rules.parse import months_later

if TYPE_CHECKING:
    from screening.forms import HouseholdInput, IncomeRow, MemberRow

MEMBER_FLAGS = ["permanently_unable_to_work", "pregnant_after_week_12", "merkzeichen_g", "receives_teilhabe"]
MONEY_INCOME_FIELDS = ["gross", "net", "profit", "amount"]
# members[].expenses (§ 11b Abs. 2 Satz 2 SGB II): one input per key, named "m0-expenses_<key>".
EXPENSE_KEYS = ["insurances", "retirement_savings", "commuting", "other_work_costs"]
# Bills and debts (housing.one_off_costs[], debts[]): the form's own limits.
BILL_EARLIEST_DUE = date(2024, 1, 1)  # the check covers the law from 2024 on
BILL_MONTHS_AHEAD = 12
BILL_MAX_AMOUNT = Decimal("100000")
# A heating bill this far above the rent is almost always a typing error (e.g. per year).
HEATING_PLAUSIBLE_FACTOR = 2


def _money(form: HouseholdInput, raw: str, name: str):
    if raw == "":
        return None
    try:
        return str(parse_money_input(raw).quantize(Decimal("0.01")))
    except MoneyInputError:
        form.errors[name] = _("Please enter an amount in euro, for example 1.234,56 or 1234.56.")
        return None


def _whole(form: HouseholdInput, raw: str, name: str, low: int, high: int):
    if raw == "":
        return None
    try:
        number = int(raw)
    except ValueError:
        form.errors[name] = _("Please enter a whole number.")
        return None
    if not low <= number <= high:
        form.errors[name] = _("Please enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}
        return None
    return number


def to_contract(form: HouseholdInput, today: date) -> dict:
    v = form.values
    data: dict = {"as_of": v["as_of"] or today.isoformat(), "place": {"municipality": v["municipality"] or "Stuttgart"}}
    stufe = _whole(form, v["mietenstufe"], "mietenstufe", 1, 7)
    if stufe is not None:
        data["place"]["mietenstufe"] = stufe
    if v["sgb2_receipt_since"]:
        data["sgb2_receipt_since"] = v["sgb2_receipt_since"]
    housing = {"tenure": v["housing-tenure"] or "rent", "hot_water_decentral": v["housing-hot_water_decentral"] == "on"}
    for key in ("rent_cold", "service_charges", "heating", "living_space_sqm"):
        amount = _money(form, v[f"housing-{key}"], f"housing-{key}")
        if amount is not None:
            housing[key] = amount
    occupants = _whole(form, v["housing-other_occupants"], "housing-other_occupants", 0, 30)
    if occupants:
        housing["other_occupants"] = occupants
    data["housing"] = housing
    data["members"] = [_member(form, row) for row in form.members]
    return data


def _member(form: HouseholdInput, row: MemberRow) -> dict:
    v = row.values
    prefix = f"m{row.index}-"
    member: dict = {"id": f"p{row.index + 1}", "relation": v.get("relation") or "self"}
    age = _whole(form, v.get("age", ""), f"{prefix}age", 0, 120)
    if age is not None:
        member["age"] = age
    elif v.get("birth_date"):
        member["birth_date"] = v["birth_date"]
    elif f"{prefix}age" not in form.errors:
        if form.live and not row.has_values:
            form.pending = True  # a row nobody has typed into yet: no error while typing
        else:
            form.errors[f"{prefix}age"] = _("Please enter the age or the date of birth.")
    contributions = {key: v.get(f"contributions_{key}") == "on" for key in ("income_tax", "health_care_insurance", "pension_insurance")}
    if any(contributions.values()):
        member["contributions"] = contributions
    if v.get("able_to_work") in ("yes", "no"):
        member["able_to_work"] = v["able_to_work"] == "yes"
    if v.get("can_draw_early_old_age_pension") in ("yes", "no"):
        member["can_draw_early_old_age_pension"] = v["can_draw_early_old_age_pension"] == "yes"
    for flag in MEMBER_FLAGS:
        if v.get(flag) == "on":
            member[flag] = True
    for key, low, high in (("disability_degree", 0, 100), ("care_grade", 0, 5)):
        number = _whole(form, v.get(key, ""), f"{prefix}{key}", low, high)
        if number:
            member[key] = number
    if v.get("merkzeichen_g") == "on":
        member["merkzeichen_g"] = True
    for key in ("training", "residence"):
        if v.get(key):
            member[key] = v[key]
    if v.get("already_receives"):
        member["already_receives"] = list(v["already_receives"])
    for key in ("assets", "maintenance_paid"):
        amount = _money(form, v.get(key, ""), f"{prefix}{key}")
        if amount is not None:
            member[key] = amount
    expenses = {}
    for key in EXPENSE_KEYS:
        amount = _money(form, v.get(f"expenses_{key}", ""), f"{prefix}expenses_{key}")
        if amount is not None:
            expenses[key] = amount
    if expenses:
        member["expenses"] = expenses
    wage = _money(form, v.get("alg1_last_gross_wage", ""), f"{prefix}alg1_last_gross_wage")
    if wage is not None:
        months = _whole(form, v.get("alg1_insured_months_last_30", ""), f"{prefix}alg1_insured_months_last_30", 0, 30)
        if months is None:
            form.errors.setdefault(f"{prefix}alg1_insured_months_last_30", _("Please enter how many months the person was insured."))
        else:
            member["alg1_basis"] = {
                "last_gross_wage": wage,
                "insured_months_last_30": months,
                "has_child": v.get("alg1_has_child") == "on",
            }
    incomes = []
    for income_row in row.incomes:
        income = _income(form, income_row, prefix)
        if income is not None:
            incomes.append(income)
    if incomes:
        member["incomes"] = incomes
    return member


def _income(form: HouseholdInput, row: IncomeRow, member_prefix: str) -> dict | None:
    v = row.values
    kind = v.get("kind", "")
    if not kind:
        return None
    prefix = f"{member_prefix}i{row.index}-"
    income: dict = {"kind": kind}
    for key in MONEY_INCOME_FIELDS:
        amount = _money(form, v.get(key, ""), f"{prefix}{key}")
        if amount is not None:
            income[key] = amount
    # The form has one amount field per row; the engine wants the name that fits the kind.
    if kind in ("employment", "minijob", "pension"):
        income.pop("amount", None)
        income.pop("profit", None)
        if "gross" not in income and "net" not in income:
            form.errors.setdefault(f"{prefix}gross", _("Please enter the gross or the net amount."))
    elif kind == "self_employment":
        profit = income.pop("profit", None) or income.pop("gross", None) or income.pop("amount", None)
        income.pop("net", None)
        if profit is None:
            form.errors.setdefault(f"{prefix}gross", _("Please enter the monthly profit."))
        else:
            income["profit"] = profit
    else:
        amount = income.pop("amount", None) or income.pop("gross", None) or income.pop("net", None)
        income.pop("profit", None)
        income.pop("gross", None)
        income.pop("net", None)
        if amount is None:
            form.errors.setdefault(f"{prefix}gross", _("Please enter the monthly amount."))
        else:
            income["amount"] = amount
    if kind == "pension":
        if v.get("pension_type"):
            income["pension_type"] = v["pension_type"]
        if v.get("grundrentenzeiten_33y") == "on":
            income["grundrentenzeiten_33y"] = True
    if kind == "employment" and v.get("tax_class"):
        tax_class = _whole(form, v["tax_class"], f"{prefix}tax_class", 1, 6)
        if tax_class:
            income["tax_class"] = tax_class
    return income




def _bill_amount(form: HouseholdInput, raw: str, name: str, *, required_message: str):
    if raw == "":
        form.errors[name] = required_message
        return None
    amount = _money(form, raw, name)
    if amount is None:
        return None
    if Decimal(amount) <= 0:
        form.errors[name] = _("Please enter an amount above 0 €.")
        return None
    if Decimal(amount) > BILL_MAX_AMOUNT:
        form.errors[name] = _("This amount is implausibly high. Please enter the amount of this one bill or debt.")
        return None
    return amount


def bills_to_contract(form: HouseholdInput, data: dict) -> None:
    """The rows "Bills and debts" into ``housing.one_off_costs`` and ``debts``.

    The keys are only set where the visitor entered something, so a check without bills
    stays exactly what it was (and older engines that do not know the keys still answer)."""
    try:
        as_of = date.fromisoformat(data["as_of"])
    except (TypeError, ValueError):
        as_of = None
    costs = []
    for row in form.bills:
        if not row.has_values:
            continue
        v, key = row.values, row.key
        kind = v.get("kind") or ""
        if kind not in {"service_charge_backpayment", "heating_backpayment", "heating_fuel_purchase", "other_housing"}:
            form.errors[f"{key}-kind"] = _("Please choose what the bill is for.")
        amount = _bill_amount(form, v.get("amount", ""), f"{key}-amount", required_message=_("Please enter the amount of the bill."))
        due = None
        raw_due = v.get("due", "")
        if raw_due == "":
            form.errors[f"{key}-due"] = _("Please enter the date by which the bill must be paid.")
        else:
            try:
                due = date.fromisoformat(raw_due)
            except ValueError:
                form.errors[f"{key}-due"] = _("Please enter a date.")
            else:
                if due < BILL_EARLIEST_DUE:
                    form.errors[f"{key}-due"] = _("The check covers the law from 1 January 2024 onwards.")
                    due = None
                elif as_of is not None and due > months_later(as_of, BILL_MONTHS_AHEAD):
                    form.errors[f"{key}-due"] = _("The bill is due more than 12 months after the date of the check. Please check the date.")
                    due = None
        if amount is not None and due is not None and f"{key}-kind" not in form.errors:
            costs.append({"kind": kind, "amount": amount, "due": due.isoformat()})
    if costs:
        data["housing"]["one_off_costs"] = costs
    debts = []
    for row in form.debts:
        v, key = row.values, row.key
        if not row.has_values:
            continue
        kind = v.get("kind") or ""
        if kind not in {"electricity", "gas", "heating", "rent", "other"}:
            form.errors[f"{key}-kind"] = _("Please choose what the debt is for.")
        threat = v.get("threat") or "none"
        if threat not in {"none", "disconnection_notice", "disconnected", "termination_notice", "eviction_suit"}:
            form.errors[f"{key}-threat"] = _("Please choose what is threatened.")
        amount = _bill_amount(form, v.get("amount", ""), f"{key}-amount", required_message=_("Please enter the amount of the debt."))
        if amount is not None and f"{key}-kind" not in form.errors and f"{key}-threat" not in form.errors:
            debts.append({"kind": kind, "amount": amount, "threat": threat})
    if debts:
        data["debts"] = debts


def check_plausibility(form: HouseholdInput, data: dict) -> None:
    """Contradictions the engine would accept but a person at the counter would not mean."""
    housing = data["housing"]
    rent = Decimal(housing.get("rent_cold", "0")) + Decimal(housing.get("service_charges", "0"))
    heating = Decimal(housing.get("heating", "0"))
    if heating > 150 and heating > HEATING_PLAUSIBLE_FACTOR * max(rent, Decimal(1)):
        form.errors["housing-heating"] = _(
            "The heating costs are more than twice the rent. Please enter the monthly amount, not the yearly bill."
        )


def input_name(form: HouseholdInput, path: str) -> str:
    """Map an engine field path (members[1].incomes[0].gross) to the form's input name."""
    match = re.match(r"members\[(\d+)\](?:\.incomes\[(\d+)\])?\.?(\w+)?", path)
    if match:
        member = form.members[int(match.group(1))]
        field_name = match.group(3) or "relation"
        if match.group(2) is not None:
            with_income = [row for row in member.incomes if row.values.get("kind")]
            income = with_income[int(match.group(2))]
            if field_name in ("amount", "profit"):
                field_name = "gross"
            return f"m{member.index}-i{income.index}-{field_name}"
        if field_name == "birth_date":
            field_name = "age"
        if field_name == "expenses":
            key = path.split(".")[-1]
            field_name = f"expenses_{key}" if key in EXPENSE_KEYS else "expenses_insurances"
        if field_name == "alg1_basis" or path.split(".")[-1] in ("last_gross_wage", "insured_months_last_30"):
            field_name = "alg1_last_gross_wage"
        return f"m{member.index}-{field_name}"
    rows = re.match(r"(housing\.one_off_costs|debts)(?:\[(\d+)\])?\.?(\w+)?", path)
    if rows:
        bill = rows.group(1) != "debts"
        entered = [row for row in (form.bills if bill else form.debts) if row.has_values]
        position = int(rows.group(2) or 0)
        if entered:
            row = entered[min(position, len(entered) - 1)]
            name = rows.group(3) if rows.group(3) in ("kind", "amount", "due", "threat") else "kind"
            return f"{row.key}-{name}"
    if path.startswith("housing."):
        return "housing-" + path.split(".", 1)[1]
    if path.startswith("place."):
        return path.split(".", 1)[1]
    return path.split(".")[0] if path else "members"


_MESSAGES = {
    "a child must be at least 12 years younger than a parent (self or partner) in the household": gettext_lazy(
        "A child must be at least 12 years younger than the person asking or the partner."
    ),
    "exactly one member must have relation 'self'": gettext_lazy("Exactly one person must be the person asking."),
    "only one partner is possible": gettext_lazy("Only one partner is possible."),
    "the person asking must be at least 15": gettext_lazy("The person asking must be at least 15 years old."),
    "must not be higher than gross": gettext_lazy("The net amount cannot be higher than the gross amount."),
    "is implausibly high": gettext_lazy("This amount is implausibly high."),
}


_PATTERNS = [
    (re.compile(r"^must be between (\d+) and (\d+)$"), lambda m: _("Please enter a number from %(low)s to %(high)s.") % {"low": m[1], "high": m[2]}),
    (re.compile(r"^must not be negative$"), lambda m: _("The amount must not be negative.")),
    (re.compile(r"is not an amount in euro|must be an amount in euro"), lambda m: _("Please enter an amount in euro, for example 1.234,56 or 1234.56.")),
    (re.compile(r"is not a date|must be a date"), lambda m: _("Please enter a date.")),
    (re.compile(r"lies in the future|lies after as_of"), lambda m: _("This date lies in the future.")),
    (re.compile(r"must be on or after"), lambda m: _("The check covers the law from 1 January 2024 onwards.")),
    (re.compile(r"does not match birth_date"), lambda m: _("Age and date of birth do not match.")),
    (re.compile(r"a partner must be at least 15"), lambda m: _("A partner must be at least 15 years old.")),
]


def engine_message(error: InputError) -> str:
    """The engine speaks English to programs; the counter gets a translated sentence."""
    message = _MESSAGES.get(error.message)
    if message is not None:
        return str(message)
    for pattern, translate in _PATTERNS:
        match = pattern.search(error.message)
        if match:
            return translate(match)
    return _("Please check this entry.")
