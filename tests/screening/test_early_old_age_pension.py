"""Issue 20: § 12a S. 2 Nr. 1, S. 3 SGB II — from 2027 the Jobcenter may require an early old-age
pension from 63; the suspension ran from 2023-01-01 to 2026-12-31."""

import copy

import pytest

from screening.rules import InputError, evaluate_json

CODE = "early_old_age_pension_required"


def _household(age: int, answer, as_of: str = "2027-01-01") -> dict:
    member = {"id": "p1", "relation": "self", "age": age, "incomes": []}
    if answer != "absent":
        member["can_draw_early_old_age_pension"] = answer
    return {
        "as_of": as_of,
        "members": [member],
        "housing": {"tenure": "rent", "rent_cold": "450.00", "service_charges": "100.00", "heating": "70.00"},
    }


def _sgb2(data: dict) -> dict:
    return evaluate_json(copy.deepcopy(data))["programs"]["sgb2"]


def _codes(sgb2: dict) -> list[str]:
    return [r["code"] for r in sgb2["reasons"]]


@pytest.mark.parametrize(
    ("age", "answer", "expected"),
    [
        (63, True, True),
        (63, "absent", True),  # not answered, 63 or older: the Jobcenter may ask
        (63, None, True),
        (63, False, False),
        (62, "absent", False),  # § 12a S. 2 Nr. 1: not before the 63rd birthday
        (62, True, False),
        (62, False, False),
        (65, "absent", True),
    ],
)
def test_reason_from_2027(age, answer, expected):
    sgb2 = _sgb2(_household(age, answer))
    assert (CODE in _codes(sgb2)) is expected
    without = _sgb2(_household(age, False))
    # The status and the amount stay: the Jobcenter pays until the pension starts.
    assert (sgb2["status"], sgb2["monthly_amount"]) == (without["status"], without["monthly_amount"])
    assert sgb2["status"] in ("likely", "possible")


def test_reason_text_and_citation():
    reason = next(r for r in _sgb2(_household(63, True))["reasons"] if r["code"] == CODE)
    assert "Deutsche Rentenversicherung" in reason["message"]
    assert "Unbilligkeitsverordnung" in reason["message"]
    assert "Abschläg" in reason["message"]
    assert reason["citation"].startswith("§ 12a S. 2 Nr. 1, S. 3 SGB II")
    assert "01.01.2027" in reason["citation"]
    assert reason["params"] == {"members": ["p1"]}


@pytest.mark.parametrize("answer", [True, "absent"])
def test_suspension_until_end_of_2026(answer):
    assert CODE not in _codes(_sgb2(_household(63, answer, as_of="2026-12-31")))
    assert CODE in _codes(_sgb2(_household(63, answer, as_of="2027-01-01")))


def test_only_members_of_the_bedarfsgemeinschaft_who_qualify_are_named():
    data = _household(64, "absent")
    data["members"].append({"id": "p2", "relation": "partner", "age": 60})
    reason = next(r for r in _sgb2(data)["reasons"] if r["code"] == CODE)
    assert reason["params"] == {"members": ["p1"]}


@pytest.mark.parametrize("bad", ["yes", 1, "true", [], {}])
def test_input_must_be_true_false_or_absent(bad):
    with pytest.raises(InputError) as error:
        evaluate_json(_household(63, bad))
    assert error.value.field == "members[0].can_draw_early_old_age_pension"
