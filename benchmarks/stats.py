"""Benchmark of the monthly statistics dashboard (issue 9) with 1,000,000 contacts and 200,000 referrals.

Five years of case data (benchmarks/stats_data.py) are generated inside PostgreSQL, then the
data part of the dashboard view is timed: ``month_counts_for_dashboard`` plus ``month_figures``
and ``headlines`` (stats/views/dashboard.py), i.e. everything the view does except rendering.
Three cases: the current month while the earlier months of the year are still open, the same
once the team lead has closed them (the usual case), and a closed month. Budget: 300 ms for an
open month, 50 ms for a closed one (server time, median). When ``templates/stats/month.html``
exists the full page is timed as well, through the test client as the team lead.

Everything happens in one transaction that is rolled back (PostgreSQL discards the rows at
once); afterwards VACUUM ANALYZE gives the tables their space and statistics back.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infopoint.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from benchmarks import stats_data  # noqa: E402
from stats import selectors, services  # noqa: E402
from stats.dashboard import headlines, month_figures  # noqa: E402
from stats.selectors import stats_cache  # noqa: E402
from stats.views.dashboard import month_counts_for_dashboard, previous_month  # noqa: E402

WARM_UPS = 2
RUNS = 20
PAGE_RUNS = 10
OPEN_BUDGET_MS = 300
CLOSED_BUDGET_MS = 50
MONTH_TEMPLATE = ROOT / "templates" / "stats" / "month.html"


class Rollback(Exception):
    pass


def dashboard_data(month: date):
    """What the dashboard view computes before it renders: the counts, the figures, the headlines."""
    current, year, last_year = month_counts_for_dashboard(month)
    return month_figures(current, year, last_year), headlines(current, year)


def timed(call, runs: int = RUNS) -> dict:
    for _ in range(WARM_UPS):
        call()
    with CaptureQueriesContext(connection) as queries:
        call()
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        durations.append(time.perf_counter() - start)
    ordered = sorted(durations)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1),
        "queries": len(queries),
        "runs": runs,
    }


def months_to_close(current: date) -> list[date]:
    """Every month the two dashboards read besides the current one: closed, as the team lead does each month."""
    shown = previous_month(current)
    months = {date(shown.year, number, 1) for number in range(1, shown.month + 1)}
    months |= {date(current.year, number, 1) for number in range(1, current.month)}
    months |= {date(month.year - 1, month.month, 1) for month in (current, shown)}
    return sorted(months)


def page_figures(lead, month: date) -> dict | None:
    if not MONTH_TEMPLATE.exists():
        return None
    client = Client(HTTP_HOST="localhost")
    client.force_login(lead)
    url = f"/stats/{month:%Y-%m}/"

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return {"url": url, **timed(get, PAGE_RUNS)}


def main() -> dict:
    figures: dict = {}
    started = time.perf_counter()
    translation.activate("de")
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                # Only this benchmark's closings count: earlier ones in a developer's database are set aside.
                cursor.execute("DELETE FROM stats_monthlyfigure; DELETE FROM stats_closedmonth")
            now = timezone.now()
            generated = stats_data.generate(now)
            figures["generation_s"] = {name: round(value, 1) for name, value in generated.seconds.items()}
            figures["rows"] = generated.rows
            current = selectors.current_month()
            shown_closed = previous_month(current)

            # Earlier open months are reused for INFOPOINT_STATS_CACHE_SECONDS: measure the first view too.
            stats_cache().clear()  # inside the transaction: rolled back with the data
            start = time.perf_counter()
            dashboard_data(current)
            figures["open_month_earlier_open_first_ms"] = round((time.perf_counter() - start) * 1000, 1)
            figures["open_month_earlier_open"] = timed(lambda: dashboard_data(current))
            start = time.perf_counter()
            closing = months_to_close(current)
            for month in closing:
                services.month_close(month=month, actor=generated.lead)
            figures["close_month_s"] = round((time.perf_counter() - start) / len(closing), 2)
            figures["open_month_earlier_closed"] = timed(lambda: dashboard_data(current))
            figures["closed_month"] = timed(lambda: dashboard_data(shown_closed))
            figures["page"] = page_figures(generated.lead, current)
            figures["months"] = {"open": f"{current:%Y-%m}", "closed": f"{shown_closed:%Y-%m}"}
            raise Rollback
    except Rollback:
        pass
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for table in stats_data.TABLES:
            cursor.execute(f"VACUUM ANALYZE {table}")
    figures["cleanup_s"] = round(time.perf_counter() - start, 1)
    figures["total_s"] = round(time.perf_counter() - started, 1)
    report(figures)
    return figures


def verdict(figure: dict, budget: int) -> str:
    return "PASS" if figure["median_ms"] < budget else "FAIL"


def report(figures: dict) -> None:
    rows = figures["rows"]
    print(
        f"Statistics dashboard with {rows['visits']:,} contacts, {rows['visitors']:,} visitors, {rows['referrals']:,} referrals "
        f"({rows['status changes']:,} status changes, {rows['outcomes']:,} outcomes), {rows['receipts']:,} receipts"
    )
    generation = figures["generation_s"]
    print(f"  data generated in {sum(generation.values()):.1f} s ({', '.join(f'{name} {value} s' for name, value in generation.items())})")
    months = figures["months"]
    cases = [
        (f"open month {months['open']}, earlier months open", figures["open_month_earlier_open"], OPEN_BUDGET_MS),
        (f"open month {months['open']}, earlier months closed", figures["open_month_earlier_closed"], OPEN_BUDGET_MS),
        (f"closed month {months['closed']}", figures["closed_month"], CLOSED_BUDGET_MS),
    ]
    print("  data part of the dashboard (counts, figures, headlines; in-process):")
    for label, figure, budget in cases:
        print(
            f"    {label:<44} median {figure['median_ms']:>7} ms  p95 {figure['p95_ms']:>7} ms  "
            f"{figure['queries']:>3} queries   budget {budget} ms  {verdict(figure, budget)}"
        )
    print(
        f"    first view with earlier months open (nothing reused yet): {figures['open_month_earlier_open_first_ms']} ms "
        f"(their counts are then reused for {settings.INFOPOINT_STATS_CACHE_SECONDS} s)"
    )
    print(f"  closing one month (month_close): {figures['close_month_s']} s")
    page = figures["page"]
    if page is None:
        print(f"  full page: skipped, {MONTH_TEMPLATE.relative_to(ROOT)} does not exist yet")
    else:
        print(f"  full page {page['url']} as the team lead (test client)   median {page['median_ms']} ms, p95 {page['p95_ms']} ms, {page['queries']} queries")
    print(f"  benchmark took {figures['total_s']} s in all (clean-up {figures['cleanup_s']} s)")


if __name__ == "__main__":
    results = main()
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "stats.json").write_text(json.dumps(results, indent=2) + "\n")
