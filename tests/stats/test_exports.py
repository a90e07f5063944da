"""Downloads of the statistics: CSV and XLSX per figure, the whole month as a workbook, the report as PDF."""

import csv
import io
import subprocess
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from intake.models import VisitStatus
from referrals.models import Office
from stats.exports import neutralise
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def october():
    for day in range(1, 8):
        visitor = factories.VisitorFactory(name="Canary Export")
        visit = factories.VisitFactory(visitor=visitor, arrived_at=datetime(2026, 10, day, 9, tzinfo=UTC), status=VisitStatus.DONE, concerns=["sgb2"])
        office = Office.objects.filter(name="=HYPERLINK(\"http://evil\")").first() or factories.OfficeFactory(name="=HYPERLINK(\"http://evil\")")
        factories.ReferralFactory(visitor=visitor, visit=visit, office=office, created_at=visit.arrived_at)
    # Two e-mail contacts: a small cell; beside the total it hides the next smallest cell (phone) too.
    for day in (3, 4):
        factories.VisitFactory(arrived_at=datetime(2026, 10, day, 9, tzinfo=UTC), channel="email")
    for day in (5, 6, 7, 8):
        factories.VisitFactory(arrived_at=datetime(2026, 10, day, 9, tzinfo=UTC), channel="phone")


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_a_figure_downloads_as_csv_with_small_cells_hidden(teamlead_client, october):
    response = teamlead_client.get(reverse("stats:month-export", kwargs={"month": "2026-10", "figure": "contacts-by-channel", "fmt": "csv"}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = {row[0]: row[1:] for row in _csv(response)}
    assert rows["persönlich vor Ort"] == ["7"]
    assert rows["E-Mail"] == ["< 3"]
    assert rows["Telefon"] == ["< 3"]  # 13 − 7 − 4 would otherwise reveal the two e-mails
    assert rows["Alle Kontakte"] == ["13"]
    assert "1" not in rows["E-Mail"] and "2" not in rows["E-Mail"]


def test_a_cell_that_looks_like_a_formula_is_neutralised(teamlead_client, october):
    response = teamlead_client.get(reverse("stats:month-export", kwargs={"month": "2026-10", "figure": "referrals-by-office", "fmt": "csv"}))
    labels = [row[0] for row in _csv(response)]
    assert "'=HYPERLINK(\"http://evil\")" in labels
    assert not any(label.startswith(("=", "+", "-", "@")) for label in labels)


@pytest.mark.parametrize("text", ["=1+1", "+49 711", "-3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_triggers_get_an_apostrophe(text):
    assert neutralise(text) == "'" + text


def test_a_figure_downloads_as_xlsx_without_formulas(teamlead_client, october):
    response = teamlead_client.get(reverse("stats:month-export", kwargs={"month": "2026-10", "figure": "referrals-by-office", "fmt": "xlsx"}))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert "'=HYPERLINK(\"http://evil\")" in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert 7 in values  # counts stay numbers a spreadsheet can add up


def test_the_whole_month_downloads_as_one_workbook(teamlead_client, october):
    response = teamlead_client.get(reverse("stats:month-export", kwargs={"month": "2026-10", "figure": "all", "fmt": "xlsx"}))
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) >= 15
    text = " ".join(str(cell.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row if cell.value)
    assert "Canary" not in text
    assert "< 3" in text


def test_an_unknown_figure_is_not_found(teamlead_client):
    response = teamlead_client.get(reverse("stats:month-export", kwargs={"month": "2026-10", "figure": "names", "fmt": "csv"}))
    assert response.status_code == 404


def test_a_year_figure_downloads(teamlead_client, october):
    response = teamlead_client.get(reverse("stats:year-export", kwargs={"year": 2026, "figure": "year-months", "fmt": "csv"}))
    rows = _csv(response)
    assert rows[0][0] == "Gruppe"
    october_row = next(row for row in rows if row[0] == "Oktober")
    assert october_row[1] == "13"


def test_the_monthly_report_is_a_pdf_with_the_figures(teamlead_client, october, tmp_path):
    response = teamlead_client.get(reverse("stats:month-report", kwargs={"month": "2026-10"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Monatsbericht Oktober 2026" in text
    assert "Kontakte nach Kanal" in text
    assert "So wird gezählt" in text
    assert "Canary" not in text
