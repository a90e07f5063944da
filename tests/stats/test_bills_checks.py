"""Issue 19 in the statistics: per month, the contacts about energy costs or debts, the saved
checks whose result has a one-month claim, and those with a loan for debts; in the dashboard,
the exports and the monthly report, small cells suppressed. The claims are added to results by
hand, so that the counts do not depend on the engine's figures."""

import copy
import csv
import io
import subprocess
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from infopoint.lib.audited_bulk import audited_bulk
from screening.models import ScreeningRun
from screening.rules import evaluate_json
from screening.services import screening_run_create
from stats.counting import count_bills, live_counts
from stats.dashboard import month_figures
from stats.selectors import months_counts
from tests.screening.households import MOTHER

pytestmark = pytest.mark.django_db
OCTOBER = date(2026, 10, 1)
CLAIM = {"program": "sgb2", "month": "2026-10", "monthly_amount": "784.00", "apply_by": "2026-10-31", "office": "jobcenter",
         "reason": {"code": "one_off_need_exceeds_income", "message": "…", "citation": "§ 22 Abs. 1 SGB II"}, "steps": []}  # fmt: skip
LOAN = {"program": "sgb2_debt_loan", "status": "possible", "office": "jobcenter", "amount": "900.00",
        "reasons": [{"code": "energy_disconnection_threat", "message": "…", "citation": "§ 22 Abs. 8 SGB II"}]}  # fmt: skip


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=UTC), tick=False):
        yield


def _run(advisor, base, created_at, *, claims=None, loans=None, keys=True):
    result = copy.deepcopy(base)
    if keys:
        result["one_month_claims"] = claims or []
        result["loans"] = loans or []
    run = screening_run_create(household=MOTHER, actor=advisor)
    with audited_bulk("test: a result with bills and debts added by hand, saved on a given day"):
        ScreeningRun.objects.filter(pk=run.pk).update(result=result, created_at=created_at)
    return run


@pytest.fixture
def october(advisor):
    base = evaluate_json(MOTHER)
    assert base["one_month_claims"] == [] and base["loans"] == []  # no bills entered: the claims come by hand
    for day in (2, 3, 4, 5):  # four checks with a one-month claim, two of them also with a loan
        _run(advisor, base, datetime(2026, 10, day, 9, tzinfo=UTC), claims=[CLAIM], loans=[LOAN] if day < 4 else None)
    _run(advisor, base, datetime(2026, 10, 6, 9, tzinfo=UTC))  # empty lists
    _run(advisor, base, datetime(2026, 10, 7, 9, tzinfo=UTC), keys=False)  # saved before issue 19
    # 23:30 UTC on 31 October is already November in Berlin; 22:30 UTC on 30 September is October.
    _run(advisor, base, datetime(2026, 10, 31, 23, 30, tzinfo=UTC), claims=[CLAIM], loans=[LOAN])
    _run(advisor, base, datetime(2026, 9, 30, 22, 30, tzinfo=UTC), claims=[CLAIM])


def test_checks_with_a_one_month_claim_and_with_a_loan_are_counted_per_local_month(october):
    counts = count_bills(OCTOBER)
    assert counts == {("checks.bills", "one_month_claim"): 5, ("checks.bills", "loan"): 2, ("checks.bills", "energy_or_debt_contact"): 0}
    assert count_bills(date(2026, 11, 1)) == {("checks.bills", "one_month_claim"): 1, ("checks.bills", "loan"): 1, ("checks.bills", "energy_or_debt_contact"): 0}
    assert live_counts(OCTOBER)[("checks.bills", "loan")] == 2  # part of every month's counts (and so of closing)


def test_the_count_is_the_json_lookup_on_the_result(october):
    from stats.months import month_bounds

    start, end = month_bounds(OCTOBER)
    runs = ScreeningRun.objects.filter(created_at__gte=start, created_at__lt=end)
    assert runs.filter(result__one_month_claims__0__isnull=False).count() == count_bills(OCTOBER)[("checks.bills", "one_month_claim")]
    assert runs.filter(result__loans__0__isnull=False).count() == count_bills(OCTOBER)[("checks.bills", "loan")]


def test_a_month_without_checks_counts_nothing():
    assert count_bills(OCTOBER) == {("checks.bills", "one_month_claim"): 0, ("checks.bills", "loan"): 0, ("checks.bills", "energy_or_debt_contact"): 0}


def test_contacts_about_energy_costs_or_debts_are_counted_once_each():
    from tests.factories import VisitFactory

    for concerns in (["energy"], ["rent_debts", "sgb2"], ["debts", "energy"], ["sgb2"], []):
        VisitFactory(arrived_at=datetime(2026, 10, 5, 9, tzinfo=UTC), concerns=concerns)
    VisitFactory(arrived_at=datetime(2026, 11, 2, 9, tzinfo=UTC), concerns=["energy"])  # another month
    assert count_bills(OCTOBER)[("checks.bills", "energy_or_debt_contact")] == 3


def _figure(month=OCTOBER):
    year = months_counts([date(2026, number, 1) for number in range(1, month.month + 1)])
    last_year = months_counts([date(month.year - 1, month.month, 1)])[date(month.year - 1, month.month, 1)]
    return next(figure for figure in month_figures(year[month], year, last_year) if figure.key == "checks-bills-debts")


def test_the_dashboard_shows_them_with_small_cells_hidden(october):
    with translation.override("en"):
        figure = _figure()
    cells = {row.key: row.cells[0] for row in figure.rows}
    assert cells["one_month_claim"].value == 5
    assert cells["loan"].value is None and cells["loan"].display == "< 3"
    assert figure.total is None  # a check can count in both rows: no total to add up


def test_the_dashboard_page_and_the_csv_export_show_the_figure(teamlead_client, october):
    page = teamlead_client.get(reverse("stats:month", kwargs={"month": "2026-10"})).content.decode()
    assert "Rechnungen und Schulden" in page
    response = teamlead_client.get(reverse("stats:month-export", kwargs={"month": "2026-10", "figure": "checks-bills-debts", "fmt": "csv"}))
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(response.content.decode("utf-8")[1:]), delimiter=";")}
    assert rows["Prüfungen mit Anspruch für einen Monat"] == ["5"]
    assert rows["Prüfungen mit Darlehen für Schulden"] == ["< 3"]
    assert rows["Kontakte zu Energiekosten oder Schulden"] == ["0"]


def test_the_monthly_report_has_the_figure(teamlead_client, october, tmp_path):
    response = teamlead_client.get(reverse("stats:month-report", kwargs={"month": "2026-10"}))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Rechnungen und Schulden" in text
    assert "Prüfungen mit Anspruch für einen Monat" in text
