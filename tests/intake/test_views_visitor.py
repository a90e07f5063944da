import subprocess

import pytest
from django.urls import reverse

from tests import factories

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
