"""Parsing and validation of the contract's JSON into a :class:`Household`.

Invalid input raises :class:`InputError` naming the field (``members[1].age``), never a
traceback. Unknown fields are errors, not silently ignored (screening-contract.md).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from screening.rules.household import (
    AMOUNT_KINDS,
    BENEFITS,
    DEBT_KINDS,
    DEBT_THREATS,
    EXPENSE_FIELDS,
    INCOME_FIELDS,
    INCOME_KINDS,
    MAX_BILL,
    MAX_MONEY,
    ONE_OFF_COST_KINDS,
    PENSION_TYPES,
    RELATIONS,
    RESIDENCES,
    TRAININGS,
    Alg1Basis,
    Contributions,
    Debt,
    Expenses,
    Household,
    Housing,
    Income,
    InputError,
    Member,
    OneOffCost,
    OneOffIncome,
    Place,
)
from screening.rules.local_values import LOCAL_PARAMETERS, LOCAL_STATUSES, LocalValue, LocalValueError
from screening.rules.local_values import convert as convert_local_value
from screening.rules.params import Entry

MAX_LOCAL_VALUES = 200
# The law is covered from this date on (screening/rules/params).
EARLIEST_DATE = date(2024, 1, 1)


def _check_keys(data, allowed: set[str], path: str) -> None:
    if not isinstance(data, dict):
        raise InputError(path or "household", "must be an object")
    unknown = sorted(set(data) - allowed)
    if unknown:
        where = f"{path}.{unknown[0]}" if path else unknown[0]
        raise InputError(where, "unknown field")


def _bool(data: dict, key: str, path: str, default: bool | None) -> bool | None:
    value = data.get(key, default)
    if value is None or isinstance(value, bool):
        return value
    raise InputError(f"{path}.{key}", "must be true or false")


def _int(data: dict, key: str, path: str, default: int | None, low: int, high: int) -> int | None:
    value = data.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise InputError(f"{path}.{key}", "must be a whole number")
    if not low <= value <= high:
        raise InputError(f"{path}.{key}", f"must be between {low} and {high}")
    return value


def parse_money(value, field_path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise InputError(field_path, 'must be an amount in euro, e.g. "1400.00"')
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise InputError(field_path, f"{value!r} is not an amount in euro") from None
    if not amount.is_finite():
        raise InputError(field_path, "must be a finite amount")
    if amount < 0:
        raise InputError(field_path, "must not be negative")
    if amount > MAX_MONEY:
        raise InputError(field_path, "is implausibly high")
    return amount


def _money(data: dict, key: str, path: str, default: Decimal | None = Decimal(0)) -> Decimal | None:
    if key not in data or data[key] is None:
        return default
    return parse_money(data[key], f"{path}.{key}")


def parse_date(value, field_path: str) -> date:
    if not isinstance(value, str):
        raise InputError(field_path, "must be a date YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(field_path, f"{value!r} is not a date YYYY-MM-DD") from None


def _choice(data: dict, key: str, path: str, choices, default: str) -> str:
    value = data.get(key, default)
    if value not in choices:
        raise InputError(f"{path}.{key}", f"must be one of {', '.join(choices)}")
    return value


def _income(data, path: str) -> Income:
    if not isinstance(data, dict) or "kind" not in data:
        raise InputError(f"{path}.kind", "is required")
    kind = _choice(data, "kind", path, INCOME_KINDS, "")
    allowed = {"kind"} | INCOME_FIELDS.get(kind, {"amount"})
    _check_keys(data, allowed, path)
    if kind in AMOUNT_KINDS:
        if "amount" not in data:
            raise InputError(f"{path}.amount", "is required")
        return Income(kind=kind, amount=_money(data, "amount", path))
    income = Income(
        kind=kind,
        gross=_money(data, "gross", path, None),
        net=_money(data, "net", path, None),
        profit=_money(data, "profit", path, None),
        pension_type=data.get("pension_type") if kind == "pension" else None,
        grundrentenzeiten_33y=bool(_bool(data, "grundrentenzeiten_33y", path, False)),
        tax_class=_int(data, "tax_class", path, 1, 1, 6),
    )
    if kind == "pension" and income.pension_type is not None and income.pension_type not in PENSION_TYPES:
        raise InputError(f"{path}.pension_type", f"must be one of {', '.join(PENSION_TYPES)}")
    if kind == "self_employment" and income.profit is None:
        raise InputError(f"{path}.profit", "is required")
    if kind in ("employment", "minijob", "pension") and income.gross is None and income.net is None:
        raise InputError(f"{path}.gross", "gross or net is required")
    if income.gross is not None and income.net is not None and income.net > income.gross:
        raise InputError(f"{path}.net", "must not be higher than gross")
    return income


MEMBER_FIELDS = {
    "id", "relation", "age", "birth_date", "able_to_work", "permanently_unable_to_work",
    "pregnant_after_week_12", "disability_degree", "merkzeichen_g", "care_grade", "training",
    "residence", "already_receives", "contributions", "incomes", "assets", "alg1_basis",
    "receives_teilhabe", "maintenance_paid", "expenses", "can_draw_early_old_age_pension",
}  # fmt: skip


def _age(data: dict, path: str, as_of: date) -> tuple[int, date | None]:
    birth = parse_date(data["birth_date"], f"{path}.birth_date") if data.get("birth_date") is not None else None
    if birth is not None:
        if birth > as_of:
            raise InputError(f"{path}.birth_date", "lies in the future")
        age = as_of.year - birth.year - ((as_of.month, as_of.day) < (birth.month, birth.day))
        if "age" in data and data["age"] != age:
            raise InputError(f"{path}.age", "does not match birth_date")
        if age > 120:
            raise InputError(f"{path}.birth_date", "gives an age above 120")
        return age, birth
    if "age" not in data:
        raise InputError(f"{path}.age", "age or birth_date is required")
    return _int(data, "age", path, None, 0, 120), None


def _expenses(data, path: str) -> Expenses | None:
    """``members[].expenses``: monthly amounts actually paid, each optional (screening-contract.md)."""
    if data is None:
        return None
    _check_keys(data, set(EXPENSE_FIELDS), path)
    return Expenses(**{key: _money(data, key, path) for key in EXPENSE_FIELDS})


def _member(data, index: int, as_of: date) -> Member:
    path = f"members[{index}]"
    _check_keys(data, MEMBER_FIELDS, path)
    member_id = data.get("id", f"p{index + 1}")
    if not isinstance(member_id, str) or not member_id.strip():
        raise InputError(f"{path}.id", "must be a non-empty text")
    if "relation" not in data:
        raise InputError(f"{path}.relation", "is required")
    age, birth = _age(data, path, as_of)
    receives = data.get("already_receives", [])
    if not isinstance(receives, list) or any(b not in BENEFITS for b in receives):
        raise InputError(f"{path}.already_receives", f"must be a list of {', '.join(BENEFITS)}")
    contributions = None
    if data.get("contributions") is not None:
        c = data["contributions"]
        cpath = f"{path}.contributions"
        _check_keys(c, {"income_tax", "health_care_insurance", "pension_insurance"}, cpath)
        contributions = Contributions(
            income_tax=bool(_bool(c, "income_tax", cpath, False)),
            health_care_insurance=bool(_bool(c, "health_care_insurance", cpath, False)),
            pension_insurance=bool(_bool(c, "pension_insurance", cpath, False)),
        )
    incomes = data.get("incomes", [])
    if not isinstance(incomes, list):
        raise InputError(f"{path}.incomes", "must be a list")
    one_off = [(i, inc) for i, inc in enumerate(incomes) if isinstance(inc, dict) and inc.get("kind") == "one_off"]
    regular = [
        (i, inc) for i, inc in enumerate(incomes) if not (isinstance(inc, dict) and inc.get("kind") == "one_off")
    ]
    alg1_basis = None
    if data.get("alg1_basis") is not None:
        a = data["alg1_basis"]
        apath = f"{path}.alg1_basis"
        _check_keys(a, {"last_gross_wage", "insured_months_last_30", "has_child"}, apath)
        if "last_gross_wage" not in a:
            raise InputError(f"{apath}.last_gross_wage", "is required")
        alg1_basis = Alg1Basis(
            last_gross_wage=_money(a, "last_gross_wage", apath),
            insured_months_last_30=_int(a, "insured_months_last_30", apath, 12, 0, 30),
            has_child=bool(_bool(a, "has_child", apath, False)),
        )
    return Member(
        id=member_id.strip(),
        relation=_choice(data, "relation", path, RELATIONS, ""),
        age=age,
        birth_date=birth,
        able_to_work=_bool(data, "able_to_work", path, None),
        permanently_unable_to_work=bool(_bool(data, "permanently_unable_to_work", path, False)),
        pregnant_after_week_12=bool(_bool(data, "pregnant_after_week_12", path, False)),
        disability_degree=_int(data, "disability_degree", path, 0, 0, 100),
        merkzeichen_g=bool(_bool(data, "merkzeichen_g", path, False)),
        care_grade=_int(data, "care_grade", path, 0, 0, 5),
        training=_choice(data, "training", path, TRAININGS, "none"),
        residence=_choice(data, "residence", path, RESIDENCES, "settled"),
        already_receives=frozenset(receives),
        contributions=contributions,
        incomes=tuple(_income(inc, f"{path}.incomes[{i}]") for i, inc in regular),
        one_off_incomes=tuple(_one_off_income(inc, f"{path}.incomes[{i}]", as_of) for i, inc in one_off),
        assets=_money(data, "assets", path),
        alg1_basis=alg1_basis,
        receives_teilhabe=bool(_bool(data, "receives_teilhabe", path, False)),
        maintenance_paid=_money(data, "maintenance_paid", path),
        expenses=_expenses(data.get("expenses"), f"{path}.expenses"),
        can_draw_early_old_age_pension=_bool(data, "can_draw_early_old_age_pension", path, None),
    )


def months_later(start: date, months: int) -> date:
    """The same day ``months`` later (the last day of the month where that day does not exist);
    ``date.max`` beyond the calendar's end, so that any date compares with it."""
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    if year > date.max.year:
        return date.max
    month += 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _bill_amount(data: dict, path: str) -> Decimal:
    """A bill or debt: required, not negative, at most 100,000 €."""
    if data.get("amount") is None:
        raise InputError(f"{path}.amount", "is required")
    amount = parse_money(data["amount"], f"{path}.amount")
    if amount > MAX_BILL:
        raise InputError(f"{path}.amount", "is implausibly high (more than 100,000 €)")
    return amount


