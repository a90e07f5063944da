"""The one table of `make bench`: every figure with its budget and PASS/FAIL, as text and Markdown."""

from __future__ import annotations

import json
import platform
import time
from pathlib import Path

from benchmarks.pages import pages

FLOOR = "floor-table20"
FLOOR_FACTOR = 5
HTMX_BUDGET_MS = 50
OPEN_MONTH_BUDGET_MS = 300
CLOSED_MONTH_BUDGET_MS = 50
MAX_QUERIES = 15
ENGINE_BUDGET_US = 1000
JSONL_BUDGET = 1000
RECEIPT_PDF_BUDGET_MS = 500
RESCREEN_BUDGET_S = 60


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _page_figure(figures: dict, queries: int | None, ratio: float | None) -> str:
    one, eight = figures["1"], figures["8"]
    parts = [
        f"c1: {one['rps']} rps, p50/p95/p99 {one['p50_ms']}/{one['p95_ms']}/{one['p99_ms']} ms",
        f"c8: {eight['rps']} rps, p50/p95/p99 {eight['p50_ms']}/{eight['p95_ms']}/{eight['p99_ms']} ms",
        f"{queries} SQL",
        f"{eight['bytes'] / 1024:.1f} KB",
    ]
    if ratio is not None:
        parts.append(f"p95 c8 = {ratio:.1f}× floor")
    errors = one["errors"] + eight["errors"]
    if errors:
        parts.append(f"{errors} errors (HTTP {', '.join(map(str, sorted(set(one['statuses'] + eight['statuses']))))})")
    return "; ".join(parts)


def _page_rows(results: dict, fixture: dict) -> list[dict]:
    measured, queries = results["pages"], results["queries"]
    floor_p95 = measured[FLOOR]["8"]["p95_ms"]
    rows = []
    for page in pages(fixture):
        figures = measured[page.key]
        count = queries[page.key]["queries"]
        p95_c8, p95_c1 = figures["8"]["p95_ms"], figures["1"]["p95_ms"]
        errors = figures["1"]["errors"] + figures["8"]["errors"] + (queries[page.key]["status"] != 200)
        if page.kind == "floor":
            rows.append({"what": page.label, "figure": _page_figure(figures, count, None), "budget": "reference", "result": "—" if not errors else "FAIL"})
            continue
        ratio = p95_c8 / floor_p95 if floor_p95 else 0.0
        budgets, checks = [f"≤ {MAX_QUERIES} SQL"], [count <= MAX_QUERIES]
        if page.kind in ("staff", "kiosk", "htmx"):
            budgets.insert(0, f"p95 c8 ≤ {FLOOR_FACTOR}× floor = {FLOOR_FACTOR * floor_p95:.0f} ms")
            checks.append(ratio <= FLOOR_FACTOR)
        if page.kind == "htmx":
            budgets.insert(0, f"p95 c1 ≤ {HTMX_BUDGET_MS} ms")
            checks.append(p95_c1 <= HTMX_BUDGET_MS)
        if page.kind.startswith("dashboard"):
            limit = OPEN_MONTH_BUDGET_MS if page.kind == "dashboard-open" else CLOSED_MONTH_BUDGET_MS
            budgets.insert(0, f"p95 c1 ≤ {limit} ms")
            checks.append(p95_c1 <= limit)
        rows.append({
            "what": page.label, "figure": _page_figure(figures, count, ratio), "budget": "; ".join(budgets),
            "result": _verdict(all(checks) and not errors),
        })  # fmt: skip
    return rows


