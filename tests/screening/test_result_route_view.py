"""What the advisor sees at the counter (issue 18): the route leads, the alternatives are a
comparison, the cards say the route's amount or why a programme is not in it."""

import copy
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from referrals.models import Benefit, OfficeKind
from screening.labels import money_text
from screening.services import screening_run_create
from tests.factories import OfficeFactory, VisitFactory
from tests.screening.households import MOTHER, PENSIONER

pytestmark = pytest.mark.django_db



@pytest.fixture
def offices():
    return {
        "familienkasse": OfficeFactory(name="Familienkasse Baden-Württemberg", kind=OfficeKind.FAMILIENKASSE, street="Nordbahnhofstraße 30–34", postcode="70191", benefits=[Benefit.KINDERGELD, Benefit.KINDERZUSCHLAG]),
        "jugendamt": OfficeFactory(name="Jugendamt Stuttgart", kind=OfficeKind.JUGENDAMT, benefits=[Benefit.UNTERHALTSVORSCHUSS]),
        "wohngeldstelle": OfficeFactory(name="Wohngeldstelle Stuttgart", kind=OfficeKind.WOHNGELDSTELLE, benefits=[Benefit.WOHNGELD]),
        "jobcenter": OfficeFactory(name="Jobcenter Stuttgart", kind=OfficeKind.JOBCENTER, benefits=[Benefit.SGB2]),
        "sozialamt": OfficeFactory(name="Sozialamt Stuttgart", kind=OfficeKind.SOZIALAMT, benefits=[Benefit.SGB12]),
    }


