"""Benchmark of the screening at the counter (issue 4), in-process against the app's database:
server time of the htmx recalculation for a four-person household (budget 50 ms) and the
printout's cold and warm render time (budget 1 s warm). Nothing is left behind: all writes
happen in a transaction that is rolled back.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infopoint.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from infopoint.lib.roles import GROUP_ADVISOR  # noqa: E402
from infopoint.models import StaffProfile  # noqa: E402
from screening.services import screening_run_create  # noqa: E402

FOUR_PERSONS = {
    "as_of": "2026-11-25", "municipality": "Stuttgart", "housing-tenure": "rent",
    "housing-rent_cold": "900", "housing-service_charges": "200", "housing-heating": "110",
    "m0-relation": "self", "m0-age": "38", "m0-i0-kind": "employment", "m0-i0-gross": "2.600,00",
    "m1-relation": "partner", "m1-age": "36", "m1-i0-kind": "minijob", "m1-i0-gross": "450",
    "m2-relation": "child", "m2-age": "4", "m3-relation": "child", "m3-age": "11",
}  # fmt: skip


class Rollback(Exception):
    pass


def _ms(durations):
    ordered = sorted(durations)
    return round(statistics.median(ordered) * 1000, 1), round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 1)


def main() -> dict:
    figures: dict = {}
    try:
        with transaction.atomic():
            user = User.objects.create(username="bench-advisor")
            user.groups.add(Group.objects.get_or_create(name=GROUP_ADVISOR)[0])
            StaffProfile.objects.create(user=user, organisation="jobcenter")
            client = Client(HTTP_HOST="localhost")
            client.force_login(user)
            url = reverse("screening:calculate")
            client.post(url, FOUR_PERSONS, HTTP_HX_REQUEST="true")  # warm-up
            durations = []
            for _ in range(60):
                start = time.perf_counter()
                response = client.post(url, FOUR_PERSONS, HTTP_HX_REQUEST="true")
                durations.append(time.perf_counter() - start)
                assert response.status_code == 200
            figures["recalculation_median_ms"], figures["recalculation_p95_ms"] = _ms(durations)
            from django.utils import timezone

            from screening import forms

            household = forms.from_post(_querydict(FOUR_PERSONS), timezone.localdate()).data
            run = screening_run_create(household=household, actor=user)
            print_url = reverse("screening:run-print", kwargs={"pk": run.pk}) + "?lang=ar"
            start = time.perf_counter()
            client.get(print_url)
            figures["printout_cold_ms"] = round((time.perf_counter() - start) * 1000, 1)
            warm = []
            for _ in range(5):
                start = time.perf_counter()
                client.get(print_url)
                warm.append(time.perf_counter() - start)
            figures["printout_warm_median_ms"] = round(statistics.median(warm) * 1000, 1)
            raise Rollback
    except Rollback:
        pass
    print("Screening at the counter (in-process, Django test client)")
    print(f"  htmx recalculation, 4 persons  median {figures['recalculation_median_ms']} ms, p95 {figures['recalculation_p95_ms']} ms (budget 50 ms)")
    print(f"  printout German + Arabic       cold {figures['printout_cold_ms']} ms, warm {figures['printout_warm_median_ms']} ms (budget 1000 ms warm)")
    return figures


def _querydict(data):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    query.update(data)
    return query


if __name__ == "__main__":
    results = main()
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "counter.json").write_text(json.dumps(results, indent=2) + "\n")