def _check_bill_date(value: date, field_path: str, as_of: date) -> None:
    if value < EARLIEST_DATE:
        raise InputError(field_path, f"must be on or after {EARLIEST_DATE.isoformat()}")
    if value > months_later(as_of, 12):
        raise InputError(field_path, "must be at most 12 months after as_of")


def _one_off_income(data: dict, path: str, as_of: date) -> OneOffIncome:
    """``incomes[].kind = one_off``: ``amount`` and ``month`` (YYYY-MM)."""
    _check_keys(data, {"kind", "amount", "month"}, path)
    amount = _bill_amount(data, path)
    month = data.get("month")
    if not isinstance(month, str) or len(month) != 7 or month[4] != "-":
        raise InputError(f"{path}.month", "must be a month YYYY-MM")
    first = parse_date(f"{month}-01", f"{path}.month")
    _check_bill_date(first, f"{path}.month", as_of)
    return OneOffIncome(amount=amount, month=month)


def _short_list(data, path: str, noun: str) -> list:
    """A list of at most 30 rows (bills, debts); nothing given is an empty list."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise InputError(path, "must be a list")
    if len(data) > 30:
        raise InputError(path, f"must list at most 30 {noun}")
    return data


def _one_off_costs(data, as_of: date) -> tuple[OneOffCost, ...]:
    path = "housing.one_off_costs"
    costs = []
    for index, item in enumerate(_short_list(data, path, "bills")):
        ipath = f"{path}[{index}]"
        _check_keys(item, {"kind", "amount", "due"}, ipath)
        kind = _choice(item, "kind", ipath, ONE_OFF_COST_KINDS, "")
        amount = _bill_amount(item, ipath)
        if item.get("due") is None:
            raise InputError(f"{ipath}.due", "is required")
        due = parse_date(item["due"], f"{ipath}.due")
        _check_bill_date(due, f"{ipath}.due", as_of)
        costs.append(OneOffCost(kind=kind, amount=amount, due=due))
    return tuple(costs)


def _debts(data) -> tuple[Debt, ...]:
    path = "debts"
    debts = []
    for index, item in enumerate(_short_list(data, path, "debts")):
        ipath = f"{path}[{index}]"
        _check_keys(item, {"kind", "amount", "threat"}, ipath)
        kind = _choice(item, "kind", ipath, DEBT_KINDS, "")
        amount = _bill_amount(item, ipath)
        threat = _choice(item, "threat", ipath, DEBT_THREATS, "none")
        debts.append(Debt(kind=kind, amount=amount, threat=threat))
    return tuple(debts)


def _housing(data, as_of: date) -> Housing:
    path = "housing"
    _check_keys(
        data,
        {
            "tenure",
            "rent_cold",
            "service_charges",
            "heating",
            "hot_water_decentral",
            "living_space_sqm",
            "other_occupants",
            "one_off_costs",
        },
        path,
    )
    space = data.get("living_space_sqm")
    if space is not None:
        space = parse_money(space, f"{path}.living_space_sqm")
        if space > 1000:
            raise InputError(f"{path}.living_space_sqm", "must be at most 1000")
    housing = Housing(
        tenure=_choice(data, "tenure", path, ("rent", "own"), "rent"),
        rent_cold=_money(data, "rent_cold", path),
        service_charges=_money(data, "service_charges", path),
        heating=_money(data, "heating", path),
        hot_water_decentral=bool(_bool(data, "hot_water_decentral", path, False)),
        living_space_sqm=space,
        other_occupants=_int(data, "other_occupants", path, 0, 0, 30),
        one_off_costs=_one_off_costs(data.get("one_off_costs"), as_of),
    )
    return housing


def parse_household(data, *, as_of: date | None = None, today: date | None = None) -> Household:
    """Validate JSON-like data and build a Household. ``as_of`` overrides the input's date."""
    _check_keys(data, {"as_of", "place", "members", "housing", "sgb2_receipt_since", "debts"}, "")
    if as_of is None:
        if data.get("as_of") is not None:
            as_of = parse_date(data["as_of"], "as_of")
        elif today is not None:
            as_of = today
        else:
            raise InputError("as_of", "is required")
    if as_of < EARLIEST_DATE:
        raise InputError("as_of", f"must be on or after {EARLIEST_DATE.isoformat()} (the law is covered from then)")
    place_data = data.get("place", {})
    if place_data is None:
        place_data = {}
    _check_keys(place_data, {"municipality", "mietenstufe", "local_values"}, "place")
    municipality = place_data.get("municipality", "Stuttgart")
    if not isinstance(municipality, str) or not municipality.strip():
        raise InputError("place.municipality", "must be a non-empty text")
    place = Place(
        municipality=municipality.strip(),
        mietenstufe=_int(place_data, "mietenstufe", "place", None, 1, 7),
        local_values=_local_values(place_data.get("local_values")),
    )
    members_data = data.get("members")
    if not isinstance(members_data, list) or not members_data:
        raise InputError("members", "must list at least one person")
    if len(members_data) > 30:
        raise InputError("members", "must list at most 30 people")
    members = tuple(_member(m, i, as_of) for i, m in enumerate(members_data))
    _check_relations(members)
    since = data.get("sgb2_receipt_since")
    since = parse_date(since, "sgb2_receipt_since") if since is not None else None
    if since is not None and since > as_of:
        raise InputError("sgb2_receipt_since", "lies after as_of")
    return Household(
        as_of=as_of,
        members=members,
        housing=_housing({} if data.get("housing") is None else data["housing"], as_of),
        place=place,
        sgb2_receipt_since=since,
        debts=_debts(data.get("debts")),
    )


