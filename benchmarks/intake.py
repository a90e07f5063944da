"""Benchmark of the intake pages (issue 5) with 100,000 visits in the database: server time
and number of SQL queries of the start page (waiting list) and a visitor page. Everything
is written inside a transaction that is rolled back, so the app's data stays untouched.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infopoint.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from infopoint.lib.audited_bulk import bulk_without_audit  # noqa: E402
from infopoint.lib.roles import GROUP_ADVISOR  # noqa: E402
from infopoint.models import StaffProfile  # noqa: E402
from intake.models import Visit, Visitor, VisitStatus, new_visitor_code  # noqa: E402

VISITS = 100_000


class Rollback(Exception):
    pass


def _timed(client, url, runs=30):
    client.get(url)
    durations = []
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connections["default"].execute_wrapper(count):
        client.get(url)
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        durations.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    ordered = sorted(durations)
    return round(statistics.median(ordered) * 1000, 1), round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 1), len(queries)


def main() -> dict:
    rnd = random.Random(5)
    figures: dict = {}
    try:
        # Invented rows in bulk; the pages measured write nothing in bulk themselves.
        with transaction.atomic(), bulk_without_audit("benchmark data"):
            user = User.objects.create(username="bench-intake")
            user.groups.add(Group.objects.get_or_create(name=GROUP_ADVISOR)[0])
            StaffProfile.objects.create(user=user, organisation="jobcenter")
            visitors = Visitor.objects.bulk_create(
                [Visitor(code=new_visitor_code() + "", name=f"Person {i}") for i in range(20_000)], batch_size=5000, ignore_conflicts=True
            )
            visitors = list(Visitor.objects.all()[:20_000])
            now = timezone.now()
            start = time.perf_counter()
            Visit.objects.bulk_create(
                [
                    Visit(
                        visitor=visitors[i % len(visitors)],
                        arrived_at=now - timedelta(minutes=rnd.randint(0, 3 * 365 * 24 * 60)),
                        organisation=rnd.choice(["jobcenter", "sozialamt"]),
                        status=VisitStatus.DONE,
                    )
                    for i in range(VISITS)
                ],
                batch_size=10_000,
            )
            Visit.objects.bulk_create([Visit(visitor=visitors[i], organisation="jobcenter") for i in range(12)])  # waiting today
            figures["setup_seconds"] = round(time.perf_counter() - start, 1)
            client = Client(HTTP_HOST="localhost")
            client.force_login(user)
            figures["home_median_ms"], figures["home_p95_ms"], figures["home_queries"] = _timed(client, "/")
            busiest = visitors[0]
            figures["visitor_median_ms"], figures["visitor_p95_ms"], figures["visitor_queries"] = _timed(client, busiest.get_absolute_url())
            figures["visits_of_that_visitor"] = busiest.visits.count()
            raise Rollback
    except Rollback:
        pass
    print(f"Intake with {VISITS} visits (in-process, Django test client)")
    print(f"  start page with waiting list   median {figures['home_median_ms']} ms, p95 {figures['home_p95_ms']} ms, {figures['home_queries']} queries (budget 30 ms)")
    print(f"  visitor page ({figures['visits_of_that_visitor']} contacts)    median {figures['visitor_median_ms']} ms, p95 {figures['visitor_p95_ms']} ms, {figures['visitor_queries']} queries (budget 30 ms)")
    return figures


if __name__ == "__main__":
    results = main()
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "intake.json").write_text(json.dumps(results, indent=2) + "\n")
