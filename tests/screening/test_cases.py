"""Golden cases: ``cases/<programme>/<effective date>/<case>.yaml``, each with its source.

A case lists ``input`` (contract JSON) and ``expected``: for each programme named, the
fields given (status, monthly_amount, members, alg1_topup, reason codes) must match; for
``priority`` the keys given must match; for ``route``: ``claims`` (the programmes in order),
``instead_of``, ``covers_need``, ``monthly_money`` and ``amounts`` (programme -> amount in the
route); ``documents_include`` lists keys that must appear; ``law`` (issue 20): ``complete``,
``provisional`` (the parameters carried past their ``known_until``, exactly) and
``warnings_exclude`` (codes that must not appear).
"""

from pathlib import Path

import pytest
import yaml

from screening.rules import evaluate_json

CASES = Path(__file__).parent / "cases"
CASE_FILES = sorted(CASES.rglob("*.yaml"))


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_are_enough_golden_cases_with_sources():
    assert len(CASE_FILES) >= 60
    for path in CASE_FILES:
        case = _load(path)
        source = case.get("info", {}).get("source", "")
        assert len(source) >= 15, f"{path.relative_to(CASES)}: info.source must say where the expected figures come from"


def test_cases_sit_under_their_effective_date():
    for path in CASE_FILES:
        case = _load(path)
        folder_date = path.parent.name
        assert str(case["input"]["as_of"]) >= folder_date, f"{path.relative_to(CASES)}: as_of before its folder date"


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: str(p.relative_to(CASES)))
def test_golden_case(path):
    case = _load(path)
    data = case["input"]
    data["as_of"] = str(data["as_of"])
    result = evaluate_json(data)
    expected = case["expected"]
    for program, fields in expected.get("programs", {}).items():
        actual = result["programs"][program]
        for field, value in fields.items():
            if field == "reasons_include":
                codes = [r["code"] for r in actual["reasons"]]
                for code in value:
                    assert code in codes, f"{program}: reason {code} missing in {codes}"
            elif field == "monthly_amount":
                want = None if value is None else f"{float(value):.2f}"
                assert actual["monthly_amount"] == want, f"{program}.monthly_amount"
            else:
                assert actual[field] == value, f"{program}.{field}"
    for field, value in expected.get("priority", {}).items():
        if field == "claim_include":
            for key in value:
                assert key in result["priority"]["claim"], f"priority.claim lacks {key}: {result['priority']}"
        else:
            assert result["priority"][field] == value, f"priority.{field}"
    _check_route(result["route"], expected.get("route", {}))
    for key in expected.get("documents_include", []):
        assert key in result["documents"], f"documents lack {key}"
    for code in expected.get("warnings_include", []):
        assert code in [w["code"] for w in result["warnings"]], f"warning {code} missing"
    for code in expected.get("warnings_exclude", []):
        assert code not in [w["code"] for w in result["warnings"]], f"warning {code} must not appear"
    if "law" in expected:
        _check_law(result["law"], expected["law"])
    if "one_month_claims" in expected:
        _check_list(result["one_month_claims"], expected["one_month_claims"], "one_month_claims")
    if "loans" in expected:
        _check_list(result["loans"], expected["loans"], "loans")


def _check_list(actual: list, expected: list, name: str) -> None:
    """``one_month_claims`` / ``loans`` (issue 19): the same number of entries, each with the
    fields given; amounts compared as money, ``reason`` as its code, ``reasons_include`` codes."""
    assert len(actual) == len(expected), f"{name}: {actual}"
    for index, (got, want) in enumerate(zip(actual, expected, strict=True)):
        for field, value in want.items():
            where = f"{name}[{index}].{field}"
            if field in ("monthly_amount", "amount"):
                assert got[field] == f"{float(value):.2f}", where
            elif field == "reason":
                assert got["reason"]["code"] == value, where
            elif field == "reasons_include":
                codes = [r["code"] for r in got["reasons"]]
                for code in value:
                    assert code in codes, f"{where}: {code} missing in {codes}"
            else:
                assert got[field] == (str(value) if field == "apply_by" else value), where


def _check_law(law: dict, expected: dict) -> None:
    for field, value in expected.items():
        if field == "provisional":
            assert sorted(item["parameter"] for item in law["provisional"]) == sorted(value), f"law.provisional: {law['provisional']}"
        else:
            assert law[field] == value, f"law.{field}"


def _check_route(route: dict, expected: dict) -> None:
    for field, value in expected.items():
        if field == "claims":
            assert [c["program"] for c in route["claims"]] == value, f"route.claims: {route['claims']}"
        elif field == "amounts":
            paid = {c["program"]: c["monthly_amount"] for c in route["claims"]}
            for program, amount in value.items():
                assert paid.get(program) == f"{float(amount):.2f}", f"route amount of {program}: {paid}"
        elif field == "monthly_money":
            assert route["monthly_money"] == f"{float(value):.2f}", "route.monthly_money"
        else:
            assert route[field] == value, f"route.{field}"
