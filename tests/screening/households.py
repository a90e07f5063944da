"""Households the issue-18 tests share (contract JSON)."""

# Issue 18: single mother, 34, children 4 and 9, wage 1,150 € gross / 900 € net, rent 650 € +
# 150 € service charges + 90 € heating, Stuttgart, 2026-12-07.
MOTHER = {
    "as_of": "2026-12-07",
    "members": [
        {"id": "p1", "relation": "self", "age": 34, "incomes": [{"kind": "employment", "gross": "1150.00", "net": "900.00"}]},
        {"id": "c1", "relation": "child", "age": 4},
        {"id": "c2", "relation": "child", "age": 9},
    ],
    "housing": {"rent_cold": "650.00", "service_charges": "150.00", "heating": "90.00"},
}

# Issue 18: a pensioner with 572 € pension and 728 € warm rent.
PENSIONER = {
    "as_of": "2026-12-07",
    "members": [{"id": "p1", "relation": "self", "age": 70, "incomes": [{"kind": "pension", "gross": "572.00", "net": "572.00", "pension_type": "old_age"}]}],
    "housing": {"rent_cold": "560.00", "service_charges": "110.00", "heating": "58.00"},
}
