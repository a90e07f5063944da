"""Hostile text stored in every field that is shown again stays text on every page, print and export.

One payload (XSS, template syntax, SQL, right-to-left override) goes into visitor, notes,
follow-ups, referrals, offices, receipts, yellow cards, events and forms; then every page of
the access matrix (and the pages linked from there) is opened as every role. Wherever the
payload shows up it must be escaped: never a live ``<script``/``onerror``, never an evaluated
``{{7*7}}``; in PDFs the angle brackets are printed as text; CSV/XLSX cells never start a formula.
"""

from __future__ import annotations

import csv
import io
import subprocess
import tempfile

import pytest
from django.utils.html import escape

from infopoint.lib.roles import Role
from tests import factories, summary
from tests.infopoint.test_access_matrix import _own_urls, sample_kwargs  # noqa: F401 (fixture)
from tests.security.forms_found import crawl
from tests.security.test_fuzz_forms import _may_open

PAYLOAD = "\"><script>alert(1)</script><img src=x onerror=alert(1)>{{7*7}}' OR 1=1 --\u202e"
# A live tag, or the template syntax evaluated ({{7*7}} → 49).
LIVE = ("<script>alert(1)", "<img src=x onerror", "49' OR", "49&#x27; OR")


@pytest.fixture
def payload_everywhere(sample_kwargs, advisor):  # noqa: F811
    from infopoint.lib.audited_bulk import audited_bulk
    from intake.models import Event, FollowUp, Visitor
    from intake.services import note_add
    from openarea.models import PrintableForm
    from referrals.models import Office, Referral

    with audited_bulk("test setup: payloads"):
        Visitor.objects.update(name=PAYLOAD, description=PAYLOAD)
        visitor = Visitor.objects.get(code=sample_kwargs["code"])
        note_add(visitor=visitor, actor=advisor, text=PAYLOAD)
        FollowUp.objects.update(task=PAYLOAD[:200])
        Referral.objects.update(
            reason=PAYLOAD, sharing_purpose=PAYLOAD, appointment_place=PAYLOAD, appointment_contact=PAYLOAD
        )
        for office in Office.objects.all():
            Office.objects.filter(pk=office.pk).update(
                name=f"{PAYLOAD} {office.pk}", transit_stop=PAYLOAD, opening_hours=PAYLOAD
            )
        PrintableForm.objects.update(title_de=PAYLOAD, who_needs_it_de=PAYLOAD)
    Event.objects.create(
        kind=Event._meta.get_field("kind").choices[0][0],
        date=sample_kwargs_date(),
        place=PAYLOAD,
        partner=PAYLOAD,
        attendees=3,
        created_by=advisor,
        organisation="jobcenter",
    )
    _yellow_cards_with_payload()
    receipt = factories.receipt(
        actor=advisor,
        applicant_name=PAYLOAD,
        remarks=PAYLOAD,
        items=[{"kind": "attachment", "description": PAYLOAD, "pages": 1}],
    )
    return {
        **sample_kwargs,
        "receipt": receipt.pk,
        "office": receipt.office_id,
        "verification_code": receipt.verification_code,
    }


def sample_kwargs_date():
    from django.utils import timezone

    return timezone.localdate()


def _yellow_cards_with_payload():
    from infopoint.lib.audited_bulk import audited_bulk
    from openarea.models import YellowCard

    with audited_bulk("test setup: payloads"):
        YellowCard.objects.update(text=PAYLOAD, contact_name=PAYLOAD[:100], contact_phone=PAYLOAD[:40])


def _pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf.name, "-"], capture_output=True)
    # The catalogue serves uploaded files as they are; the samples' uploads are stubs, not PDFs.
    return done.stdout.decode() if done.returncode == 0 else ""


def _xlsx_cells(content: bytes) -> list[str]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    return [
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def inert_problems(url: str, content_type: str, body: bytes) -> tuple[bool, list[str]]:
    """(whether the payload is on this page, what is wrong with how it is shown)."""
    if content_type.startswith("application/pdf"):
        text = _pdf_text(body)
        shown = "alert(1)" in text
        # Printed as text, the tags survive; interpreted as HTML they would vanish.
        return shown, (
            [] if not shown or "<script>alert(1)</script>" in text.replace("\n", "") else [f"{url}: PDF lost the tags"]
        )
    if content_type.startswith("text/csv"):
        cells = [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]
        return any("alert(1)" in c for c in cells), [
            f"{url}: formula cell {c!r}" for c in cells if c[:1] in "=+-@" and not _number(c)
        ]
    if "spreadsheetml" in content_type:
        cells = _xlsx_cells(body)
        return any("alert(1)" in c for c in cells), [
            f"{url}: formula cell {c!r}" for c in cells if c[:1] in "=+-@" and not _number(c)
        ]
    text = body.decode("utf-8", "replace")
    problems = [f"{url}: live {live!r}" for live in LIVE if live in text]
    shown = "alert(1)" in text
    if shown and "text/html" in content_type and escape(PAYLOAD) not in text and escape(PAYLOAD[:40]) not in text:
        problems.append(f"{url}: payload shown but not as escaped text")
    return shown, problems


def _number(cell: str) -> bool:
    try:
        float(cell.replace(",", "."))
    except ValueError:
        return False
    return True


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.ADVISOR, Role.TEAMLEAD, Role.ADMIN, Role.KIOSK, Role.ANONYMOUS])
def test_stored_payloads_are_shown_as_text_on_every_page(role, clients_by_role, payload_everywhere):
    client = clients_by_role[role]
    urls = [url for name, url in _own_urls(payload_everywhere) if _may_open(role)(name)]
    problems, shown_on = [], []
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        shown, wrong = inert_problems(url, response.get("Content-Type", ""), _body(response))
        problems += wrong
        if shown:
            shown_on.append(url)
    # Linked pages (a visitor's visits, the follow-up list …) render the same data elsewhere.
    for url, html in crawl(client, urls, _may_open(role)).items():
        if url not in urls:
            shown, wrong = inert_problems(url, "text/html", html.encode())
            problems += wrong
            shown_on += [url] if shown else []
    assert problems == []
    if role in (Role.ADVISOR, Role.ADMIN):
        assert len(shown_on) >= 10, f"the payload should be on many pages, found on {shown_on}"
    summary.record("payload_pages", len(shown_on))
