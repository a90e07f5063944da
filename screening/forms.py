"""The household form at the counter: POST data in, the engine's contract JSON out.

Members and incomes are rows that htmx adds and removes, so the form is parsed by hand
from their prefixed names (``m3-age``, ``m3-i0-gross``) instead of nested formsets. The
engine's own validation (``screening.rules.parse``) is the single source of truth for what
is valid; its field paths are mapped back to the input names, so every message appears at
the place where it was entered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infopoint.lib.money import format_amount
from screening.form_contract import (
    EXPENSE_KEYS,
    MONEY_INCOME_FIELDS,
    bills_to_contract,
    check_plausibility,
    engine_message,
    input_name,
    to_contract,
)
from screening.rules import InputError
from screening.rules.parse import parse_household

MEMBER_KEY = re.compile(r"^m(\d+)-relation$")
INCOME_KEY = re.compile(r"^m(\d+)-i(\d+)-kind$")
BILL_KEY = re.compile(r"^bill(\d+)-kind$")
DEBT_KEY = re.compile(r"^debt(\d+)-kind$")
MAX_MEMBERS = 15
MAX_INCOMES = 6
MAX_BILLS = 6
MAX_DEBTS = 6
BILL_FIELDS = ("kind", "amount", "due")
DEBT_FIELDS = ("kind", "amount", "threat")

# The person asking is always the first row; other rows choose among these.
RELATIONS = [
    ("partner", gettext_lazy("partner")),
    ("child", gettext_lazy("child")),
    ("relative", gettext_lazy("other relative")),
]
INCOME_KINDS = [
    ("", gettext_lazy("no income")),
    ("employment", gettext_lazy("wages (employment)")),
    ("minijob", gettext_lazy("mini-job")),
    ("self_employment", gettext_lazy("self-employment (profit)")),
    ("pension", gettext_lazy("pension")),
    ("alg1", gettext_lazy("unemployment benefit (ALG I)")),
    ("sickness_benefit", gettext_lazy("sickness benefit")),
    ("parental_allowance", gettext_lazy("parental allowance")),
    ("maintenance", gettext_lazy("maintenance received")),
    ("uvg", gettext_lazy("maintenance advance (UVG)")),
    ("bafoeg", gettext_lazy("BAföG")),
    ("other", gettext_lazy("other income")),
]
TRAININGS = [
    ("none", gettext_lazy("none")),
    ("school", gettext_lazy("school")),
    ("apprenticeship", gettext_lazy("apprenticeship")),
    ("bafoeg_eligible", gettext_lazy("studies or schooling eligible for BAföG")),
]
RESIDENCES = [
    ("settled", gettext_lazy("German or settled residence right")),
    ("eu_first_3_months", gettext_lazy("EU citizen, first 3 months")),
    ("eu_jobseeker_only", gettext_lazy("EU citizen, residence only to look for work")),
    ("asylblg", gettext_lazy("asylum seekers' benefits (AsylbLG)")),
]
BENEFITS = [
    ("sgb2", "SGB II"),
    ("sgb12", "SGB XII"),
    ("wohngeld", "Wohngeld"),
    ("kiz", "Kinderzuschlag"),
    ("uvg", "Unterhaltsvorschuss"),
    ("alg1", "ALG I"),
    ("bafoeg", "BAföG"),
    ("asylblg", "AsylbLG"),
]
# housing.one_off_costs[] and debts[] (screening-contract.md, "Additions of December 2026").
BILL_KINDS = [
    ("", "–"),
    ("service_charge_backpayment", gettext_lazy("service charge back-payment (yearly statement)")),
    ("heating_backpayment", gettext_lazy("heating cost back-payment")),
    ("heating_fuel_purchase", gettext_lazy("heating fuel bought for the season (oil, pellets, coal)")),
    ("other_housing", gettext_lazy("other one-off housing cost")),
]
DEBT_KINDS = [
    ("", "–"),
    ("electricity", gettext_lazy("electricity")),
    ("gas", gettext_lazy("gas")),
    ("heating", gettext_lazy("heating")),
    ("rent", gettext_lazy("rent")),
    ("other", gettext_lazy("other debts")),
]
DEBT_THREATS = [
    ("none", gettext_lazy("nothing threatened yet")),
    ("disconnection_notice", gettext_lazy("cut-off announced")),
    ("disconnected", gettext_lazy("already cut off")),
    ("termination_notice", gettext_lazy("notice to quit the flat")),
    ("eviction_suit", gettext_lazy("eviction suit")),
]
TENURES = [("rent", gettext_lazy("rent")), ("own", gettext_lazy("own home (cold rent = monthly costs)"))]
ABLE_TO_WORK = [("", gettext_lazy("as usual for the age")), ("yes", gettext_lazy("yes")), ("no", gettext_lazy("no"))]
# § 12a S. 2 Nr. 1 SGB II from 2027 (issue 20): asked of every member; unanswered counts from 63.
EARLY_PENSION = [("", gettext_lazy("not known")), ("yes", gettext_lazy("yes")), ("no", gettext_lazy("no"))]
PENSION_TYPES = [("", gettext_lazy("not a pension")), ("old_age", gettext_lazy("old-age pension")), ("disability", gettext_lazy("disability pension")), ("survivor", gettext_lazy("survivor's pension"))]
EXPENSE_INPUTS = [f"expenses_{key}" for key in EXPENSE_KEYS]
MEMBER_MONEY_FIELDS = ["assets", "maintenance_paid", "alg1_last_gross_wage", *EXPENSE_INPUTS]
HOUSING_MONEY_FIELDS = ["rent_cold", "service_charges", "heating", "living_space_sqm"]
# Values the form's selects send when nobody chose anything: not "entered data".
MEMBER_DEFAULTS = {"training": "none", "residence": "settled", "able_to_work": "", "can_draw_early_old_age_pension": ""}


@dataclass
class IncomeRow:
    index: int
    values: dict
    member_index: int = 0

    @property
    def key(self) -> str:
        return f"m{self.member_index}-i{self.index}"


@dataclass
class BillRow:
    """A one-off housing cost (``bill3-kind``, ``bill3-amount``, ``bill3-due``) or a debt
    (``debt3-kind``, ``debt3-amount``, ``debt3-threat``): ``prefix`` is "bill" or "debt"."""

    index: int
    values: dict
    prefix: str = "bill"

    @property
    def key(self) -> str:
        return f"{self.prefix}{self.index}"

    @property
    def has_values(self) -> bool:
        """Entered: a kind chosen, an amount or a date (the threat select always sends one)."""
        return any(self.values.get(k) for k in ("kind", "amount", "due"))


@dataclass
class MemberRow:
    index: int
    values: dict
    incomes: list[IncomeRow] = field(default_factory=list)
    is_new: bool = False
    errors: dict = field(default_factory=dict, repr=False)  # the form's errors (linked by HouseholdInput)

    def __post_init__(self):
        for income in self.incomes:
            income.member_index = self.index

    @property
    def key(self) -> str:
        return f"m{self.index}"

    @property
    def add_income_action(self) -> str:
        return f"add_income:{self.index}"

    def _entered(self, key: str) -> bool:
        value = self.values.get(key)
        return value not in ("", None, []) and value != MEMBER_DEFAULTS.get(key)

    @property
    def has_values(self) -> bool:
        return any(self._entered(k) for k in self.values if k != "relation") or any(i.values.get("kind") for i in self.incomes)

    def _has_error(self, key: str) -> bool:
        return f"{self.key}-{key}" in self.errors

    @property
    def details_open(self) -> bool:
        """The folded "special circumstances" stay open only where something was entered or is wrong."""
        rare = [k for k in self.values if k not in ("relation", "age") and k not in EXPENSE_INPUTS]
        return any(self._entered(k) or self._has_error(k) for k in rare)

    @property
    def expenses_open(self) -> bool:
        return any(self._entered(k) or self._has_error(k) for k in EXPENSE_INPUTS)


@dataclass
class HouseholdInput:
    """Parsed counter form: rows for re-rendering, the contract dict, errors by input name."""

    values: dict
    members: list[MemberRow]
    errors: dict[str, str] = field(default_factory=dict)
    data: dict | None = None
    live: bool = False  # recalculation while typing: empty new rows are not errors yet
    pending: bool = False  # some row still lacks its age
    focus: str = ""  # the input (or button value) to focus after a row action
    bills: list[BillRow] = field(default_factory=list)  # housing.one_off_costs
    debts: list[BillRow] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and not self.pending and self.data is not None

    def details_open(self, names) -> bool:
        """Keep a folded section open when something in it was entered or is wrong."""
        flat = self.flat_values()
        return any((flat.get(n) not in ("", None, [], "rent", "Stuttgart")) or n in self.errors for n in names)

    def __post_init__(self):
        for member in self.members:
            member.errors = self.errors

    @property
    def housing_details_open(self) -> bool:
        return self.details_open(["housing-tenure", "housing-living_space_sqm", "housing-other_occupants", "housing-hot_water_decentral"])

    @property
    def place_details_open(self) -> bool:
        return self.details_open(["mietenstufe", "sgb2_receipt_since", "municipality"])

    @property
    def bills_open(self) -> bool:
        """"Bills and debts" stays folded while empty, open when something is entered or wrong."""
        rows = self.bills + self.debts
        if any(row.has_values or row.values.get("_added") for row in rows):
            return True
        return any(f"{row.key}-{name}" in self.errors for row in rows for name in ("kind", "amount", "due", "threat"))

    @property
    def next_member_index(self) -> int:
        return max((m.index for m in self.members), default=-1) + 1

    def flat_values(self) -> dict:
        """Every input's current value by its name, for re-rendering the form."""
        flat = dict(self.values)
        for member in self.members:
            for key, value in member.values.items():
                flat[f"m{member.index}-{key}"] = value
            for income in member.incomes:
                for key, value in income.values.items():
                    flat[f"m{member.index}-i{income.index}-{key}"] = value
        for row in self.bills + self.debts:
            for key, value in row.values.items():
                if not key.startswith("_"):
                    flat[f"{row.key}-{key}"] = value
        return flat

    def add_member(self, relation: str = "child") -> None:
        if len(self.members) < MAX_MEMBERS:
            index = self.next_member_index
            self.members.append(MemberRow(index, {"relation": relation}, [IncomeRow(0, {})], is_new=True, errors=self.errors))
            self.focus = f"m{index}-age"

    def remove_member(self, index: int) -> None:
        self.members = [m for m in self.members if m.index != index or m.values.get("relation") == "self"]
        self.focus = "add_member:child"

    def add_income(self, member_index: int) -> None:
        for member in self.members:
            if member.index == member_index and len(member.incomes) < MAX_INCOMES:
                next_index = max((i.index for i in member.incomes), default=-1) + 1
                member.incomes.append(IncomeRow(next_index, {}, member_index))
                self.focus = f"m{member_index}-i{next_index}-kind"

    def remove_income(self, member_index: int, income_index: int) -> None:
        for member in self.members:
            if member.index == member_index:
                member.incomes = [i for i in member.incomes if i.index != income_index]
        self.focus = f"add_income:{member_index}"

    def _rows(self, prefix: str) -> list[BillRow]:
        return self.bills if prefix == "bill" else self.debts

    def add_row(self, prefix: str) -> None:
        """Another bill or debt row (the section opens for it)."""
        rows = self._rows(prefix)
        if len(rows) < (MAX_BILLS if prefix == "bill" else MAX_DEBTS):
            index = max((r.index for r in rows), default=-1) + 1
            rows.append(BillRow(index, {"_added": True}, prefix))
            self.focus = f"{prefix}{index}-kind"

    def remove_row(self, prefix: str, index: int) -> None:
        rows = [r for r in self._rows(prefix) if r.index != index]
        if prefix == "bill":
            self.bills = rows
        else:
            self.debts = rows
        self.focus = f"add_{prefix}"

    def apply_row_action(self, parts: list[str]) -> bool:
        """``add_bill``, ``remove_bill:<i>``, ``add_debt``, ``remove_debt:<i>``; True if applied."""
        name = parts[0]
        if name in ("add_bill", "add_debt"):
            self.add_row(name[4:])
        elif name in ("remove_bill", "remove_debt"):
            self.remove_row(name[7:], int(parts[1]))
        else:
            return False
        return True


