"""The kiosk's quick check says in one simple line which state of the law it used (issue 20)."""

import copy

import pytest
from django.urls import reverse

import openarea.quick_check.result as quick
from tests.screening.law_fixtures import law_result

pytestmark = pytest.mark.django_db

MOTHER = {
    "a-age": "25-49", "a-partner": "no", "a-children": "2", "a-youngest": "0-5", "a-maintenance": "no",
    "a-situation": "employed", "a-income": "exact:900.00", "a-housing": "exact:890.00", "a-bills": "no", "a-savings": "0-5000",
}  # fmt: skip


def engine_answers(monkeypatch, name: str, **law):
    result = law_result(name)
    if law:
        result["law"].update(law)
    monkeypatch.setattr(quick, "evaluate_json", lambda household: copy.deepcopy(result))


def result_page(client) -> str:
    return client.post(reverse("kiosk:check"), {**MOTHER, "question": "receives", "answer": "none"}).content.decode()


def test_a_check_past_the_known_law_says_amounts_may_still_change(kiosk_client, monkeypatch):
    engine_answers(monkeypatch, "mother_2027-01-15")
    page = result_page(kiosk_client)
    assert "Wir haben die Regeln verwendet, wie sie am 15.01.2027 bekannt sind. Einige Regeln für diesen Tag stehen noch nicht fest" in page


def test_known_law_with_unconfirmed_numbers_says_so_in_simple_words(kiosk_client, monkeypatch):
    engine_answers(monkeypatch, "mother_2026-12-07")
    page = result_page(kiosk_client)
    assert "wie sie am 07.12.2026 bekannt sind. Einige Zahlen sind noch nicht amtlich bestätigt" in page


def test_fully_confirmed_law_is_one_plain_sentence(kiosk_client, monkeypatch):
    engine_answers(monkeypatch, "mother_2026-12-07", unverified=[], drafts=[])
    page = result_page(kiosk_client)
    assert "Wir haben die Regeln verwendet, wie sie am 07.12.2026 bekannt sind.</p>" in page


def test_the_line_is_in_the_kiosk_language(kiosk_client, monkeypatch):
    engine_answers(monkeypatch, "mother_2027-01-15")
    kiosk_client.post(reverse("kiosk:set-language"), {"language": "ar"})
    assert "استخدمنا القواعد كما هي معروفة في 15.01.2027. بعض القواعد لهذا اليوم لم تُحدَّد بعد" in result_page(kiosk_client)
