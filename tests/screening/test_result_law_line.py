"""The result shows the state of the law in one line per check (issue 20), not a banner per value."""

import re

import pytest
from django.urls import reverse

from screening.presentation_law import law_view
from tests.screening.law_fixtures import law_result, stored_run

pytestmark = pytest.mark.django_db


def page(client, run) -> str:
    return client.get(reverse("screening:run-detail", kwargs={"pk": run.pk})).content.decode()


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_check_with_known_law_shows_one_line_with_the_number_of_unconfirmed_values(advisor_client, advisor):
    html = page(advisor_client, stored_run(advisor=advisor, name="mother_2026-12-07"))
    assert "Rechtsstand 07.12.2026; 2 Werte noch nicht amtlich bestätigt" in html
    assert "Nicht bestätigter Wert" not in html
    assert "noch nicht vollständig bekannt" not in html
    assert "vorläufig" not in text(html)


def test_the_line_unfolds_into_the_values_with_their_source_and_start(advisor_client, advisor):
    html = page(advisor_client, stored_run(advisor=advisor, name="mother_2026-12-07"))
    details = html[html.index('<details class="law-state__line">') :]
    details = details[: details.index("</details>")]
    assert "Mietenstufe der Gemeinde für das Wohngeld" in details
    assert "Mietobergrenzen Stuttgart 2025/2026" in details
    assert "01.01.2025" in details and "01.01.2023" in details
    assert "Gesetzentwurf" in details and "BT-Drs. 21/8284" in details and "noch nicht verkündet" in details


def test_one_unconfirmed_value_is_named_in_the_singular(advisor_client, advisor):
    run = stored_run(advisor=advisor, name="mother_2026-12-07")
    run.result["law"]["unverified"] = run.result["law"]["unverified"][:1]
    run.save()
    assert "Rechtsstand 07.12.2026; 1 Wert noch nicht amtlich bestätigt" in page(advisor_client, run)


def test_a_check_past_the_known_law_says_so_once_and_names_each_family_without_unfolding(advisor_client, advisor):
    html = page(advisor_client, stored_run(advisor=advisor, name="mother_2027-01-15"))
    assert html.count("law-state__incomplete") == 1
    alert = html[html.index("law-state__incomplete") :]
    alert = alert[: alert.index("</div>\n    </div>")]
    assert "<details" not in alert
    assert "Die Rechtslage für den 15.01.2027 ist noch nicht vollständig bekannt" in alert
    assert "Regelbedarf</bdi>: Werte bis 31.12.2026 bekannt, weiter verwendet" in alert
    assert "Wohngeld</bdi>: Werte bis 31.12.2026 bekannt, weiter verwendet" in alert
    assert "Rechtsstand 15.01.2027; 2 Werte noch nicht amtlich bestätigt" in html


def test_provisional_amounts_are_marked_in_the_route_and_on_the_cards(advisor_client, advisor):
    html = page(advisor_client, stored_run(advisor=advisor, name="mother_2027-01-15"))
    claims = dict(re.findall(r'<li class="route__claim" data-program="(\w+)">(.*?)</li>', html, re.S))
    assert "vorläufig" in claims["wohngeld"] and "vorläufig" in claims["kiz"]
    assert "vorläufig" not in claims["kindergeld"] and "vorläufig" not in claims["uvg"]
    card = html[html.index('data-program="wohngeld"', html.index("program-list")) :]
    card = card[: card.index("</li>")]
    assert "vorläufig" in card
    assert 'Nach dem Gesetzentwurf für 2027: etwa <bdi dir="ltr" class="money">310,00 €</bdi>' in card


def test_a_check_saved_before_the_law_block_keeps_its_warnings_and_opens(advisor_client, advisor):
    run = stored_run(advisor=advisor, name="mother_saved_before_law")
    response = advisor_client.get(reverse("screening:run-detail", kwargs={"pk": run.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nicht bestätigter Wert: Mietenstufe der Gemeinde" in html
    assert "law-state" not in html


def test_law_view_is_none_without_a_law_block_and_dedupes_families():
    assert law_view(law_result("mother_saved_before_law")) is None
    result = law_result("mother_2027-01-15")
    result["law"]["provisional"].append({**result["law"]["provisional"][1], "parameter": "wohngeld.hoechstbetraege"})
    law = law_view(result)
    assert not law.complete
    assert law.provisional_names == ["Regelbedarf", "Wohngeld"]


def test_the_line_reads_in_arabic_with_the_german_family_names_isolated(advisor_client, advisor, settings):
    run = stored_run(advisor=advisor, name="mother_2027-01-15")
    advisor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    html = page(advisor_client, run)
    assert '<bdi lang="de">Regelbedarf</bdi>: القيم معروفة حتى 31.12.2026' in html
