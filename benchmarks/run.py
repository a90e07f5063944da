"""`make bench`: the whole benchmark in one run, against a separate database, under production settings.

Steps: create the database ``infopoint_bench`` next to the app's (same PostgreSQL server),
migrate it, fill it (benchmarks/bench_db.py: five years, 1,000,000 contacts), collect the static
files, measure the screening engine, SQL queries per page and PDFs in-process, then start gunicorn
(sync workers, see GUNICORN_ARGS) on 127.0.0.1 and measure the pages and a day's load over HTTP,
check the receipt numbering, read each worker's peak memory, stop gunicorn and drop the database.
Prints one table and writes benchmarks/results/latest.json and latest.md.

Options (for working on speed; `make bench` uses neither): ``--prepare-only`` creates, migrates and
fills the database and stops (pair it with BENCH_KEEP_DB=1 to keep it); ``--pages-only`` measures
only the SQL queries per page and the pages over HTTP against an existing database (it implies
BENCH_KEEP_DB=1: it never drops the database) and prints JSON instead of writing the results.

Environment: BENCH_LOAD_SECONDS (day's load, default 300), BENCH_KEEP_DB=1 (keep the database
and reuse it on the next run: skips creating and filling), INFOPOINT_BENCH_DB (database name).
BENCH_PAGES=dashboard-open,dashboard-closed (keys of benchmarks/pages.py) narrows ``--pages-only``
to those pages: for before/after comparisons while working on a page.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import http_bench, report  # noqa: E402
from benchmarks.pages import pages  # noqa: E402

WORK = ROOT / ".data" / "bench"
RESULTS = ROOT / "benchmarks" / "results"
FIXTURE = WORK / "fixture.json"
PYTHON = sys.executable
WORKERS = 3  # as in the Dockerfile; sync workers: one request at a time each, no keep-alive
PDFS = ["receipt", "screening", "slip", "report"]


def production_environment() -> dict:
    secret_file = WORK / "secret"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(64))
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DJANGO_DEBUG": "false",
        "INFOPOINT_DEMO": "false",
        "DJANGO_SECRET_KEY": secret_file.read_text(),
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        # Plain http over loopback: no redirect to https, cookies without the Secure flag.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_CONN_MAX_AGE": "60",
        "DJANGO_STATIC_ROOT": str(WORK / "static"),
        # The bench database's receipt numbers are not the app's: their own record (issue 21).
        "INFOPOINT_ISSUED_NUMBERS_FILE": str(WORK / "issued-receipt-numbers.json"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def step(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(args: list[str], env: dict, capture: bool = False) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, text=True, capture_output=capture, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr if capture else ''}")
    return done.stdout if capture else ""


def last_json(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def prepare_database(env: dict) -> dict:
    if os.environ.get("BENCH_KEEP_DB") == "1" and FIXTURE.exists():
        step("reusing the kept benchmark database (BENCH_KEEP_DB=1)")
        return json.loads(FIXTURE.read_text())
    app_env = {**env, "DJANGO_SETTINGS_MODULE": "infopoint.settings"}
    step("creating the benchmark database")
    run([PYTHON, "-m", "benchmarks.bench_db", "create"], app_env)
    step("migrating it")
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    step("filling it: 5 years, 1,000,000 contacts, 200,000 referrals, 50,000 receipts, 100,000 visitors")
    fixture = last_json(run([PYTHON, "-m", "benchmarks.bench_db", "fill"], env, capture=True))
    FIXTURE.write_text(json.dumps(fixture, indent=2))
    return fixture


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    log = (WORK / "gunicorn.log").open("w")
    args = [PYTHON, "-m", "gunicorn", "infopoint.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
            "--worker-class", "sync", "--timeout", "60", "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on port {port}; see {WORK / 'gunicorn.log'}")


def worker_memory(server: subprocess.Popen) -> list[dict]:
    """Peak (VmHWM) and current resident memory of each gunicorn worker, from /proc."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    workers = []
    for pid in children:
        status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
        workers.append({"pid": int(pid), "peak_rss_mb": round(int(status["VmHWM"].split()[0]) / 1024, 1),
                        "rss_mb": round(int(status["VmRSS"].split()[0]) / 1024, 1)})  # fmt: skip
    return workers


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def pages_only(env: dict) -> int:
    """Queries per page and the pages over HTTP, nothing else: the quick loop while working on speed.

    BENCH_PAGES narrows it to the named pages (keys of benchmarks/pages.py).
    """
    if not FIXTURE.exists():
        raise SystemExit("--pages-only needs a kept benchmark database: run BENCH_KEEP_DB=1 benchmarks/run.py --prepare-only first")
    fixture = json.loads(FIXTURE.read_text())
    keys = [key.strip() for key in os.environ.get("BENCH_PAGES", "").split(",") if key.strip()]
    chosen = [page for page in pages(fixture) if not keys or page.key in keys]
    if len(chosen) != len(keys or chosen):
        raise SystemExit(f"BENCH_PAGES: unknown page in {keys}; known: {[page.key for page in pages(fixture)]}")
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], env)
    step("SQL queries per page (in-process, test client)")
    results = {"queries": last_json(run([PYTHON, "-m", "benchmarks.inprocess", "queries", str(FIXTURE)], env, capture=True))}
    port = free_port()
    step(f"starting gunicorn: {WORKERS} sync workers on 127.0.0.1:{port}")
    server = start_gunicorn(env, port)
    try:
        step("pages over HTTP at concurrency 1 and 8")
        results["pages"] = asyncio.run(http_bench.measure_pages(port, fixture, chosen))
    finally:
        stop_gunicorn(server)
    print(json.dumps(results, indent=1))
    return 0


