"""The accessibility statement (BITV 2.0 § 7): public, in six languages, on every page, with a feedback channel."""

import uuid

import pytest
from django.urls import reverse

from openarea.models import CardKind, YellowCard

pytestmark = pytest.mark.django_db

STATEMENT = "/info/de/accessibility/"


def _report(**fields):
    return {
        "token": str(uuid.uuid4()),
        "where": "",
        "text": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        **fields,
    }


def test_anyone_reads_the_statement_without_logging_in(anonymous_client):
    response = anonymous_client.get(STATEMENT)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1" in page and "Erklärung zur Barrierefreiheit" in page
    assert "teilweise" in page  # partially compliant, with the reasons listed
    assert "PDF" in page and "Leichter Sprache" in page
    assert "Schlichtungsstelle" in page and "LZ-BARR" in page
    assert "25.11.2026" in page or "25. November 2026" in page


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("de", "Erklärung zur Barrierefreiheit"),
        ("en", "Accessibility statement"),
        ("tr", "Erişilebilirlik beyanı"),
        ("ar", "بيان إمكانية الوصول"),
        ("uk", "Заява про доступність"),
        ("ru", "Заявление о доступности"),
    ],
)
def test_the_statement_speaks_all_six_languages(anonymous_client, lang, heading):
    response = anonymous_client.get(f"/info/{lang}/accessibility/")
    assert response.status_code == 200
    assert heading in response.content.decode()
    assert f'lang="{lang}"' in response.content.decode()


def test_the_contact_for_barriers_comes_from_the_settings(anonymous_client, settings):
    settings.INFOPOINT_ACCESSIBILITY_EMAIL = "barrierefrei@infopoint.example"
    settings.INFOPOINT_ACCESSIBILITY_PHONE = "0711 216-99999"
    page = anonymous_client.get(STATEMENT).content.decode()
    assert 'href="mailto:barrierefrei@infopoint.example"' in page
    assert "0711 216-99999" in page


def test_a_reported_barrier_reaches_the_team_leads_inbox_once(anonymous_client, teamlead_client):
    report = _report(
        where="Schnellcheck", text="Der Vorlesemodus liest die Beträge nicht vor.", contact_email="a@example.org"
    )
    response = anonymous_client.post(STATEMENT, report)
    assert response.status_code == 302
    assert response["Location"] == f"{STATEMENT}?sent=1#feedback"
    anonymous_client.post(STATEMENT, report)  # sent twice: still one card
    card = YellowCard.objects.get()
    assert card.kind == CardKind.SUGGESTION
    assert card.text == "Barrierefreiheit – Schnellcheck:\nDer Vorlesemodus liest die Beträge nicht vor."
    assert card.contact_email == "a@example.org"
    assert card.language == "de"
    inbox = teamlead_client.get(reverse("openarea:card-list")).content.decode()
    assert "Barrierefreiheit" in inbox or reverse("openarea:card-detail", kwargs={"card": card.pk}) in inbox
    thanks = anonymous_client.get(f"{STATEMENT}?sent=1").content.decode()
    assert "Wir haben Ihre Meldung erhalten" in thanks


def test_an_empty_report_is_told_at_the_field_and_nothing_is_stored(anonymous_client):
    response = anonymous_client.post(STATEMENT, _report(text="   ", where="Startseite"))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_text_error"' in page
    assert 'value="Startseite"' in page  # what was typed stays
    assert not YellowCard.objects.exists()


def test_a_wrong_e_mail_address_is_told_at_its_field(anonymous_client):
    response = anonymous_client.post(STATEMENT, _report(text="Kontrast zu schwach", contact_email="not-an-address"))
    assert response.status_code == 400
    assert 'id="id_contact_email_error"' in response.content.decode()
    assert not YellowCard.objects.exists()


def test_the_kiosk_has_its_own_statement_and_stays_confined_to_kiosk_pages(kiosk_client):
    response = kiosk_client.get("/kiosk/accessibility/")
    assert response.status_code == 200
    assert "Erklärung zur Barrierefreiheit" in response.content.decode()
    assert kiosk_client.get(STATEMENT).status_code == 404
    response = kiosk_client.post("/kiosk/accessibility/", _report(text="Schrift zu klein"))
    assert response.status_code == 302
    assert response["Location"] == "/kiosk/accessibility/?sent=1#feedback"
    assert YellowCard.objects.get().text == "Barrierefreiheit:\nSchrift zu klein"


LINK_TO_PUBLIC = 'href="/info/de/accessibility/"'
LINK_TO_KIOSK = 'href="/kiosk/accessibility/"'


@pytest.mark.parametrize(
    ("client_name", "path", "link"),
    [
        ("anonymous_client", "/accounts/login/", LINK_TO_PUBLIC),
        ("anonymous_client", "/info/de/", LINK_TO_PUBLIC),
        ("anonymous_client", "/no-such-page/", LINK_TO_PUBLIC),
        ("advisor_client", "/", LINK_TO_PUBLIC),
        ("advisor_client", "/stats/", LINK_TO_PUBLIC),  # 403 page
        ("teamlead_client", "/stats/", LINK_TO_PUBLIC),
        ("admin_client_", "/admin/", LINK_TO_PUBLIC),
        ("kiosk_client", "/kiosk/", LINK_TO_KIOSK),
        ("kiosk_client", "/kiosk/forms/", LINK_TO_KIOSK),
        ("kiosk_client", "/", LINK_TO_KIOSK),  # the 404 a kiosk gets outside /kiosk/
    ],
)
def test_every_kind_of_page_links_to_the_statement(request, client_name, path, link):
    client = request.getfixturevalue(client_name)
    response = client.get(path)
    assert response.status_code in (200, 403, 404), response.status_code
    assert link in response.content.decode()


def test_the_database_outage_page_links_to_the_statement(rf):
    from django.db import OperationalError

    from infopoint.views import server_error

    request = rf.get("/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert LINK_TO_PUBLIC in response.content.decode()
