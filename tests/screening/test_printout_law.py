"""The visitor's printout says once on which state of the law it estimates, and stars the
provisional amounts with one footnote (issue 20)."""

import re
import subprocess

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from infopoint.lib.pdf import print_context
from screening.printout import printout_context
from tests.screening.law_fixtures import stored_run

pytestmark = pytest.mark.django_db


def sheet(run, language: str) -> dict[str, str]:
    html = render_to_string("screening/printout.html", {**print_context(), **printout_context(run, language)})
    parts = re.split(r'<section class="print-section" lang="(\w+)"', html)[1:]
    return dict(zip(parts[::2], parts[1::2], strict=True))


def test_the_sheet_says_once_that_it_estimates_on_the_law_of_the_day(advisor):
    german = sheet(stored_run(advisor=advisor, name="mother_2026-12-07"), "de")["de"]
    assert german.count("Schätzung nach dem Rechtsstand vom 07.12.2026.") == 1
    assert "*" not in re.sub(r"<[^>]+>", "", german)
    assert "vorläufig" not in german


def test_provisional_amounts_get_a_star_and_one_footnote_naming_the_families(advisor):
    german = sheet(stored_run(advisor=advisor, name="mother_2027-01-15"), "de")["de"]
    assert german.count("Schätzung nach dem Rechtsstand vom 15.01.2027.") == 1
    claims = dict(re.findall(r'data-program="(\w+)">(.*?)</li>', german, re.S))
    assert '<sup class="provisional-mark">*</sup>' in claims["wohngeld"]
    assert '<sup class="provisional-mark">*</sup>' in claims["kiz"]
    assert "provisional-mark" not in claims["kindergeld"]
    assert german.count('class="footnote provisional-note"') == 1
    note = " ".join(re.sub(r"<[^>]+>", "", german[german.index("provisional-note") :].split("</p>")[0]).split())
    assert "vorläufig: die Werte für Regelbedarf und Wohngeld sind noch nicht amtlich bekannt." in note


def test_the_visitors_language_section_has_its_own_footnote(advisor):
    sections = sheet(stored_run(advisor=advisor, name="mother_2027-01-15"), "ar")
    assert sections["ar"].count("provisional-note") == 1
    assert 'قيم <bdi lang="de">Regelbedarf</bdi> و<bdi lang="de">Wohngeld</bdi> غير معروفة رسميًا بعد' in sections["ar"]
    assert "تقدير وفق القانون كما كان معروفًا في 15.01.2027." in sections["ar"]


def test_a_check_saved_before_the_law_block_prints_the_estimate_line_without_stars(advisor):
    german = sheet(stored_run(advisor=advisor, name="mother_saved_before_law"), "de")["de"]
    assert "Schätzung nach dem Rechtsstand vom 07.12.2026." in german
    assert "provisional" not in german


def test_the_pdf_reads_the_estimate_line_and_the_footnote(advisor_client, advisor, tmp_path):
    run = stored_run(advisor=advisor, name="mother_2027-01-15")
    response = advisor_client.get(reverse("screening:run-print", kwargs={"pk": run.pk}))
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert flat.count("Schätzung nach dem Rechtsstand vom 15.01.2027.") == 1
    assert "vorläufig: die Werte für Regelbedarf und Wohngeld sind noch nicht amtlich bekannt." in flat
