"""In-process figures with the test client: SQL queries per page, and PDF render times.

    python -m benchmarks.inprocess queries FIXTURE.json   # queries per request of every measured page
    python -m benchmarks.inprocess pdf NAME FIXTURE.json  # one PDF: cold (first in a fresh process) and warm

Run with benchmarks.settings and the production environment set by benchmarks/run.py.
"""

from __future__ import annotations

import json
import logging
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WARM_RUNS = 5


def _clients(fixture: dict) -> dict:
    from django.conf import settings  # noqa: PLC0415
    from django.contrib.auth.models import User  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    advisor = Client(HTTP_HOST="localhost")
    advisor.force_login(User.objects.get(username=fixture["advisor_username_for_pages"]))
    lead = Client(HTTP_HOST="localhost")
    lead.force_login(User.objects.get(username=fixture["lead"]))
    kiosk = Client(HTTP_HOST="localhost")
    kiosk.cookies[settings.KIOSK_COOKIE_NAME] = fixture["kiosk_cookie"]
    return {"advisor": advisor, "lead": lead, "kiosk": kiosk, "anonymous": Client(HTTP_HOST="localhost")}


def _form_data(client, page) -> dict | None:
    """What the page's form sends; a kiosk form also its kiosk session's value (issue 21), read
    from the page as a browser would — before the measured request, not inside it."""
    data = dict(page.data or {})
    if page.method == "POST" and page.path.startswith("/kiosk/"):
        found = re.search(rb'name="kiosk_session" value="([^"]+)"', client.get(page.path).content)
        data["kiosk_session"] = found.group(1).decode() if found else ""
    return data or None


def _get(client, page, data=None):
    headers = {"HX-Request": "true"} if page.htmx else {}
    method = client.post if page.method == "POST" else client.get
    return method(page.path, data if data is not None else (page.data or None), headers=headers)


def queries(fixture: dict) -> dict:
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from benchmarks.pages import pages  # noqa: PLC0415

    clients = _clients(fixture)
    counts = {}
    for page in pages(fixture):
        client = clients[page.role]
        data = _form_data(client, page)
        _get(client, page, data)  # the first request of a session may do one-off work (CSRF cookie, language)
        with CaptureQueriesContext(connection) as captured:
            response = _get(client, page, data)
        counts[page.key] = {"queries": len(captured), "status": response.status_code}
    return counts


class _Collected(logging.Handler):
    """WeasyPrint's complaints (a stylesheet, font or image it could not load): a PDF without them only looks right."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage()[:200])


def pdf(name: str, fixture: dict) -> dict:
    from benchmarks.pages import Page  # noqa: PLC0415

    complaints = _Collected()
    logging.getLogger("weasyprint").addHandler(complaints)

    paths = {
        "receipt": (f"/openarea/receipts/{fixture['receipt']}/pdf/", "advisor"),
        "screening": (f"/screening/runs/{fixture['screening_run']}/print.pdf?lang=ar", "advisor"),
        "slip": (f"/referrals/{fixture['referral']}/slip/?lang=tr", "advisor"),
        "report": (f"/stats/{fixture['closed_month']}/report.pdf", "lead"),
    }
    path, role = paths[name]
    if name == "receipt":
        # The receipt view serves the PDF stored at issue; what costs is rendering it, timed here.
        from openarea.models import Receipt  # noqa: PLC0415
        from openarea.receipts.pdf import receipt_pdf  # noqa: PLC0415

        receipt = Receipt.objects.get(pk=fixture["receipt"])
        render = lambda: receipt_pdf(receipt, verify_url=f"https://infopoint.example/verify/{receipt.verification_code}")  # noqa: E731
    else:
        client, page = _clients(fixture)[role], Page(name, name, path, role, "pdf")
        render = lambda: _get(client, page)  # noqa: E731
    start = time.perf_counter()
    result = render()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(WARM_RUNS):
        start = time.perf_counter()
        result = render()
        warm.append(time.perf_counter() - start)
    if name == "receipt":
        body, status = bytes(result), 200
    else:
        body, status = result.content, result.status_code
    ok = status == 200 and body.startswith(b"%PDF") and not complaints.messages
    return {
        "path": path, "status": status, "ok": ok, "bytes": len(body),
        "cold_ms": round(cold * 1000, 1), "warm_ms": round(statistics.median(warm) * 1000, 1),
        "weasyprint_complaints": complaints.messages[:5],
    }  # fmt: skip


if __name__ == "__main__":
    import django

    django.setup()
    fixture = json.loads(Path(sys.argv[-1]).read_text())
    print(json.dumps(queries(fixture) if sys.argv[1] == "queries" else pdf(sys.argv[2], fixture)))
