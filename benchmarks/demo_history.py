"""Benchmark of the demo history (issue 9): how long ``demo_data`` spends creating 18 months of
activity on a fresh database (budget 20 s, so that ``make run`` on a fresh clone does not wait),
and how much it creates per month. Runs in a database of its own that is dropped afterwards.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infopoint.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.db.models.functions import TruncMonth  # noqa: E402
from django.utils import timezone  # noqa: E402

BUDGET_SECONDS = 20


def _per_month(queryset, field: str) -> dict[str, int]:
    rows = queryset.annotate(month=TruncMonth(field)).values("month").annotate(n=Count("pk")).order_by("month")
    return {row["month"].strftime("%Y-%m"): row["n"] for row in rows}


def main() -> dict:
    settings.DATABASES["default"]["TEST"]["NAME"] = f"{settings.DATABASES['default']['NAME']}_bench_demo_history"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from infopoint.demo_history import demo_history_create  # noqa: PLC0415
        from infopoint.lib.opening_hours import seed_concept_hours  # noqa: PLC0415
        from intake.models import Visit, Visitor  # noqa: PLC0415
        from openarea.models import Receipt  # noqa: PLC0415
        from referrals.demo_offices import DEMO_OFFICES  # noqa: PLC0415
        from referrals.models import Office, Referral  # noqa: PLC0415

        seed_concept_hours()
        for office in DEMO_OFFICES:
            Office.objects.get_or_create(name=office["name"], defaults=office)
        started = time.perf_counter()
        counts = demo_history_create(today=timezone.localdate(), months=18)
        seconds = round(time.perf_counter() - started, 2)
        months = {
            "people": _per_month(Visitor.objects.all(), "created_at"),
            "contacts": _per_month(Visit.objects.all(), "arrived_at"),
            "referrals": _per_month(Referral.objects.all(), "created_at"),
            "receipts": _per_month(Receipt.objects.all(), "received_at"),
        }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return {"seconds": seconds, "budget_seconds": BUDGET_SECONDS, "within_budget": seconds <= BUDGET_SECONDS, "created": counts, "per_month": months}


if __name__ == "__main__":
    print(json.dumps({"demo_history": main()}, indent=2))