def parse_local_values(data) -> tuple[LocalValue, ...]:
    """The city's records as the Rechtsstand page shows them (same checks as in the input)."""
    return _local_values(data)


def _local_values(data) -> tuple[LocalValue, ...]:
    """``place.local_values`` (issue 20): the city's records, each used instead of the YAML
    entry for a date inside its range. Records of one parameter must not overlap."""
    if data is None:
        return ()
    path = "place.local_values"
    if not isinstance(data, list):
        raise InputError(path, "must be a list")
    if len(data) > MAX_LOCAL_VALUES:
        raise InputError(path, f"must list at most {MAX_LOCAL_VALUES} records")
    records: list[LocalValue] = []
    for index, item in enumerate(data):
        where = f"{path}[{index}]"
        _check_keys(item, {"parameter", "valid_from", "valid_to", "value", "reference", "status"}, where)
        for key in ("parameter", "valid_from", "value", "reference", "status"):
            if item.get(key) is None:
                raise InputError(f"{where}.{key}", "is required")
        parameter = item["parameter"]
        if parameter not in LOCAL_PARAMETERS:
            raise InputError(f"{where}.parameter", f"must be one of {', '.join(LOCAL_PARAMETERS)}")
        valid_from = parse_date(item["valid_from"], f"{where}.valid_from")
        valid_to = parse_date(item["valid_to"], f"{where}.valid_to") if item.get("valid_to") is not None else None
        if valid_to is not None and valid_to < valid_from:
            raise InputError(f"{where}.valid_to", "lies before valid_from")
        reference = item["reference"]
        if not isinstance(reference, str) or not reference.strip():
            raise InputError(f"{where}.reference", "must name the source document")
        status = _choice(item, "status", where, LOCAL_STATUSES, "")
        try:
            value = convert_local_value(parameter, item["value"])
        except LocalValueError as error:
            raise InputError(f"{where}.value{error.where}", error.message) from None
        for other_index, other in enumerate(records):
            if other.parameter == parameter and _overlap(other.entry, valid_from, valid_to):
                raise InputError(f"{where}.valid_from", f"overlaps place.local_values[{other_index}] of the same parameter")
        entry = Entry(valid_from=valid_from, valid_to=valid_to, value=value, reference=reference.strip(), status=status)
        records.append(LocalValue(parameter=parameter, entry=entry))
    return tuple(records)


