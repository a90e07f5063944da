"""The visitor's printout reads the engine's route (issue 18): the benefits in route order with
the amount each office pays in the route, the household's money with the route, "not needed"
only for what the route replaces, amounts in each section's language; old checks print their
stored priority."""

import copy
import re
import subprocess

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from infopoint.lib.money import format_money, format_percent
from infopoint.lib.pdf import print_context
from referrals.demo_offices import DEMO_OFFICES
from referrals.models import Office
from screening.models import ScreeningRun
from screening.printout import printout_context
from screening.services import screening_run_create
from tests.screening.households import MOTHER

pytestmark = pytest.mark.django_db

# The same mother without a wage: the route goes to Bürgergeld; nothing is replaced.
WITHOUT_WAGE = {**MOTHER, "members": [{**MOTHER["members"][0], "incomes": []}, *MOTHER["members"][1:]]}


@pytest.fixture
def offices():
    for entry in DEMO_OFFICES:
        Office.objects.create(**entry)


@pytest.fixture
def mother(advisor, offices):
    return screening_run_create(household=MOTHER, actor=advisor)


def sheet(run, language: str) -> dict[str, str]:
    """The printout's HTML, per section language."""
    html = render_to_string("screening/printout.html", {**print_context(), **printout_context(run, language)})
    parts = re.split(r'<section class="print-section" lang="(\w+)"', html)[1:]
    return dict(zip(parts[::2], parts[1::2], strict=True))


def programs_in_order(section: str) -> list[str]:
    return re.findall(r'data-program="(\w+)"', section)


def test_the_route_is_listed_in_order_with_what_each_office_pays(mother):
    german = sheet(mother, "de")["de"]
    assert programs_in_order(german) == ["kindergeld", "uvg", "wohngeld", "kiz"]
    for amount in ("518,00 €", "526,00 €", "634,00 €", "357,00 €"):
        assert f'etwa <bdi dir="ltr" class="money">{amount}</bdi> im Monat' in german
    assert "Familienkasse Baden-Württemberg" in german and "Nordbahnhofstraße 30–34, 70191 Stuttgart" in german
    assert "Jugendamt Stuttgart" in german and "Wohngeldstelle Stuttgart" in german
    assert 'Ihr Haushalt etwa <bdi dir="ltr" class="money">2.935,00 €</bdi> im Monat' in german


def test_not_needed_only_for_what_the_route_replaces_and_no_alternative_money(mother):
    german = sheet(mother, "de")["de"]
    assert german.count("nicht nötig") == 1
    assert (
        '<strong><bdi lang="de">Bürgergeld / Grundsicherungsgeld</bdi></strong>: nicht nötig, weil '
        '<bdi lang="de">Wohngeld</bdi> und <bdi lang="de">Kinderzuschlag</bdi> den Bedarf decken.'
    ) in german
    # The alternative route (Bürgergeld 851,68 €, 2.795,68 € in all) and the stand-alone
    # Bürgergeld (1.377,68 €) are for the advisor, never money on the visitor's sheet.
    for amount in ("851,68", "2.795,68", "1.377,68", "1371.00", "634.00"):
        assert amount not in german
    assert "Hilfe zum Lebensunterhalt" not in german  # not claimable, but not "not needed" either


def test_a_programme_that_is_simply_not_claimable_is_never_called_not_needed(advisor, offices):
    run = screening_run_create(household=WITHOUT_WAGE, actor=advisor)
    assert run.result["route"]["instead_of"] == []
    sections = sheet(run, "en")
    assert "nicht nötig" not in sections["de"] and "not needed" not in sections["en"]
    assert "sgb2" in programs_in_order(sections["de"])
    assert programs_in_order(sections["de"]) == [claim["program"] for claim in run.result["route"]["claims"]]


