"""Benchmark of the re-screening (issue 20): 10,000 saved checks re-run on the law of 2027-01-01.

    python -m benchmarks.rescreen [COUNT]   # default 10,000; prints one JSON line

Inside one transaction that is rolled back at the end (the database is left as it was): an
advisor, COUNT visitors who consented to be called back, each with a contact, an open follow-up
(every other one an open referral instead) and one saved check of a realistic household
(``benchmarks/screening_engine.py``'s mix) on a date of 2024–2026; then ``rescreen(as_of=2027-01-01)``
is timed as a whole: the selection query, COUNT engine runs, the comparison, the new runs and
follow-ups with their audit entries. Budget: under 60 s on the 2-core machine. The tables are
analysed after the setup (inside the transaction, so the statistics are rolled back too).
"""

from __future__ import annotations

import json
import os
import random
import secrets
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUDGET_SECONDS = 60
AS_OF = date(2027, 1, 1)
RESULTS = ROOT / "benchmarks" / "results"


def _setup(count: int) -> None:
    from django.contrib.auth.models import User  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from benchmarks.screening_engine import household  # noqa: PLC0415
    from infopoint.lib.audited_bulk import bulk_without_audit  # noqa: PLC0415
    from infopoint.lib.stuttgart import Organisation  # noqa: PLC0415
    from intake.models import CODE_ALPHABET, CODE_LENGTH, ConsentScope, FollowUp, Visit, Visitor, VisitStatus  # noqa: PLC0415
    from referrals.models import Benefit, Office, OfficeKind, Referral  # noqa: PLC0415
    from screening.models import ScreeningRun  # noqa: PLC0415
    from screening.rules import evaluate_json  # noqa: PLC0415

    rnd = random.Random(20270101)
    advisor = User.objects.create(username=f"bench-rescreen-{secrets.token_hex(4)}", first_name="Bench", last_name="Rescreen")
    office = Office.objects.filter(kind=OfficeKind.JOBCENTER).first() or Office.objects.create(
        name=f"Bench Jobcenter {secrets.token_hex(4)}", kind=OfficeKind.JOBCENTER, street="Teststraße 1", postcode="70173"
    )
    taken = set(Visitor.objects.values_list("code", flat=True))
    codes = set()
    while len(codes) < count:
        code = "".join(rnd.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            codes.add(code)
    now = timezone.now()
    with bulk_without_audit("benchmark data for the re-screening, rolled back"):
        visitors = Visitor.objects.bulk_create(
            [Visitor(code=code, consent_scope=ConsentScope.CALLBACK, consent_date=now.date()) for code in sorted(codes)], batch_size=2000
        )
        visits = Visit.objects.bulk_create(
            [Visit(visitor=v, status=VisitStatus.DONE, organisation=Organisation.JOBCENTER, advisor=advisor) for v in visitors],
            batch_size=2000,
        )
        half = len(visitors) // 2
        FollowUp.objects.bulk_create(
            [FollowUp(visitor=v, task="Unterlagen nachreichen", due_on=now.date() + timedelta(days=30), assigned_to=advisor) for v in visitors[:half]],
            batch_size=2000,
        )
        Referral.objects.bulk_create(
            [Referral(visitor=v, office=office, benefit=Benefit.SGB2, created_by=advisor) for v in visitors[half:]], batch_size=2000
        )
        runs = []
        for visit in visits:
            data = household(rnd)
            data["as_of"] = rnd.choice(["2024-05-01", "2025-03-01", "2026-02-01", "2026-08-01", "2026-11-25"])
            result = evaluate_json(data)
            runs.append(
                ScreeningRun(
                    input_data=data, result=result, as_of=date.fromisoformat(result["as_of"]), rules_version=result["rules_version"],
                    param_digest=result["parameter_digest"], advisor=advisor, organisation=Organisation.JOBCENTER, visit=visit,
                )
            )  # fmt: skip
        ScreeningRun.objects.bulk_create(runs, batch_size=1000)
    # Statistics as a database that grew over months has them (autovacuum): without, the planner
    # takes the 10,000 freshly written rows for none and joins them in nested loops.
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        for model in (Visitor, Visit, FollowUp, Referral, ScreeningRun):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def main(count: int = 10_000) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infopoint.settings")
    import django  # noqa: PLC0415

    django.setup()
    from django.db import transaction  # noqa: PLC0415

    from screening.rescreen_service import rescreen  # noqa: PLC0415

    with transaction.atomic():
        start = time.perf_counter()
        _setup(count)
        setup_seconds = time.perf_counter() - start
        start = time.perf_counter()
        report = rescreen(as_of=AS_OF)
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    figures = {
        "checks": count,
        "rescreened": report.checked,
        "listed": len(report.items),
        "runs_created": report.runs_created,
        "follow_ups_created": report.follow_ups_created,
        "failed": len(report.failed),
        "seconds": round(seconds, 1),
        "setup_seconds": round(setup_seconds, 1),
        "budget_seconds": BUDGET_SECONDS,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "rescreen.json").write_text(json.dumps(figures, indent=1))
    return figures


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)))