def _overlap(entry: Entry, valid_from: date, valid_to: date | None) -> bool:
    return (entry.valid_to is None or valid_from <= entry.valid_to) and (valid_to is None or entry.valid_from <= valid_to)


def _check_relations(members: tuple[Member, ...]) -> None:
    ids = [m.id for m in members]
    for index, member_id in enumerate(ids):
        if ids.index(member_id) != index:
            raise InputError(f"members[{index}].id", f"{member_id!r} is used twice")
    selves = [i for i, m in enumerate(members) if m.relation == "self"]
    if len(selves) != 1:
        raise InputError("members", "exactly one member must have relation 'self'")
    partners = [i for i, m in enumerate(members) if m.relation == "partner"]
    if len(partners) > 1:
        raise InputError(f"members[{partners[1]}].relation", "only one partner is possible")
    applicant = members[selves[0]]
    if applicant.age < 15:
        raise InputError(f"members[{selves[0]}].age", "the person asking must be at least 15")
    if partners and members[partners[0]].age < 15:
        raise InputError(f"members[{partners[0]}].age", "a partner must be at least 15")
    parents = [m for m in members if m.relation in ("self", "partner")]
    oldest_parent = max(m.age for m in parents)
    for index, member in enumerate(members):
        if member.relation == "child" and member.age > oldest_parent - 12:
            raise InputError(
                f"members[{index}].age",
                "a child must be at least 12 years younger than a parent (self or partner) in the household",
            )
