"""Benchmark of receipts (issue 8): a receipt PDF warm (budget 500 ms) and 20 concurrent receipt
requests (number, insert, PDF, stored hash; budget: no error).

The PDF timing runs inside a transaction that is rolled back. The concurrent part must commit
(each thread has its own connection), so it runs in the year 2199 (time-machine) and removes its
rows afterwards with triggers skipped for that one transaction: real
numbering is never touched.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infopoint.settings")

import django  # noqa: E402

django.setup()

import time_machine  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402

from openarea.models import Receipt, ReceiptCounter  # noqa: E402
from openarea.receipts import pdf, services  # noqa: E402
from referrals.models import Office  # noqa: E402

PDF_RUNS = 20
CONCURRENT = 20
BENCH_YEAR = 2199
ITEMS = [{"kind": "application_form", "description": "Hauptantrag Bürgergeld", "pages": 6}, {"kind": "attachment", "description": "Mietvertrag", "pages": 4}]


class Rollback(Exception):
    pass


def _actor_and_office():
    actor, _ = User.objects.get_or_create(username="bench-receipts", defaults={"first_name": "Bench"})
    office, _ = Office.objects.get_or_create(name="Bench Jobcenter", defaults={"kind": "jobcenter", "street": "Benchstraße 1", "postcode": "70173", "is_active": False})
    return actor, office


def pdf_warm_ms(actor, office) -> list[float]:
    timings = []
    try:
        with transaction.atomic(), time_machine.travel(datetime(BENCH_YEAR, 6, 1, 10, tzinfo=ZoneInfo("Europe/Berlin"))):
            receipt = services.receipt_issue(actor=actor, applicant_name="Bench Person", benefit="sgb2", office=office, items=ITEMS, language="ar")
            pdf.receipt_pdf(receipt, verify_url="https://infopoint.example/verify/x")  # warm-up: fonts, templates
            for _ in range(PDF_RUNS):
                start = time.perf_counter()
                pdf.receipt_pdf(receipt, verify_url=f"https://infopoint.example/verify/{receipt.verification_code}")
                timings.append((time.perf_counter() - start) * 1000)
            raise Rollback
    except Rollback:
        pass
    return timings


def concurrent_requests(actor, office) -> dict:
    barrier = threading.Barrier(CONCURRENT)
    latencies, errors = [], []

    def request(index):
        try:
            barrier.wait()
            start = time.perf_counter()
            receipt = services.receipt_issue(actor=actor, applicant_name=f"Bench {index}", benefit="sgb2", office=office, items=ITEMS)
            services.receipt_document_store(receipt=receipt, pdf=pdf.receipt_pdf(receipt, verify_url=f"https://infopoint.example/verify/{receipt.verification_code}"))
            latencies.append((time.perf_counter() - start) * 1000)
        except Exception as error:  # noqa: BLE001 - counted and reported
            errors.append(repr(error))
        finally:
            connections.close_all()

    with time_machine.travel(datetime(BENCH_YEAR, 6, 1, 10, tzinfo=ZoneInfo("Europe/Berlin"))):
        threads = [threading.Thread(target=request, args=(index,)) for index in range(CONCURRENT)]
        wall = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = (time.perf_counter() - wall) * 1000
    numbers = sorted(Receipt.objects.filter(year=BENCH_YEAR).values_list("number", flat=True))
    return {"latencies": latencies, "errors": errors, "wall_ms": wall, "gapless": numbers == list(range(1, len(numbers) + 1)), "count": len(numbers)}


def cleanup() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        # Only for this transaction: the owner switches the immutability triggers off (issue 21:
        # session_replication_role needs a superuser, which nothing here is any more).
        for table in ("openarea_receiptdocument", "openarea_receipt", "auditlog_logentry"):
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute("DELETE FROM openarea_receiptdocument WHERE receipt_id IN (SELECT id FROM openarea_receipt WHERE year = %s)", [BENCH_YEAR])
        cursor.execute("DELETE FROM auditlog_logentry WHERE content_type_id IN (SELECT id FROM django_content_type WHERE app_label = 'openarea' AND model IN ('receipt', 'receiptdocument')) AND object_pk IN (SELECT id::text FROM openarea_receipt WHERE year = %s)", [BENCH_YEAR])
        cursor.execute("DELETE FROM openarea_receipt WHERE year = %s", [BENCH_YEAR])
        for table in ("openarea_receiptdocument", "openarea_receipt", "auditlog_logentry"):
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    ReceiptCounter.objects.filter(year=BENCH_YEAR).delete()


def main() -> None:
    from infopoint.lib import db_roles  # noqa: PLC0415

    # Issue 21: the benchmark issues receipts in the year 2199 (time_machine) and removes them
    # again; both are refused to the app role on purpose, so it runs as the owner.
    with db_roles.as_owner():
        _main()


def _main() -> None:
    actor, office = _actor_and_office()
    cleanup()
    timings = pdf_warm_ms(actor, office)
    try:
        result = concurrent_requests(actor, office)
    finally:
        cleanup()
    summary = {
        "benchmark": "receipts",
        "pdf_warm_ms_median": round(statistics.median(timings), 1),
        "pdf_warm_ms_max": round(max(timings), 1),
        "pdf_budget_ms": 500,
        "concurrent_requests": CONCURRENT,
        "concurrent_errors": len(result["errors"]),
        "concurrent_gapless": result["gapless"],
        "concurrent_committed": result["count"],
        "concurrent_latency_ms_median": round(statistics.median(result["latencies"]), 1) if result["latencies"] else None,
        "concurrent_latency_ms_max": round(max(result["latencies"]), 1) if result["latencies"] else None,
        "concurrent_wall_ms": round(result["wall_ms"], 1),
    }
    print(json.dumps(summary))
    if result["errors"]:
        print("\n".join(result["errors"][:5]), file=sys.stderr)
    ok = summary["pdf_warm_ms_max"] < 500 and not result["errors"] and result["gapless"] and result["count"] == CONCURRENT
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
