"""What visitors see of the catalogue: their language with German as fallback, active forms only."""

import pytest

from openarea.catalogue.selectors import forms_for_visitors
from tests import factories

pytestmark = pytest.mark.django_db


def test_visitors_see_their_language_and_german_where_a_text_is_missing():
    factories.PrintableFormFactory(title_de="Antrag auf Wohngeld", title_ar="طلب Wohngeld", who_needs_it_de="Für Mieter.")
    [form] = forms_for_visitors("ar")
    assert (form.title, form.title_language) == ("طلب Wohngeld", "ar")
    assert (form.who_needs_it, form.who_needs_it_language) == ("Für Mieter.", "de")


def test_retired_forms_are_not_shown_and_the_order_is_kept():
    factories.PrintableFormFactory(title_de="Zweiter", order=20)
    factories.PrintableFormFactory(title_de="Erster", order=10)
    factories.PrintableFormFactory(title_de="Alt", is_active=False)
    assert [form.title for form in forms_for_visitors("de")] == ["Erster", "Zweiter"]


def test_an_unchecked_online_address_is_not_offered_to_visitors():
    factories.PrintableFormFactory(online_url="https://example.org/antrag", online_url_checked=False)
    [form] = forms_for_visitors("de")
    assert form.online_url == ""
