import pytest
from django.urls import reverse

from openarea.views.public import ONLINE_CALCULATORS

pytestmark = pytest.mark.django_db


def test_info_without_a_language_goes_to_german(anonymous_client):
    response = anonymous_client.get("/info/")
    assert response.status_code == 302 and response["Location"] == "/info/de/"


@pytest.mark.parametrize("lang", ["de", "en", "tr", "ar", "uk", "ru"])
def test_the_start_page_is_public_in_every_language_with_a_title_and_description(anonymous_client, lang):
    response = anonymous_client.get(reverse("info:start", kwargs={"lang": lang}))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in page
    assert '<meta name="description" content="' in page
    assert page.count('rel="alternate" hreflang=') == 6
    assert "kiosk-idle.js" not in page  # no idle reset on the web


def test_the_start_page_says_no_appointment_is_needed_and_shows_the_hours(anonymous_client, opening_hours):
    page = anonymous_client.get(reverse("info:start", kwargs={"lang": "en"})).content.decode()
    assert "You do not need an appointment" in page
    assert "08:30–13:00" in page
    assert ONLINE_CALCULATORS[0][1] in page


def test_the_public_pages_do_not_offer_to_call_an_advisor(anonymous_client):
    for name in ("start", "offices", "check"):
        page = anonymous_client.get(reverse(f"info:{name}", kwargs={"lang": "de"})).content.decode()
        assert "/kiosk/" not in page


def test_the_offices_page_lists_the_directory_with_links_to_the_offices_sites(anonymous_client):
    from tests.factories import OfficeFactory

    OfficeFactory(name="Wohngeldstelle Stuttgart", website="https://www.stuttgart.de/wohngeld")
    page = anonymous_client.get(reverse("info:offices", kwargs={"lang": "de"})).content.decode()
    assert "Wohngeldstelle Stuttgart" in page
    assert 'href="https://www.stuttgart.de/wohngeld"' in page
    assert "data-print" in page


def test_the_kiosk_offices_page_links_nowhere_outside_the_kiosk(kiosk_client):
    from tests.factories import OfficeFactory

    OfficeFactory(name="Wohngeldstelle Stuttgart", website="https://www.stuttgart.de/wohngeld")
    page = kiosk_client.get(reverse("kiosk:offices")).content.decode()
    assert "Wohngeldstelle Stuttgart" in page
    assert 'href="https://' not in page


def test_an_unknown_language_is_not_found(anonymous_client):
    assert anonymous_client.get("/info/fr/").status_code == 404
