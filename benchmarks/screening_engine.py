"""Benchmark of the screening engine (issue 3): in-process time per household and
households per second through ``python -m screening.rules --jsonl``.

Run with ``make bench`` (never part of ``make test``). Budgets: under 1 ms per household
in-process; 10,000 households through --jsonl in under 15 s on a 2-core machine.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from screening.rules import evaluate  # noqa: E402
from screening.rules.parse import parse_household  # noqa: E402

AS_OF = ["2024-05-01", "2025-03-01", "2026-02-01", "2026-08-01", "2026-11-25"]


def household(rnd: random.Random) -> dict:
    """A realistic mix: singles, single parents, couples with children, pensioners."""
    kind = rnd.choices(["single", "single_parent", "couple", "pensioner"], weights=[35, 20, 30, 15])[0]
    members = [{"id": "p1", "relation": "self", "age": rnd.randint(67, 85) if kind == "pensioner" else rnd.randint(20, 60)}]
    if kind in ("couple",) or (kind == "pensioner" and rnd.random() < 0.4):
        members.append({"id": "p2", "relation": "partner", "age": members[0]["age"] + rnd.randint(-5, 5)})
    if kind in ("single_parent", "couple"):
        for index in range(rnd.randint(1, 4)):
            members.append({"id": f"c{index}", "relation": "child", "age": rnd.randint(0, min(17, members[0]["age"] - 13))})
    for member in members:
        if member["relation"] == "child":
            if kind == "single_parent" and rnd.random() < 0.5:
                member["incomes"] = [{"kind": "uvg", "amount": "227.00"}]
            continue
        if kind == "pensioner":
            member["incomes"] = [{"kind": "pension", "gross": str(rnd.randint(500, 1800)), "pension_type": "old_age"}]
        elif rnd.random() < 0.7:
            gross = rnd.randint(300, 4000)
            member["incomes"] = [{"kind": "employment", "gross": str(gross)}]
    return {
        "as_of": rnd.choice(AS_OF),
        "members": members,
        "housing": {
            "rent_cold": str(rnd.randint(350, 1300)),
            "service_charges": str(rnd.randint(80, 300)),
            "heating": str(rnd.randint(40, 180)),
        },
    }


def main(count: int = 10_000) -> dict:
    rnd = random.Random(20261125)
    data = [household(rnd) for _ in range(count)]
    parsed = [parse_household(item) for item in data]
    evaluate(parsed[0])  # warm the parameter cache
    durations = []
    for item in parsed:
        start = time.perf_counter_ns()
        evaluate(item)
        durations.append(time.perf_counter_ns() - start)
    median_us = statistics.median(durations) / 1000
    p95_us = sorted(durations)[int(len(durations) * 0.95)] / 1000
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        for item in data:
            handle.write(json.dumps(item) + "\n")
        path = handle.name
    start = time.perf_counter()
    with open(path) as stdin:
        done = subprocess.run([sys.executable, "-m", "screening.rules", "--jsonl"], stdin=stdin, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    Path(path).unlink()
    lines = done.stdout.count("\n")
    figures = {
        "households": count,
        "evaluate_median_us": round(median_us, 1),
        "evaluate_p95_us": round(p95_us, 1),
        "jsonl_seconds": round(elapsed, 2),
        "jsonl_households_per_second": round(lines / elapsed, 1),
        "jsonl_exit_status": done.returncode,
    }
    print("Screening engine")
    print(f"  households generated            {count}")
    print(f"  evaluate() median per household {figures['evaluate_median_us']} µs (p95 {figures['evaluate_p95_us']} µs; budget 1000 µs)")
    print(f"  --jsonl {count} households        {figures['jsonl_seconds']} s = {figures['jsonl_households_per_second']} households/s (budget 15 s)")
    return figures


if __name__ == "__main__":
    results = main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "screening_engine.json").write_text(json.dumps(results, indent=2) + "\n")