def text(html: str) -> str:
    """The page as a person reads it: tags gone, white space collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&#x27;", "'")


def section(page: str, css_class: str) -> str:
    start = page.index(f'class="{css_class}') if f'class="{css_class}' in page else page.index(css_class)
    return page[start:]


@pytest.fixture
def mother_run(advisor, offices):
    return screening_run_create(household=MOTHER, actor=advisor, visit=VisitFactory())


def test_the_route_leads_with_the_claims_in_order_each_with_office_and_amount(advisor_client, mother_run):
    page = advisor_client.get(mother_run.get_absolute_url()).content.decode()
    route = text(page[page.index('class="kern-alert kern-alert--info route"') : page.index('class="kern-table kern-table--small alternatives"')])
    assert route.index("Beantragen Sie, in dieser Reihenfolge:") < route.index("Kindergeld")
    order = [route.index(name) for name in ("Kindergeld 518,00 € im Monat", "Unterhaltsvorschuss 526,00 € im Monat", "Wohngeld 634,00 € im Monat", "Kinderzuschlag 357,00 € im Monat")]
    assert order == sorted(order)
    assert "Familienkasse Baden-Württemberg, Nordbahnhofstraße 30–34, 70191 Stuttgart" in route
    assert "Anstelle von: Bürgergeld / Grundsicherungsgeld" in route
    assert "Geld des Haushalts im Monat in dieser Reihenfolge 2.935,00 €" in route
    assert "2.452,68 € – diese Reihenfolge deckt den Bedarf" in route
    # The reason translated, with its amounts in the page's notation; the citation with it.
    assert "Mit Wohngeld und Kinderzuschlag (991,00 € im Monat)" in route
    assert "851,68 € im Monat" in route
    assert "§ 12a Satz 2 Nr. 2 SGB II" in route


def test_the_alternative_is_a_comparison_never_added_up(advisor_client, mother_run):
    page = advisor_client.get(mother_run.get_absolute_url()).content.decode()
    table = text(page[page.index('class="kern-table kern-table--small alternatives"') : page.index('class="program-list"')])
    assert "eine Alternative, kein Geld zusätzlich" in table
    assert "Mit Kindergeld + Unterhaltsvorschuss + Wohngeld + Kinderzuschlag (diese Reihenfolge) 2.935,00 € deckt den Bedarf" in table
    assert "Alternative: mit Kindergeld + Unterhaltsvorschuss + Bürgergeld / Grundsicherungsgeld" in table
    assert "2.795,68 €" in table
    assert "Nicht nötig: Mit Wohngeld und Kinderzuschlag ist der Bedarf gedeckt." in table
    assert "5.730" not in page  # the two ways are never summed


def test_cards_show_the_routes_amount_or_why_a_programme_is_not_in_the_route(advisor_client, mother_run):
    response = advisor_client.get(mother_run.get_absolute_url())
    page = response.content.decode()
    cards = {card.key: card for card in response.context["view"].cards}
    assert [card.key for card in response.context["view"].cards][:5] == ["kindergeld", "uvg", "wohngeld", "kiz", "sgb2"]
    sgb2 = text(page[page.index('data-program="sgb2"', page.index('class="program-list"')) :])
    assert "nicht nötig" in sgb2[:200]  # its badge follows the route, not the stand-alone "likely"
    assert "Nicht nötig, weil mit Kindergeld, Unterhaltsvorschuss, Wohngeld und Kinderzuschlag der Bedarf gedeckt ist." in sgb2
    assert "In dieser Reihenfolge" not in sgb2.split("Berechnung und Rechtsgrundlage")[0]
    assert "1.377,68 € im Monat" not in page  # SGB II's stand-alone amount is not an amount to expect
    assert cards["kiz"].route_amount == Decimal("357.00")
    assert "In dieser Reihenfolge: 357,00 € im Monat" in text(page)
    assert "Trifft auf diesen Haushalt nicht zu." in text(page)  # ALG I


def test_only_programmes_in_the_route_get_the_referral_button(advisor_client, mother_run):
    page = advisor_client.get(mother_run.get_absolute_url()).content.decode()
    buttons = re.findall(r"\?benefit=(\w+)&amp;run=", page)
    assert buttons == ["kindergeld", "uvg", "wohngeld", "kiz"]


def test_a_referral_from_the_check_proposes_the_routes_office(advisor_client, mother_run, offices):
    # A Jobcenter that also lists Kinderzuschlag (e.g. for advice) sorts first by name, but the
    # route names the Familienkasse for it.
    OfficeFactory(name="Agentur A", kind=OfficeKind.JOBCENTER, benefits=[Benefit.KINDERZUSCHLAG])
    url = reverse("referrals:referral-new", kwargs={"visit": mother_run.visit_id})
    response = advisor_client.get(f"{url}?benefit=kiz&run={mother_run.pk}")
    assert response.context["form"]["office"].value() == offices["familienkasse"].pk
    assert response.context["form"]["benefit"].value() == Benefit.KINDERZUSCHLAG
    # Without the check, the office is proposed by benefit as before.
    plain = advisor_client.get(f"{url}?benefit=kiz")
    assert plain.context["form"]["office"].value() != offices["familienkasse"].pk


def test_the_live_result_is_the_same_route(advisor_client, offices):
    from tests.screening.conftest import household_post

    data = household_post(**{"as_of": "2026-12-07", "m0-i0-gross": "1.150,00", "m0-i0-net": "900,00", "m1-age": "4", "housing-rent_cold": "650"})
    response = advisor_client.post(reverse("screening:calculate"), data, HTTP_HX_REQUEST="true")
    page = text(response.content.decode())
    assert "Beantragen Sie, in dieser Reihenfolge:" in page
    assert "Kinderzuschlag 357,00 € im Monat" in page
    assert "Anstelle von: Bürgergeld / Grundsicherungsgeld" in page


def test_the_pensioner_goes_to_grundsicherung_and_wohngeld_says_why_not(advisor_client, advisor, offices):
    run = screening_run_create(household=PENSIONER, actor=advisor)
    response = advisor_client.get(run.get_absolute_url())
    page = text(response.content.decode())
    assert response.context["view"].route.keys == ["sgb12_ch4"]
    assert "Grundsicherung im Alter und bei Erwerbsminderung 719,00 € im Monat Sozialamt Stuttgart" in page
    assert "1.291,00 € – diese Reihenfolge deckt den Bedarf" in page
    assert "Mit Wohngeld (613,00 € im Monat) wäre der Bedarf noch nicht gedeckt (es fehlten 106,00 € im Monat)." in page
    assert "Alternative: mit Wohngeld" in page and "deckt den Bedarf nicht" in page
    wohngeld = next(card for card in response.context["view"].cards if card.key == "wohngeld")
    assert wohngeld.status != "likely" and not wohngeld.in_route
    assert "Nicht in der Reihenfolge: Es würde den Bedarf nicht beenden, deshalb stattdessen Grundsicherung im Alter und bei Erwerbsminderung beantragen." in page


def test_amounts_in_english_and_arabic(advisor_client, mother_run):
    advisor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = advisor_client.get(mother_run.get_absolute_url()).content.decode()
    assert '<bdi dir="ltr" class="money">€2,935.00</bdi>' in page
    assert "With <bdi>Wohngeld (housing benefit)</bdi> and <bdi>Kinderzuschlag (child supplement)</bdi> (<bdi dir=\"ltr\" class=\"money\">€991.00</bdi> a month)" in page
    assert not re.search(r"\b\d{4,}\.\d\d(?![\d.])", text(page))  # no "1371.00" anywhere (the rules version 2026.12.0 aside)
    advisor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = advisor_client.get(mother_run.get_absolute_url()).content.decode()
    assert 'dir="rtl"' in page
    assert '<bdi dir="ltr" class="money">2.935,00 €</bdi>' in page
    assert "Beantragen Sie" not in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "1.371,00 €"), ("en", "€1,371.00"), ("tr", "€1.371,00"), ("ar", "1.371,00 €"), ("uk", "1\xa0371,00 €"), ("ru", "1\xa0371,00 €")],
)
def test_money_in_each_language(language, expected):
    with translation.override(language):
        assert money_text(Decimal("1371")) == expected
        assert money_text("-30.5") == expected[0:0] + money_text("-30.50")


def test_a_check_saved_before_routes_opens_with_its_stored_priority(advisor_client, mother_run):
    old = copy.deepcopy(mother_run.result)
    del old["route"]
    old["priority"]["reason"] = "Gespeicherte Begründung von früher."
    mother_run.result = old
    mother_run.save(update_fields=["result"])
    response = advisor_client.get(mother_run.get_absolute_url())
    assert response.status_code == 200
    page = text(response.content.decode())
    assert response.context["view"].route.stored_before_route
    assert "Bitte in dieser Reihenfolge beantragen" in page
    assert "Gespeicherte Begründung von früher." in page
    assert "so gezeigt, wie es gespeichert wurde" in page
    assert "Beantragen Sie, in dieser Reihenfolge:" not in page
    # It still lists, compares and prints its office note.
    assert advisor_client.get(reverse("screening:run-list")).status_code == 200


def test_the_list_of_saved_checks_shows_the_routes_claims(advisor_client, mother_run):
    page = text(advisor_client.get(reverse("screening:run-list")).content.decode())
    assert "Kindergeld 518,00 €; Unterhaltsvorschuss 526,00 €; Wohngeld 634,00 €; Kinderzuschlag 357,00 €" in page


def test_compare_shows_the_routes_before_and_after(advisor_client, advisor, mother_run):
    cheaper = copy.deepcopy(MOTHER)
    cheaper["members"][0]["incomes"][0].update(gross="2400.00", net="1700.00")
    after = screening_run_create(household=cheaper, actor=advisor, copied_from=mother_run, visit=mother_run.visit)
    response = advisor_client.get(reverse("screening:run-compare", kwargs={"pk": after.pk}))
    routes = response.context["routes"]
    page = text(response.content.decode())
    assert "Was zu beantragen ist, in dieser Reihenfolge" in page
    kiz = next(row for row in routes["rows"] if row["label"] == "Kinderzuschlag")
    assert kiz["old_amount"] == Decimal("357.00")
    assert kiz["new_amount"] == Decimal(after.result["route"]["claims"][-1]["monthly_amount"]) or kiz["new_amount"] is None
    assert "2.935,00 €" in page  # money per month before
    assert routes["money_difference"] == Decimal(after.result["route"]["monthly_money"]) - Decimal("2935.00")
    assert "Jede Leistung für sich (zum Vergleich)" in page  # the programme table as before


def test_compare_with_a_check_saved_before_routes(advisor_client, advisor, mother_run):
    old = copy.deepcopy(mother_run.result)
    del old["route"]
    mother_run.result = old
    mother_run.save(update_fields=["result"])
    after = screening_run_create(household=MOTHER, actor=advisor, copied_from=mother_run)
    response = advisor_client.get(reverse("screening:run-compare", kwargs={"pk": after.pk}))
    assert response.status_code == 200
    page = text(response.content.decode())
    assert "in der Reihenfolge (kein Betrag gespeichert)" in page
    assert "wurde gespeichert, bevor das Ergebnis eine Reihenfolge mit Beträgen nannte" in page
    assert all(row["difference"] is None for row in response.context["routes"]["rows"])


def test_sgb2_in_the_route_shows_what_the_jobcenter_pays_after_the_first_claims(advisor_client, advisor, offices):
    without_wage = copy.deepcopy(MOTHER)
    without_wage["members"][0]["incomes"] = []
    run = screening_run_create(household=without_wage, actor=advisor)
    response = advisor_client.get(run.get_absolute_url())
    page = text(response.content.decode())
    sgb2 = next(claim for claim in run.result["route"]["claims"] if claim["program"] == "sgb2")
    standalone = run.result["programs"]["sgb2"]["monthly_amount"]
    assert Decimal(sgb2["monthly_amount"]) < Decimal(standalone)  # Kindergeld and UVG are counted in the route
    route_amount = money_text(sgb2["monthly_amount"])
    with translation.override("de"):
        route_amount, standalone_amount = money_text(sgb2["monthly_amount"]), money_text(standalone)
    assert f"Bürgergeld / Grundsicherungsgeld {route_amount} im Monat Jobcenter Stuttgart" in page
    assert f"In dieser Reihenfolge: {route_amount} im Monat" in page
    assert f"ergibt die Berechnung unten {standalone_amount} – das ist nicht der Betrag, der in dieser Reihenfolge zu erwarten ist" in page
    assert "Beantragen Sie stattdessen Bürgergeld / Grundsicherungsgeld." in page
    assert "Anstelle von" not in page
