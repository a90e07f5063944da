"""Issue 20 in the browser: a team lead enters a local value with an error, corrects it, and a
second person confirms it; German and Arabic (screenshots on request via INFOPOINT_SHOTS)."""

import os
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from screening.local_value_services import local_value_enter
from tests import factories
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("INFOPOINT_SHOTS")


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_local_value_list_and_form_with_an_error(watched, live_server, language):
    lead = factories.teamlead()
    local_value_enter(
        actor=factories.teamlead(), parameter="local.stuttgart.mietenstufe", valid_from=date(2023, 1, 1),
        value=6, source_document="WoGV Anlage (ab 01.01.2023), Eintrag Stuttgart (Testeintrag)",
    )
    page = log_in(watched, live_server, lead)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/screening/local-values/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.get_by_text("Mietobergrenzen Stuttgart 2025/2026", exact=False).first.is_visible()
    _shot(page, f"local-values-list-{language}")
    page.goto(f"{live_server.url}/screening/local-values/new/?parameter=local.stuttgart.mietobergrenze")
    page.fill("#id_valid_from", "2025-01-01")
    for index, amount in enumerate(["563,00", "670,00", "726,00", "", "1009,00", "1191,00", "149,00"]):
        page.fill(f"#id_value_{index}", amount)
    page.click("main button[type=submit]")
    assert page.locator("#id_source_document_error").is_visible()
    assert page.locator("#id_value_3_error").is_visible()
    assert page.input_value("#id_value_0") == "563,00"
    _shot(page, f"local-value-form-error-{language}")