def main() -> int:
    started = time.perf_counter()
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    load_seconds = float(os.environ.get("BENCH_LOAD_SECONDS", "300"))
    env = production_environment()
    if "--pages-only" in sys.argv:
        return pages_only(env)
    if "--prepare-only" in sys.argv:
        prepare_database(env)
        return 0
    results: dict = {"load_seconds_configured": load_seconds, "workers": WORKERS, "worker_class": "sync"}
    fixture = prepare_database(env)
    results["data"] = {"rows": fixture["rows"], "seconds": fixture["seconds"]}
    step("collecting static files (whitenoise, compressed manifest)")
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], env)
    step("screening engine: 10,000 households in-process and through --jsonl")
    run([PYTHON, "benchmarks/screening_engine.py", "10000"], env, capture=True)
    results["engine"] = json.loads((RESULTS / "screening_engine.json").read_text())
    step("re-screening: 10,000 saved checks on the law of 2027-01-01 (in one transaction, rolled back)")
    results["rescreen"] = last_json(run([PYTHON, "-m", "benchmarks.rescreen", "10000"], env, capture=True))
    step("SQL queries per page (in-process, test client)")
    results["queries"] = last_json(run([PYTHON, "-m", "benchmarks.inprocess", "queries", str(FIXTURE)], env, capture=True))
    results["pdfs"] = {}
    for name in PDFS:
        step(f"PDF {name}: cold and warm, in a fresh process")
        results["pdfs"][name] = last_json(run([PYTHON, "-m", "benchmarks.inprocess", "pdf", name, str(FIXTURE)], env, capture=True))
    port = free_port()
    step(f"starting gunicorn: {WORKERS} sync workers on 127.0.0.1:{port}")
    server = start_gunicorn(env, port)
    try:
        step("pages over HTTP at concurrency 1 and 8")
        results["pages"] = asyncio.run(http_bench.measure_pages(port, fixture, pages(fixture)))
        step(f"a day's load for {load_seconds:.0f} s: 40 advisors, 10 kiosks, the team lead, 20 receipts at once")
        results["load"] = asyncio.run(http_bench.DayLoad(port, fixture, load_seconds).run())
        results["memory"] = worker_memory(server)
    finally:
        step("stopping gunicorn")
        stop_gunicorn(server)
    results["receipts_after_load"] = last_json(run([PYTHON, "-m", "benchmarks.bench_db", "receipts"], env, capture=True))
    if os.environ.get("BENCH_KEEP_DB") == "1":
        step("keeping the benchmark database (BENCH_KEEP_DB=1)")
    else:
        step("dropping the benchmark database")
        run([PYTHON, "-m", "benchmarks.bench_db", "drop"], {**env, "DJANGO_SETTINGS_MODULE": "infopoint.settings"})
        FIXTURE.unlink(missing_ok=True)
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    table = report.write(results, fixture, RESULTS)
    print(table)
    return 0 if all(row["result"] != "FAIL" for row in report.rows(results, fixture)) else 1


if __name__ == "__main__":
    sys.exit(main())
