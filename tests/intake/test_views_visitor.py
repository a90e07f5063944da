import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.models import CaseNote, FollowUp, VisitStatus
from screening.models import ScreeningRun
from tests import factories
from tests.query_counts import queries_of

pytestmark = pytest.mark.django_db


def test_the_visitor_page_shows_code_and_contacts(advisor_client):
    visit = factories.VisitFactory(visitor=factories.VisitorFactory(name="Frau Weber", district="west"))
    content = advisor_client.get(reverse("intake:visitor-detail", kwargs={"code": visit.visitor.code})).content.decode()
    assert "Frau Weber" in content
    assert visit.visitor.code in content
    assert "West" in content


def test_an_unknown_code_is_not_found(advisor_client):
    assert advisor_client.get(reverse("intake:visitor-detail", kwargs={"code": "ZZZZZZ"})).status_code == 404


def test_codes_are_found_in_lower_case_too(advisor_client):
    visitor = factories.VisitFactory().visitor
    url = reverse("intake:visitor-detail", kwargs={"code": visitor.code.lower()})
    assert advisor_client.get(url).status_code == 200


def test_the_visitor_sheet_is_a_pdf_with_the_code(advisor_client, tmp_path):
    visitor = factories.VisitFactory().visitor
    response = advisor_client.get(reverse("intake:visitor-sheet", kwargs={"code": visitor.code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # The code is printed letter-spaced for reading aloud; pdftotext may split it.
    assert visitor.code in text.replace(" ", "")
    assert "Öffnungszeiten" in text


def _history(visitor, advisor, contacts: int, receipts: int):
    """Contacts with a check each, notes, follow-ups, referrals and receipts, as a regular collects them."""
    for number in range(contacts):
        visit = factories.VisitFactory(visitor=visitor, status=VisitStatus.DONE, advisor=advisor)
        ScreeningRun.objects.create(input_data={}, result={}, as_of=timezone.localdate(), rules_version="test", param_digest="test", advisor=advisor, organisation="jobcenter", visit=visit)
        CaseNote.objects.create(visitor=visitor, author=advisor, organisation="jobcenter", text=f"Notiz {number}")
        FollowUp.objects.create(visitor=visitor, task=f"Aufgabe {number}", due_on=timezone.localdate(), assigned_to=advisor, organisation="jobcenter")
        factories.ReferralFactory(visitor=visitor, visit=visit, created_by=advisor, organisation="jobcenter")
    for _ in range(receipts):
        factories.receipt(actor=advisor, visit=visit)


def test_the_visitor_page_needs_as_many_queries_for_30_contacts_as_for_3(advisor_client, advisor):
    visitor = factories.VisitorFactory()
    url = reverse("intake:visitor-detail", kwargs={"code": visitor.code})
    _history(visitor, advisor, contacts=3, receipts=1)
    few = queries_of(advisor_client, url)
    _history(visitor, advisor, contacts=27, receipts=2)
    many = queries_of(advisor_client, url)
    everything = queries_of(advisor_client, url + "?contacts=all")
    # Session, user with roles, visitor, audit entry, contacts, their checks, referrals, receipts,
    # follow-ups, notes (the request's BEGIN and COMMIT come on top outside tests).
    assert len(few) == len(many) == len(everything) <= 10


def test_the_visitor_page_shows_the_latest_20_contacts_and_all_on_asking(advisor_client, advisor):
    visitor = factories.VisitorFactory()
    url = reverse("intake:visitor-detail", kwargs={"code": visitor.code})
    _history(visitor, advisor, contacts=21, receipts=0)
    page = advisor_client.get(url)
    assert len(page.context["visits"]) == 20
    assert "Es werden nur die letzten Kontakte angezeigt." in page.content.decode()
    everything = advisor_client.get(url + "?contacts=all")
    assert len(everything.context["visits"]) == 21
    assert "Es werden nur die letzten Kontakte angezeigt." not in everything.content.decode()


def test_a_visitor_with_20_contacts_sees_them_all_without_a_hint(advisor_client, advisor):
    visitor = factories.VisitorFactory()
    _history(visitor, advisor, contacts=20, receipts=0)
    page = advisor_client.get(reverse("intake:visitor-detail", kwargs={"code": visitor.code}))
    assert len(page.context["visits"]) == 20
    assert "Alle Kontakte anzeigen" not in page.content.decode()


def test_each_contact_links_its_checks_by_number(advisor_client, advisor):
    visitor = factories.VisitorFactory()
    _history(visitor, advisor, contacts=2, receipts=0)
    run = ScreeningRun.objects.filter(visit__visitor=visitor).first()
    content = advisor_client.get(reverse("intake:visitor-detail", kwargs={"code": visitor.code})).content.decode()
    assert f'href="{run.get_absolute_url()}">Prüfung Nr. {run.pk}</a>' in content
