"""The engine's input: a household as frozen dataclasses (parsing lives in ``parse.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from screening.rules.local_values import LocalValue, by_parameter

RELATIONS = ("self", "partner", "child", "relative")
TRAININGS = ("none", "school", "apprenticeship", "bafoeg_eligible")
RESIDENCES = ("settled", "eu_first_3_months", "eu_jobseeker_only", "asylblg")
BENEFITS = ("sgb2", "sgb12", "wohngeld", "kiz", "uvg", "alg1", "bafoeg", "asylblg")
INCOME_KINDS = (
    "employment",
    "minijob",
    "self_employment",
    "pension",
    "alg1",
    "sickness_benefit",
    "parental_allowance",
    "maintenance",
    "uvg",
    "bafoeg",
    "other",
)
PENSION_TYPES = ("old_age", "disability", "survivor")
# Which money fields each income kind takes; "amount" kinds are paid out as they are.
INCOME_FIELDS = {
    "employment": {"gross", "net", "tax_class"},
    "minijob": {"gross", "net"},
    "self_employment": {"profit", "net"},
    "pension": {"gross", "net", "pension_type", "grundrentenzeiten_33y"},
}
AMOUNT_KINDS = set(INCOME_KINDS) - set(INCOME_FIELDS)
MAX_MONEY = Decimal("1000000")
# Added in December 2026 (issue 19): one-off housing costs, debts, one-off incomes.
ONE_OFF_COST_KINDS = ("service_charge_backpayment", "heating_backpayment", "heating_fuel_purchase", "other_housing")
HEATING_ONE_OFF_KINDS = ("heating_backpayment", "heating_fuel_purchase")
DEBT_KINDS = ("electricity", "gas", "heating", "rent", "other")
DEBT_THREATS = ("none", "disconnection_notice", "disconnected", "termination_notice", "eviction_suit")
MAX_BILL = Decimal("100000")


class InputError(ValueError):
    def __init__(self, field_path: str, message: str):
        super().__init__(f"{field_path}: {message}")
        self.field = field_path
        self.message = message


@dataclass(frozen=True)
class Income:
    kind: str
    gross: Decimal | None = None
    net: Decimal | None = None
    profit: Decimal | None = None
    amount: Decimal | None = None
    pension_type: str | None = None
    grundrentenzeiten_33y: bool = False
    tax_class: int = 1

    @property
    def is_earned(self) -> bool:
        return self.kind in ("employment", "minijob", "self_employment")

    @property
    def gross_earnings(self) -> Decimal:
        """Brutto for employment, profit for self-employment (basis of § 11b Abs. 3)."""
        if self.kind == "self_employment":
            return self.profit or Decimal(0)
        return self.gross or Decimal(0)

    @property
    def paid_amount(self) -> Decimal:
        """What arrives: amount for transfer incomes, else net if known, else gross."""
        if self.amount is not None:
            return self.amount
        for value in (self.net, self.gross, self.profit):
            if value is not None:
                return value
        return Decimal(0)


@dataclass(frozen=True)
class Contributions:
    income_tax: bool
    health_care_insurance: bool
    pension_insurance: bool


@dataclass(frozen=True)
class Alg1Basis:
    last_gross_wage: Decimal
    insured_months_last_30: int
    has_child: bool


EXPENSE_FIELDS = ("insurances", "retirement_savings", "commuting", "other_work_costs")


@dataclass(frozen=True)
class Expenses:
    """What a member actually pays per month (§ 11b Abs. 1 Satz 1 Nr. 3–5 SGB II, § 82 Abs. 2
    Satz 1 Nr. 3, 4 SGB XII): insurances, geförderte Altersvorsorge (Riester), commuting and
    other costs of earning the income."""

    insurances: Decimal = Decimal(0)
    retirement_savings: Decimal = Decimal(0)
    commuting: Decimal = Decimal(0)
    other_work_costs: Decimal = Decimal(0)

    @property
    def work_costs(self) -> Decimal:
        """Nr. 5: costs connected with earning the income (commuting and other work costs)."""
        return self.commuting + self.other_work_costs

    @property
    def total(self) -> Decimal:
        return self.insurances + self.retirement_savings + self.work_costs


@dataclass(frozen=True)
class OneOffIncome:
    """A one-off income (back pay, tax refund, severance) received in ``month`` (YYYY-MM),
    § 11 Abs. 3 SGB II / § 82 Abs. 7 SGB XII. Kept apart from ``incomes``: the ongoing route
    never sees it."""

    amount: Decimal
    month: str


@dataclass(frozen=True)
class OneOffCost:
    """A one-off housing or heating cost due on ``due`` (§ 22 Abs. 1 SGB II, § 35 SGB XII)."""

    kind: str
    amount: Decimal
    due: date

    @property
    def month(self) -> str:
        return f"{self.due:%Y-%m}"


@dataclass(frozen=True)
class Debt:
    """A debt that may threaten the home or the energy supply (§ 22 Abs. 8 SGB II, § 36 SGB XII)."""

    kind: str
    amount: Decimal
    threat: str = "none"


@dataclass(frozen=True)
class Member:
    id: str
    relation: str
    age: int
    able_to_work: bool | None = None  # None: derive from age (15 to the Regelaltersgrenze)
    permanently_unable_to_work: bool = False
    pregnant_after_week_12: bool = False
    disability_degree: int = 0
    merkzeichen_g: bool = False
    care_grade: int = 0
    training: str = "none"
    residence: str = "settled"
    already_receives: frozenset[str] = frozenset()
    contributions: Contributions | None = None
    incomes: tuple[Income, ...] = ()
    assets: Decimal = Decimal(0)
    alg1_basis: Alg1Basis | None = None
    birth_date: date | None = None
    # Added to the contract: Leistungen zur Teilhabe am Arbeitsleben (§ 21 Abs. 4 SGB II) and
    # maintenance paid to people outside the household (§ 18 WoGG), both per month.
    receives_teilhabe: bool = False
    maintenance_paid: Decimal = Decimal(0)
    # Added in December 2026: actual monthly expenses (None: not entered, flat amounts apply).
    expenses: Expenses | None = None
    # Added in December 2026 (issue 19): one-off incomes, only for the one-month check.
    one_off_incomes: tuple[OneOffIncome, ...] = ()
    # Added in December 2026 (issue 20): could draw an old-age pension now, with deductions
    # (§ 12a S. 2 Nr. 1 SGB II from 2027); None: not answered.
    can_draw_early_old_age_pension: bool | None = None

    @property
    def is_adult(self) -> bool:
        return self.age >= 18

    @property
    def is_child(self) -> bool:
        return self.relation == "child"

    def income_of(self, *kinds: str) -> tuple[Income, ...]:
        return tuple(i for i in self.incomes if i.kind in kinds)


@dataclass(frozen=True)
class Housing:
    tenure: str = "rent"
    rent_cold: Decimal = Decimal(0)
    service_charges: Decimal = Decimal(0)
    heating: Decimal = Decimal(0)
    hot_water_decentral: bool = False
    living_space_sqm: Decimal | None = None
    other_occupants: int = 0
    # Added in December 2026 (issue 19): not part of the monthly costs, see ``one_month.py``.
    one_off_costs: tuple[OneOffCost, ...] = ()

    @property
    def gross_cold_rent(self) -> Decimal:
        """Bruttokaltmiete: Kaltmiete plus Nebenkosten without heating."""
        return self.rent_cold + self.service_charges


@dataclass(frozen=True)
class Place:
    municipality: str = "Stuttgart"
    mietenstufe: int | None = None
    # Added in December 2026 (issue 20): the city's confirmed records, used instead of the YAML.
    local_values: tuple[LocalValue, ...] = ()

    @property
    def local_by_parameter(self) -> dict:
        return by_parameter(self.local_values)


@dataclass(frozen=True)
class Household:
    as_of: date
    members: tuple[Member, ...]
    housing: Housing = field(default_factory=Housing)
    place: Place = field(default_factory=Place)
    sgb2_receipt_since: date | None = None
    debts: tuple[Debt, ...] = ()

    @property
    def applicant(self) -> Member:
        return next(m for m in self.members if m.relation == "self")

    @property
    def partner(self) -> Member | None:
        return next((m for m in self.members if m.relation == "partner"), None)

    @property
    def children(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.relation == "child")

    @property
    def parents(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.relation in ("self", "partner"))

    @property
    def size(self) -> int:
        return len(self.members)