def blank(today: date) -> HouseholdInput:
    """A new form: one person asking, one (empty) income row, Stuttgart, today's law."""
    return HouseholdInput(
        values={"as_of": today.isoformat(), "municipality": "Stuttgart", "housing-tenure": "rent"},
        members=[MemberRow(0, {"relation": "self"}, [IncomeRow(0, {})])],
        bills=[BillRow(0, {}, "bill")],
        debts=[BillRow(0, {}, "debt")],
    )


def localized_money(value) -> str:
    """A contract amount ("1371.00") as the page's language writes it ("1.371,00" in German).

    ``parse_money_input`` reads every notation this produces back (German, English, and the
    space-grouped ones of Russian and Ukrainian)."""
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    if not amount.is_finite():
        return str(value)
    return format_amount(amount)


def from_contract(data: dict, today: date) -> HouseholdInput:
    """Form rows from a saved run's input, for "copy into a new run"; amounts in the page's locale."""
    values = {
        "as_of": data.get("as_of") or today.isoformat(),
        "municipality": data.get("place", {}).get("municipality", "Stuttgart"),
        "mietenstufe": str(data.get("place", {}).get("mietenstufe") or ""),
        "sgb2_receipt_since": data.get("sgb2_receipt_since") or "",
    }
    for key, value in (data.get("housing") or {}).items():
        if key in HOUSING_MONEY_FIELDS and value is not None:
            values[f"housing-{key}"] = localized_money(value)
        else:
            values[f"housing-{key}"] = "on" if value is True else ("" if value is False else str(value))
    members = []
    for m_index, member in enumerate(data.get("members", [])):
        row = {k: v for k, v in member.items() if k not in ("incomes", "contributions", "alg1_basis", "already_receives", "able_to_work", "expenses", "can_draw_early_old_age_pension")}
        row = {k: ("on" if v is True else ("" if v is False else str(v))) for k, v in row.items()}
        for key in ("able_to_work", "can_draw_early_old_age_pension"):
            if member.get(key) is not None:
                row[key] = "yes" if member[key] else "no"
        row["already_receives"] = list(member.get("already_receives", []))
        for key, value in (member.get("alg1_basis") or {}).items():
            row[f"alg1_{key}"] = "on" if value is True else ("" if value is False else str(value))
        for key, value in (member.get("contributions") or {}).items():
            row[f"contributions_{key}"] = "on" if value else ""
        for key, value in (member.get("expenses") or {}).items():
            row[f"expenses_{key}"] = localized_money(value)
        for key in MEMBER_MONEY_FIELDS:
            if row.get(key):
                row[key] = localized_money(row[key])
        incomes = []
        for i_index, income in enumerate(member.get("incomes", [])):
            income_values = {
                k: ("on" if v is True else (localized_money(v) if k in MONEY_INCOME_FIELDS else str(v))) for k, v in income.items()
            }
            # The form has one amount field: profit and transfer amounts go back into it.
            for key in ("amount", "profit"):
                if key in income_values:
                    income_values["gross"] = income_values.pop(key)
            incomes.append(IncomeRow(i_index, income_values))
        members.append(MemberRow(m_index, row, incomes or [IncomeRow(0, {})]))
    bills = [
        BillRow(index, {"kind": str(cost.get("kind", "")), "amount": localized_money(cost.get("amount", "")), "due": str(cost.get("due", ""))}, "bill")
        for index, cost in enumerate((data.get("housing") or {}).get("one_off_costs") or [])
    ]
    debts = [
        BillRow(index, {"kind": str(debt.get("kind", "")), "amount": localized_money(debt.get("amount", "")), "threat": str(debt.get("threat", "none"))}, "debt")
        for index, debt in enumerate(data.get("debts") or [])
    ]
    for key in ("one_off_costs",):
        values.pop(f"housing-{key}", None)
    return HouseholdInput(
        values=values, members=members, bills=bills or [BillRow(0, {}, "bill")], debts=debts or [BillRow(0, {}, "debt")]
    )


