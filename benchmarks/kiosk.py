"""Benchmark of the kiosk pages (issue 7): server time and bytes a kiosk transfers per page.

Every kiosk page (start, offices, quick-check intro, a question, the result, ask for advice,
its confirmation, forms and a form's guide, the yellow card, the receipt-number check, the
hand-in) is requested 30 times through a kiosk device's cookie; the budget is 20 ms
server time (median) and 150 KB transferred per page, with fonts and CSS cached by the
browser (the page itself plus the scripts it loads count). Runs in a rolled-back transaction
with the demo offices and 100,000 visits in the database (the kiosk must not slow down as
the counter fills up).
"""

from __future__ import annotations

import json
import os
import re
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

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.db import transaction  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from infopoint.lib.audited_bulk import bulk_without_audit  # noqa: E402
from infopoint.lib.opening_hours import seed_concept_hours  # noqa: E402
from intake.models import Visit, Visitor, new_visitor_code  # noqa: E402
from openarea.catalogue.demo_forms import DEMO_FORMS  # noqa: E402
from openarea.catalogue.services import printable_form_save  # noqa: E402
from openarea.kiosk_cookie import set_device_cookie  # noqa: E402
from openarea.models import KioskDevice, PrintableForm  # noqa: E402
from referrals.demo_offices import DEMO_OFFICES  # noqa: E402
from referrals.models import Office  # noqa: E402

VISITS = 100_000
RUNS = 30
BUDGET_MS = 20
BUDGET_KB = 150
ANSWERS = {"a-age": "25-49", "a-partner": "no", "a-children": "1", "a-youngest": "0-5", "a-maintenance": "no",
           "a-situation": "employed", "a-income": "1-500", "a-housing": "400-600", "a-savings": "0-5000"}  # fmt: skip
SCRIPT = re.compile(r'<script src="/static/([^"]+)"')


class Rollback(Exception):
    pass


def _kiosk_client() -> Client:
    lead = User.objects.create(username="bench-kiosk-lead")
    device = KioskDevice.objects.create(name="Bench kiosk", enrolled_by=lead)
    response = HttpResponse()
    set_device_cookie(response, device)
    client = Client(HTTP_HOST="localhost")
    client.cookies[settings.KIOSK_COOKIE_NAME] = response.cookies[settings.KIOSK_COOKIE_NAME].value
    return client


def _script_bytes(html: str) -> int:
    return sum(Path(finders.find(path)).stat().st_size for path in SCRIPT.findall(html) if finders.find(path))


def main() -> dict:
    pages = {
        "start": ("get", "/kiosk/", {}),
        "offices": ("get", "/kiosk/offices/", {}),
        "quick check intro": ("get", "/kiosk/check/", {}),
        "quick check question": ("post", "/kiosk/check/", {"question": "age", "answer": "25-49"}),
        "quick check result": ("post", "/kiosk/check/", {**ANSWERS, "question": "receives"}),
        "ask for advice": ("get", "/kiosk/advice/", {}),
        "advice confirmation": ("get", "/kiosk/advice/sent/", {}),
        "forms": ("get", "/kiosk/forms/", {}),
        "form guide": ("get", "/kiosk/forms/{slug}/", {}),
        "yellow card": ("get", "/kiosk/feedback/", {}),
        "receipt number check": ("get", "/kiosk/receipt-check/", {}),
        "hand in": ("get", "/kiosk/hand-in/", {}),
    }
    figures: dict = {}
    try:
        # Invented rows in bulk; the pages measured write nothing in bulk themselves.
        with transaction.atomic(), bulk_without_audit("benchmark data"):
            seed_concept_hours()
            for office in DEMO_OFFICES:
                Office.objects.get_or_create(name=office["name"], defaults=office)
            visitors = Visitor.objects.bulk_create([Visitor(code=new_visitor_code(), name=f"Person {i}") for i in range(20_000)], batch_size=5000)
            now = timezone.now()
            Visit.objects.bulk_create(
                [Visit(visitor=visitors[i % len(visitors)], arrived_at=now - timedelta(hours=i % 5000), status="done") for i in range(VISITS)],
                batch_size=10_000,
            )
            for entry in DEMO_FORMS:
                printable_form_save(actor=None, office=None, **entry)
            slug = PrintableForm.objects.order_by("pk").values_list("slug", flat=True).first()
            client = _kiosk_client()
            client.cookies.pop("csrftoken", None)
            for name, (method, url, data) in pages.items():
                url = url.format(slug=slug)
                client.enforce_csrf_checks = False
                getattr(client, method)(url, data)  # warm up
                times = []
                for _ in range(RUNS):
                    start = time.perf_counter()
                    response = getattr(client, method)(url, data)
                    times.append(time.perf_counter() - start)
                    assert response.status_code == 200, (name, response.status_code)
                html = response.content.decode()
                times.sort()
                figures[name] = {
                    "median_ms": round(statistics.median(times) * 1000, 1),
                    "p95_ms": round(times[int(len(times) * 0.95) - 1] * 1000, 1),
                    "kb": round((len(response.content) + _script_bytes(html)) / 1024, 1),
                }
            raise Rollback
    except Rollback:
        pass
    print(f"Kiosk pages with {VISITS} visits in the database (server time, test client; KB = page + scripts, fonts and CSS cached)")
    for name, figure in figures.items():
        verdict = "ok" if figure["median_ms"] < BUDGET_MS and figure["kb"] < BUDGET_KB else "OVER BUDGET"
        print(f"  {name:<22} median {figure['median_ms']:>5} ms  p95 {figure['p95_ms']:>5} ms  {figure['kb']:>6} KB   {verdict}")
    print(f"  budget: {BUDGET_MS} ms median, {BUDGET_KB} KB per page")
    return figures


if __name__ == "__main__":
    results = main()
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "kiosk.json").write_text(json.dumps(results, indent=2) + "\n")
