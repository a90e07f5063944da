"""Benchmark of the referral follow-up list (issue 6) with 50,000 referrals in the database:
time and queries of the selector behind `/referrals/` (its first page of 50) for one advisor.
Everything is written inside a transaction that is rolled back. The page's budget is 30 ms server time.
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
from django.core.paginator import Paginator  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from infopoint.lib.audited_bulk import bulk_without_audit  # noqa: E402
from infopoint.lib.roles import GROUP_ADVISOR  # noqa: E402
from infopoint.models import StaffProfile  # noqa: E402
from intake.models import Visitor, new_visitor_code  # noqa: E402
from referrals import lifecycle  # noqa: E402
from referrals.models import Office, Referral  # noqa: E402
from referrals.selectors import follow_up_list  # noqa: E402

REFERRALS = 50_000
PER_PAGE = 50
ADVISORS = 40


class Rollback(Exception):
    pass


def main() -> dict:
    rnd = random.Random(6)
    figures: dict = {}
    try:
        # Invented rows in bulk; the pages measured write nothing in bulk themselves.
        with transaction.atomic(), bulk_without_audit("benchmark data"):
            advisors = [User.objects.create(username=f"bench-referrals-{i}") for i in range(ADVISORS)]
            advisors[0].groups.add(Group.objects.get_or_create(name=GROUP_ADVISOR)[0])
            StaffProfile.objects.create(user=advisors[0], organisation="jobcenter")
            office = Office.objects.create(name="Bench-Jobcenter", kind="jobcenter", street="Teststraße 1", postcode="70173")
            visitors = Visitor.objects.bulk_create([Visitor(code=new_visitor_code(), name=f"Person {i}") for i in range(10_000)], batch_size=5000)
            now = timezone.now()
            statuses = list(lifecycle.NEXT)
            rows = []
            for i in range(REFERRALS):
                status = rnd.choice(statuses)
                rows.append(
                    Referral(
                        visitor=visitors[i % len(visitors)],
                        office=office,
                        benefit="sgb2",
                        created_by=advisors[i % ADVISORS],
                        status=status,
                        closed_reason="other" if status == lifecycle.CLOSED else "",
                        appointment_at=now + timedelta(days=rnd.randint(-30, 30)) if status == lifecycle.APPOINTMENT_MADE else None,
                        status_changed_at=now - timedelta(days=rnd.randint(0, 400)),
                    )
                )
            Referral.objects.bulk_create(rows, batch_size=10_000)
            advisor = advisors[0]

            def first_page():
                page = Paginator(follow_up_list(user=advisor), PER_PAGE).page(1)
                return page.paginator.count, list(page.object_list)

            client = Client(HTTP_HOST="localhost")
            client.force_login(advisor)
            page_times = []
            client.get("/referrals/")
            for _ in range(30):
                start = time.perf_counter()
                response = client.get("/referrals/")
                page_times.append(time.perf_counter() - start)
                assert response.status_code == 200, response.status_code
            page_times.sort()

            first_page()
            queries = []
            with connections["default"].execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
                open_count, shown = first_page()
            durations = []
            for _ in range(30):
                start = time.perf_counter()
                first_page()
                durations.append(time.perf_counter() - start)
            ordered = sorted(durations)
            figures = {
                "referrals": REFERRALS,
                "open_for_the_advisor": open_count,
                "shown_on_the_first_page": len(shown),
                "median_ms": round(statistics.median(ordered) * 1000, 1),
                "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 1),
                "queries": len(queries),
                "page_median_ms": round(statistics.median(page_times) * 1000, 1),
                "page_p95_ms": round(page_times[int(len(page_times) * 0.95) - 1] * 1000, 1),
            }
            raise Rollback
    except Rollback:
        pass
    print(f"Referral follow-up list with {REFERRALS} referrals (selector, in-process)")
    print(
        f"  first page ({figures['shown_on_the_first_page']} of {figures['open_for_the_advisor']} open referrals of one advisor)   median {figures['median_ms']} ms, "
        f"p95 {figures['p95_ms']} ms, {figures['queries']} queries"
    )
    print(f"  the page /referrals/ (server time, test client)   median {figures['page_median_ms']} ms, p95 {figures['page_p95_ms']} ms (budget 30 ms)")
    return figures


if __name__ == "__main__":
    results = main()
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "referrals.json").write_text(json.dumps(results, indent=2) + "\n")