def rows(results: dict, fixture: dict) -> list[dict]:
    table = _page_rows(results, fixture)
    engine = results["engine"]
    table.append({
        "what": "Screening engine in-process (10,000 households)",
        "figure": f"median {engine['evaluate_median_us']} µs, p95 {engine['evaluate_p95_us']} µs per household",
        "budget": f"median ≤ {ENGINE_BUDGET_US} µs", "result": _verdict(engine["evaluate_median_us"] <= ENGINE_BUDGET_US),
    })  # fmt: skip
    table.append({
        "what": "python -m screening.rules --jsonl (10,000 households)",
        "figure": f"{engine['jsonl_households_per_second']} households/s ({engine['jsonl_seconds']} s, exit {engine['jsonl_exit_status']})",
        "budget": f"≥ {JSONL_BUDGET} households/s",
        "result": _verdict(engine["jsonl_households_per_second"] >= JSONL_BUDGET and engine["jsonl_exit_status"] == 0),
    })  # fmt: skip
    rescreen = results.get("rescreen")
    if rescreen is not None:
        table.append({
            "what": f"Re-screening on the law of 2027-01-01 ({rescreen['checks']:,} saved checks)",
            "figure": f"{rescreen['seconds']} s; {rescreen['listed']:,} changed: {rescreen['runs_created']:,} recalculations and "
            f"{rescreen['follow_ups_created']:,} follow-ups stored, {rescreen['failed']} failed",
            "budget": f"≤ {RESCREEN_BUDGET_S} s", "result": _verdict(rescreen["seconds"] <= RESCREEN_BUDGET_S and rescreen["failed"] == 0),
        })  # fmt: skip
    labels = {"receipt": "Receipt PDF (Arabic)", "screening": "Screening printout (Arabic)", "slip": "Appointment slip (Turkish)", "report": "Monthly report, closed month"}
    for name, figure in results["pdfs"].items():
        budget = f"warm ≤ {RECEIPT_PDF_BUDGET_MS} ms" if name == "receipt" else "—"
        ok = figure["ok"] and (name != "receipt" or figure["warm_ms"] <= RECEIPT_PDF_BUDGET_MS)
        trouble = "" if figure["ok"] else f"; NOT A GOOD PDF (HTTP {figure['status']}, {'; '.join(figure.get('weasyprint_complaints', []))})"
        table.append({
            "what": labels[name], "figure": f"cold {figure['cold_ms']} ms, warm {figure['warm_ms']} ms (median of 5), {figure['bytes'] / 1024:.0f} KB{trouble}",
            "budget": budget, "result": _verdict(ok) if name == "receipt" or not ok else "—",
        })  # fmt: skip
    load = results["load"]
    p95s = ", ".join(f"{key} {value['p95_ms']}" for key, value in load["pages"].items() if value.get("count"))
    table.append({
        "what": f"Day's load: {load['advisors']} advisors, {load['kiosks']} kiosks, team lead, {load['burst']} receipts at once, {load['seconds']:.0f} s",
        "figure": f"{load['requests']} requests ({load['rps']} rps), {load['errors']} errors; p95 ms: {p95s}",
        "budget": "0 errors", "result": _verdict(load["errors"] == 0),
    })  # fmt: skip
    numbering = results["receipts_after_load"]
    table.append({
        "what": "Receipt numbering after the load",
        "figure": f"{load['burst_issued']} of {load['burst']} burst receipts issued; {numbering['receipts']:,} receipts in {numbering['years']} years, "
        + ("gapless" if numbering["gapless"] else f"gaps in {numbering['broken_years']}"),
        "budget": "gapless, all issued", "result": _verdict(numbering["gapless"] and load["burst_issued"] == load["burst"]),
    })  # fmt: skip
    memory = results["memory"]
    table.append({
        "what": f"Memory: {len(memory)} gunicorn workers after the load",
        "figure": "peak RSS " + ", ".join(f"{worker['peak_rss_mb']} MB" for worker in memory),
        "budget": "—", "result": "—",
    })  # fmt: skip
    return table


def markdown(results: dict, fixture: dict) -> str:
    lines = ["| Measure | Figure | Budget | Result |", "|---|---|---|---|"]
    lines += [f"| {row['what']} | {row['figure']} | {row['budget']} | {row['result']} |" for row in rows(results, fixture)]
    data = results["data"]["rows"]
    lines += [
        "",
        f"Data: {data['visits']:,} contacts, {data['visitors']:,} visitors, {data['referrals']:,} referrals, {data['receipts']:,} receipts "
        f"(generated in {sum(results['data']['seconds'].values()):.0f} s). gunicorn: {results['workers']} {results['worker_class']} workers, "
        f"DEBUG off, persistent connections, whitenoise. Machine: {platform.machine()}, {_cores()} cores (shared). "
        f"`make bench` took {results['total_seconds']:.0f} s; measured {time.strftime('%Y-%m-%d %H:%M')}.",
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def _cores() -> int:
    import os  # noqa: PLC0415

    return len(os.sched_getaffinity(0))


def write(results: dict, fixture: dict, directory: Path) -> str:
    results["table"] = rows(results, fixture)
    (directory / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    text = markdown(results, fixture)
    (directory / "latest.md").write_text("# make bench — latest results\n\n" + text)
    return text