def _clean(value: str) -> str:
    # NUL characters cannot be stored in PostgreSQL text or JSON; nobody types them.
    return value.replace("\x00", "").strip()


def _rows_from_post(post, pattern, prefix: str, names: tuple, limit: int) -> list[BillRow]:
    indexes = sorted(int(m.group(1)) for key in post if (m := pattern.match(key)))[:limit]
    return [BillRow(index, {name: _clean(post.get(f"{prefix}{index}-{name}", "")) for name in names}, prefix) for index in indexes]


def from_post(post, today: date, *, live: bool = False) -> HouseholdInput:
    """Parse the form; ``data`` is the contract dict if everything is valid.

    ``live``: a recalculation while typing, where rows nobody has typed into yet wait quietly."""
    values = {key: _clean(post.get(key, "")) for key in ("as_of", "municipality", "mietenstufe", "sgb2_receipt_since")}
    for key in ("tenure", "rent_cold", "service_charges", "heating", "hot_water_decentral", "living_space_sqm", "other_occupants"):
        values[f"housing-{key}"] = _clean(post.get(f"housing-{key}", ""))
    member_indexes = sorted(int(m.group(1)) for key in post if (m := MEMBER_KEY.match(key)))[:MAX_MEMBERS]
    members = []
    for m_index in member_indexes:
        prefix = f"m{m_index}-"
        row = {key[len(prefix):]: _clean(post.get(key, "")) for key in post if key.startswith(prefix) and not key.startswith(f"{prefix}i")}
        row["already_receives"] = [_clean(v) for v in post.getlist(f"{prefix}already_receives")]
        income_indexes = sorted(
            int(m.group(2)) for key in post if (m := INCOME_KEY.match(key)) and int(m.group(1)) == m_index
        )[:MAX_INCOMES]
        incomes = []
        for i_index in income_indexes:
            i_prefix = f"{prefix}i{i_index}-"
            incomes.append(IncomeRow(i_index, {key[len(i_prefix):]: _clean(post.get(key, "")) for key in post if key.startswith(i_prefix)}))
        members.append(MemberRow(m_index, row, incomes))
    bills = _rows_from_post(post, BILL_KEY, "bill", BILL_FIELDS, MAX_BILLS)
    debts = _rows_from_post(post, DEBT_KEY, "debt", DEBT_FIELDS, MAX_DEBTS)
    form = HouseholdInput(values=values, members=members, live=live, bills=bills, debts=debts)
    if not members:
        form.errors["members"] = _("Please enter at least the person asking.")
        return form
    data = to_contract(form, today)
    bills_to_contract(form, data)
    if form.errors or form.pending:
        return form
    check_plausibility(form, data)
    if form.errors:
        return form
    try:
        parse_household(data, today=today)
    except InputError as error:
        form.errors[input_name(form, error.field)] = engine_message(error)
        return form
    form.data = data
    return form