def test_the_visitors_language_has_its_own_number_format(mother):
    english = sheet(mother, "en")["en"]
    assert "€518.00" in english and "€2,935.00" in english
    assert "518,00" not in english
    assert english.count("not needed") == 1
    assert 'Wohngeld</bdi> and <bdi lang="de">Kinderzuschlag</bdi> cover the need' in english
    ukrainian = sheet(mother, "uk")["uk"]
    assert "2\u00a0935,00 €" in ukrainian


def test_arabic_is_right_to_left_with_german_names_isolated(mother):
    sections = sheet(mother, "ar")
    assert list(sections) == ["de", "ar"]
    arabic = sections["ar"]
    assert arabic.startswith(' dir="rtl"')
    assert programs_in_order(arabic) == ["kindergeld", "uvg", "wohngeld", "kiz"]
    assert "غير ضروري" in arabic and arabic.count("غير ضروري") == 1
    assert '<bdi lang="de">Wohngeld</bdi> و<bdi lang="de">Kinderzuschlag</bdi> يغطيان' in arabic
    assert '<bdi dir="ltr" class="money">2.935,00 €</bdi>' in arabic


def test_a_check_stored_before_routes_prints_its_stored_priority(mother):
    old = copy.deepcopy(mother.result)
    del old["route"]
    old["priority"] = {
        "claim": ["kindergeld", "uvg", "sgb2"],
        "instead_of": ["wohngeld", "kiz"],
        "reason": "Alt.",
        "citation": "§ 12a SGB II",
    }
    ScreeningRun.objects.filter(pk=mother.pk).update(result=old)
    mother.refresh_from_db()
    german = sheet(mother, "de")["de"]
    assert programs_in_order(german) == ["kindergeld", "uvg", "sgb2"]
    assert "im Monat" not in german.split("Bitte mitbringen")[0]  # no amounts per route
    assert (
        "Wenn diese Leistungen bewilligt werden, brauchen Sie nicht: <strong>Wohngeld</strong>, <strong>Kinderzuschlag</strong>"
        in german
    )
    assert "nach früheren Regeln gespeichert" in german
    assert "nicht nötig, weil" not in german


def test_the_pdf_of_the_single_mother(advisor_client, mother, tmp_path):
    response = advisor_client.get(reverse("screening:run-print", kwargs={"pk": mother.pk}) + "?lang=ar")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    german = text.split("\x0c")[0]
    positions = [
        german.index(name) for name in ("1. Kindergeld", "2. Unterhaltsvorschuss", "3. Wohngeld", "4. Kinderzuschlag")
    ]
    assert positions == sorted(positions)
    assert "357,00 €" in german and "2.935,00 €" in german
    assert "nicht nötig, weil Wohngeld und Kinderzuschlag den Bedarf decken" in " ".join(german.split())


@pytest.mark.parametrize(
    ("language", "money", "percent"),
    [
        ("de", "1.371,00 €", "62,76 %"),
        ("en", "€1,371.00", "62.76%"),
        ("tr", "€1.371,00", "%62,76"),
        ("ar", "1.371,00 €", "62,76 %"),
        ("ru", "1\u00a0371,00 €", "62,76 %"),
    ],
)
def test_amounts_and_percentages_in_each_language(language, money, percent):
    assert format_money("1371", language) == money
    assert format_percent("62.764", language) == percent


def test_when_the_first_claims_end_the_need_the_sentence_says_so(mother):
    result = copy.deepcopy(mother.result)
    result["route"]["reason"] = {"code": "first_claims_end_need", "message": "…", "citation": "§ 12a Satz 1 SGB II"}
    ScreeningRun.objects.filter(pk=mother.pk).update(result=result)
    mother.refresh_from_db()
    sections = sheet(mother, "tr")
    assert "nicht nötig, weil die Leistungen oben den Bedarf decken." in sections["de"]
    assert "gerekli değil, çünkü yukarıdaki yardımlar ihtiyacı karşılıyor." in sections["tr"]
    assert "€2.935,00" in sections["tr"]
