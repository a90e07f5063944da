from django.test import RequestFactory

from infopoint.lib.print_options import default_print_language, requested_paper_size, requested_print_language
from infopoint.lib.text import join_phrases


def _get(query: str):
    return RequestFactory().get(f"/print/?{query}")


def test_a_language_of_the_six_is_printed_after_german():
    assert requested_print_language(_get("lang=ar")) == "ar"


def test_an_unknown_or_missing_language_prints_german_only():
    assert requested_print_language(_get("lang=xx")) == "de"
    assert requested_print_language(_get("")) == "de"


def test_the_proposed_language_is_the_conversations_if_known():
    class Visit:
        language = "uk"

    assert default_print_language(Visit()) == "uk"
    Visit.language = "other"
    assert default_print_language(Visit()) == "de"
    assert default_print_language(None) == "de"


def test_the_paper_is_a4_unless_a5_is_asked_for():
    assert requested_paper_size(_get("")) == "A4"
    assert requested_paper_size(_get("paper=a5")) == "A5"
    assert requested_paper_size(_get("paper=A3")) == "A4"


def test_phrases_are_joined_with_the_languages_list_separator():
    from django.utils import translation

    with translation.override("de"):
        assert join_phrases(["eins", "zwei"]) == "eins, zwei"
    with translation.override("ar"):
        assert join_phrases(["واحد", "اثنان"]) == "واحد، اثنان"
