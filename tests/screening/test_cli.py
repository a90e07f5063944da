"""``python -m screening.rules``: the contract's command line."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

SINGLE = {
    "as_of": "2026-03-01",
    "members": [{"id": "p1", "relation": "self", "age": 35, "incomes": [{"kind": "employment", "gross": "1100.00", "net": "880.00"}]}],
    "housing": {"rent_cold": "500.00", "service_charges": "120.00", "heating": "80.00"},
}


def run(*args, stdin: str | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    return subprocess.run(
        [sys.executable, "-m", "screening.rules", *args],
        input=stdin,
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_household_from_a_file_gives_the_contract_result(tmp_path):
    path = tmp_path / "household.json"
    path.write_text(json.dumps(SINGLE))
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) >= {"as_of", "rules_version", "parameter_digest", "programs", "priority", "documents", "warnings"}
    assert list(out["programs"]) == ["sgb2", "sgb12_ch3", "sgb12_ch4", "wohngeld", "kiz", "kindergeld", "uvg", "alg1"]
    sgb2 = out["programs"]["sgb2"]
    assert sgb2["monthly_amount"] == "721.00"
    assert sgb2["office"] == "jobcenter"
    assert all({"code", "label", "amount", "citation"} <= set(step) for step in sgb2["steps"])


def test_standard_input_and_as_of_override():
    result = run("-", "--as-of", "2024-06-01", stdin=json.dumps(SINGLE))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["as_of"] == "2024-06-01"
    assert out["programs"]["sgb2"]["title"] == "Bürgergeld (SGB II)"


def test_jsonl_gives_one_result_per_line():
    lines = "\n".join(json.dumps({**SINGLE, "members": [{**SINGLE["members"][0], "age": age}]}) for age in (20, 30, 40))
    result = run("--jsonl", stdin=lines + "\n")
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == 3


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda h: h["members"][0]["incomes"][0].update(gross="-5"), "members[0].incomes[0].gross"),
        (lambda h: h["members"][0].update(age=200), "members[0].age"),
        (lambda h: h.update(pets=2), "pets"),
        (lambda h: h["members"][0].update(shoe_size=44), "members[0].shoe_size"),
        (lambda h: h["members"].append({"relation": "child", "age": 30}), "members[1].age"),
        (lambda h: h["members"][0].update(relation="child"), "members"),
        (lambda h: h["housing"].update(rent_cold="viel"), "housing.rent_cold"),
        (lambda h: h.update(as_of="2026-13-01"), "as_of"),
        (lambda h: h.update(as_of="2023-06-01"), "as_of"),
        (lambda h: h.update(housing=0), "housing"),
        (lambda h: h["members"].append({"relation": "partner", "age": 2}), "members[1].age"),
    ],
)
def test_invalid_input_exits_2_naming_the_field(change, field):
    household = json.loads(json.dumps(SINGLE))
    change(household)
    result = run("-", stdin=json.dumps(household))
    assert result.returncode == 2
    assert field in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_broken_json_exits_2():
    result = run("-", stdin="{not json")
    assert result.returncode == 2
    assert "not valid JSON" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_file_exits_2():
    result = run("/nonexistent/household.json")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_jsonl_reports_bad_lines_and_continues():
    result = run("--jsonl", stdin=json.dumps(SINGLE) + "\n{bad\n" + json.dumps(SINGLE) + "\n")
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert json.loads(lines[1])["error"]["line"] == 2


def test_jsonl_results_are_the_same_as_for_single_households():
    households = [{**SINGLE, "members": [{**SINGLE["members"][0], "age": age}]} for age in (20, 45, 70)]
    result = run("--jsonl", stdin="".join(json.dumps(household) + "\n" for household in households))
    singles = [json.loads(run("-", stdin=json.dumps(household)).stdout) for household in households]
    assert [json.loads(line) for line in result.stdout.splitlines()] == singles


def test_jsonl_reads_a_last_line_without_newline_and_counts_blank_lines():
    result = run("--jsonl", stdin=json.dumps(SINGLE) + "\n\n" + '{"as_of": "2026-13-01"}')
    assert result.returncode == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    assert lines[1]["error"]["line"] == 3
    assert "line 3" in result.stderr


def test_jsonl_handles_many_households_across_read_chunks():
    from screening.rules.__main__ import CHUNK_BYTES

    count = CHUNK_BYTES // len(json.dumps(SINGLE)) * 3
    result = run("--jsonl", stdin=(json.dumps(SINGLE) + "\n") * count)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == count
    assert {json.loads(line)["programs"]["sgb2"]["monthly_amount"] for line in (lines[0], lines[-1])} == {"721.00"}


def test_jsonl_refuses_a_line_that_is_not_utf8_and_continues():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    stdin = json.dumps(SINGLE).encode() + b"\n" + b'{"as_of": "2026-03-01\xff"}\n' + json.dumps(SINGLE).encode() + b"\n"
    result = subprocess.run(
        [sys.executable, "-m", "screening.rules", "--jsonl"], input=stdin, cwd=settings.BASE_DIR, env=env, capture_output=True, timeout=60
    )
    assert result.returncode == 2
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 3
    assert json.loads(lines[1])["error"] == {"line": 2, "field": "line 2", "message": "is not UTF-8 text (byte 22)"}
    assert b"Traceback" not in result.stderr


def test_jsonl_answers_each_household_before_the_next_arrives():
    """A caller that writes one household and waits for its result is not left waiting for a buffer to fill."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    process = subprocess.Popen(
        [sys.executable, "-m", "screening.rules", "--jsonl"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=settings.BASE_DIR, env=env, text=True,
    )  # fmt: skip
    try:
        for _ in range(2):
            process.stdin.write(json.dumps(SINGLE) + "\n")
            process.stdin.flush()
            assert json.loads(process.stdout.readline())["programs"]["sgb2"]["monthly_amount"] == "721.00"
        process.stdin.close()
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        process.wait()
