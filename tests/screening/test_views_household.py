"""The counter form: rows, live result, validation at the field, saving."""

import pytest
from django.urls import reverse

from screening.models import ScreeningRun
from tests.query_counts import queries_of
from tests.screening.conftest import household_post

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_form_starts_with_the_person_asking(advisor_client):
    response = advisor_client.get(reverse("screening:new"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="m0-relation" value="self"' in content
    assert 'id="f-m0-age"' in content
    assert 'id="f-housing-rent_cold"' in content


def test_the_live_result_shows_amounts_priority_and_steps(advisor_client):
    response = advisor_client.post(reverse("screening:calculate"), household_post(), **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<section id="result"' in content
    assert "Wohngeld" in content and "Kinderzuschlag" in content
    assert "Zuerst" in content or "Reihenfolge" in content  # "Apply in this order" in German
    assert "§ 12a" in content
    assert "Regelbedarf Stufe 1" in content  # the unfoldable calculation
    view = response.context["view"]
    assert view.claim[0].key == "kindergeld"
    assert [card.key for card in view.instead_of] == ["sgb2"]


def test_german_and_plain_amounts_give_the_same_result(advisor_client):
    german = advisor_client.post(reverse("screening:calculate"), household_post(**{"m0-i0-gross": "1.800,00"}), **HTMX)
    plain = advisor_client.post(reverse("screening:calculate"), household_post(**{"m0-i0-gross": "1800"}), **HTMX)
    amounts = lambda r: [(c.key, c.amount) for c in r.context["view"].cards]  # noqa: E731
    assert amounts(german) == amounts(plain)


def test_a_child_older_than_the_parent_is_told_at_the_childs_age(advisor_client):
    response = advisor_client.post(reverse("screening:calculate"), household_post(**{"m1-age": "40"}), **HTMX)
    content = response.content.decode()
    assert response.context["view"] is None
    assert 'id="err-m1-age"' in content
    assert "mindestens 12 Jahre jünger" in content
    assert 'hx-swap-oob="true"' in content


def test_heating_far_above_the_rent_is_questioned(advisor_client):
    response = advisor_client.post(
        reverse("screening:calculate"), household_post(**{"housing-heating": "1.200,00", "housing-rent_cold": "300", "housing-service_charges": "50"}), **HTMX
    )
    assert "housing-heating" in response.context["form"].errors


def test_an_amount_that_is_not_money_is_told_at_its_field(advisor_client):
    response = advisor_client.post(reverse("screening:calculate"), household_post(**{"m0-i0-gross": "viel"}), **HTMX)
    errors = response.context["form"].errors
    assert list(errors) == ["m0-i0-gross"]
    assert "1.234,56" in errors["m0-i0-gross"]


def test_adding_a_person_returns_the_form_fragment_with_a_new_row(advisor_client):
    response = advisor_client.post(reverse("screening:new"), household_post(action="add_member:partner"), **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="household-fields">')
    assert 'id="f-m3-age"' in content
    assert "autofocus" in content


def test_without_javascript_adding_a_person_renders_the_whole_page(advisor_client):
    response = advisor_client.post(reverse("screening:new"), household_post(action="add_member:child"))
    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert 'id="f-m3-age"' in response.content.decode()


def test_removing_a_person_and_an_income(advisor_client):
    response = advisor_client.post(reverse("screening:new"), household_post(action="remove_member:2"), **HTMX)
    assert 'id="f-m2-age"' not in response.content.decode()
    response = advisor_client.post(reverse("screening:new"), household_post(action="remove_income:0:0"), **HTMX)
    assert 'id="f-m0-i0-kind"' not in response.content.decode()


def test_the_person_asking_cannot_be_removed(advisor_client):
    response = advisor_client.post(reverse("screening:new"), household_post(action="remove_member:0"), **HTMX)
    assert 'name="m0-relation" value="self"' in response.content.decode()


def test_saving_stores_input_result_and_advisor_then_shows_the_run(advisor_client, advisor):
    response = advisor_client.post(reverse("screening:new"), household_post(action="save"))
    run = ScreeningRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    assert run.advisor == advisor
    assert run.organisation == "jobcenter"
    assert run.input_data["members"][0]["incomes"][0]["gross"] == "1800.00"
    assert run.result["programs"]["kiz"]["status"] == "likely"
    assert run.param_digest.startswith("sha256:")
    page = advisor_client.get(run.get_absolute_url()).content.decode()
    kiz = next(claim for claim in run.result["route"]["claims"] if claim["program"] == "kiz")
    assert kiz["monthly_amount"] == "325.00"  # what the Familienkasse pays in the route
    assert "In dieser Reihenfolge: <bdi dir=\"ltr\" class=\"money\">325,00 €</bdi> im Monat" in page


def test_saving_an_invalid_household_keeps_the_entries_and_says_why(advisor_client):
    response = advisor_client.post(reverse("screening:new"), household_post(action="save", **{"m1-age": "40"}))
    assert response.status_code == 400
    assert not ScreeningRun.objects.exists()
    content = response.content.decode()
    assert 'value="40"' in content and 'value="1.800,00"' in content
    assert "mindestens 12 Jahre jünger" in content


def test_a_nonsense_action_is_treated_as_a_recalculation(advisor_client):
    response = advisor_client.post(reverse("screening:new"), household_post(action="remove_member:x"))
    assert response.status_code == 200


def test_an_untouched_new_row_waits_quietly_while_typing(advisor_client):
    data = household_post(**{"m3-relation": "child"})  # a row just added, nothing typed yet
    response = advisor_client.post(reverse("screening:calculate"), data, **HTMX)
    assert response.context["form"].errors == {}
    assert response.context["view"] is None
    assert "Alter" in response.content.decode()  # the friendly hint to enter the age


def test_saving_with_an_untouched_row_asks_for_the_age(advisor_client):
    response = advisor_client.post(reverse("screening:new"), household_post(action="save", **{"m3-relation": "child"}))
    assert response.status_code == 400
    assert "m3-age" in response.context["form"].errors


@pytest.mark.parametrize("amount", ["1e26", "9" * 30, "1E+30"])
def test_absurdly_large_amounts_are_told_not_crashed(advisor_client, amount):
    response = advisor_client.post(reverse("screening:calculate"), household_post(**{"m0-i0-gross": amount}), **HTMX)
    assert response.status_code == 200
    assert "m0-i0-gross" in response.context["form"].errors


def test_an_age_that_is_not_a_number_says_so(advisor_client):
    response = advisor_client.post(reverse("screening:calculate"), household_post(**{"m1-age": "3,5"}), **HTMX)
    assert response.context["form"].errors["m1-age"] == "Bitte geben Sie eine ganze Zahl ein."


def test_other_members_cannot_become_the_person_asking(advisor_client):
    content = advisor_client.get(reverse("screening:new")).content.decode()
    response = advisor_client.post(reverse("screening:new"), household_post(action="add_member:child"), **HTMX)
    options = response.content.decode().split('id="f-m3-relation"')[1].split("</select>")[0]
    assert 'value="self"' not in options
    assert content


def test_saving_through_htmx_redirects_the_browser(advisor_client):
    response = advisor_client.post(reverse("screening:new"), household_post(action="save"), **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == ScreeningRun.objects.get().get_absolute_url()


def test_the_residence_status_is_used_but_never_stored(advisor_client):
    advisor_client.post(reverse("screening:new"), household_post(action="save", **{"m0-residence": "eu_jobseeker_only"}))
    run = ScreeningRun.objects.get()
    assert all("residence" not in member for member in run.input_data["members"])
    assert run.result["programs"]["sgb2"]["status"] == "excluded"


def test_the_live_result_reads_only_session_user_local_values_and_offices(advisor_client):
    four_persons = household_post(**{"m1-relation": "partner", "m1-age": "36", "m2-relation": "child", "m2-age": "4", "m3-relation": "child", "m3-age": "11"})
    queries = queries_of(advisor_client, reverse("screening:calculate"), method="post", data=four_persons, **HTMX)
    assert len(queries) <= 4
    assert any("screening_localvalue" in sql for sql in queries)  # the city's confirmed values for the date
    assert not [sql for sql in queries if not sql.startswith("SELECT")]  # nothing written: no session, no log


# What a browser sends for a member row nobody has touched: the selects' first options.
UNTOUCHED_ROW = {"training": "none", "residence": "settled", "able_to_work": "", "i0-kind": "", "i0-pension_type": ""}


def _untouched(index: int, relation: str) -> dict:
    return {f"m{index}-relation": relation, f"m{index}-age": "", **{f"m{index}-{k}": v for k, v in UNTOUCHED_ROW.items()}}


def test_the_empty_form_opens_without_an_error_box(advisor_client):
    page = advisor_client.get(reverse("screening:new")).content.decode()
    assert "kern-alert--danger" not in page
    # The live calculation the page fires on load, with what the browser sends for the empty form.
    data = {"as_of": "2026-03-01", "municipality": "Stuttgart", "housing-tenure": "rent", **_untouched(0, "self")}
    response = advisor_client.post(reverse("screening:calculate"), data, **HTMX)
    assert response.context["form"].errors == {}
    assert "kern-alert--danger" not in response.content.decode()


def test_adding_a_child_opens_only_sections_with_data(advisor_client):
    data = household_post(action="add_member:child", **{f"m0-{k}": v for k, v in UNTOUCHED_ROW.items() if "-" not in k})
    data.update({f"m1-{k}": v for k, v in UNTOUCHED_ROW.items() if "-" not in k})
    data["m2-training"], data["m2-residence"], data["m2-assets"] = "none", "settled", "1.000"
    response = advisor_client.post(reverse("screening:new"), data, **HTMX)
    form = response.context["form"]
    assert [m.details_open for m in form.members] == [False, False, True, False]
    assert [m.expenses_open for m in form.members] == [False, False, False, False]
    content = response.content.decode()
    assert content.count("<details class=\"more\" open>") == 1
    # And the live result after adding the row shows no error box either.
    live = {k: v for k, v in data.items() if k != "action"} | _untouched(3, "child")
    response = advisor_client.post(reverse("screening:calculate"), live, **HTMX)
    assert response.context["form"].errors == {}
    assert "kern-alert--danger" not in response.content.decode()


def test_expenses_are_asked_folded_and_reach_the_engine(advisor_client):
    page = advisor_client.get(reverse("screening:new")).content.decode()
    assert "Ausgaben (für Freibeträge)" in page and 'id="f-m0-expenses_commuting"' in page
    plain = advisor_client.post(reverse("screening:calculate"), household_post(), **HTMX)
    data = household_post(**{"m0-expenses_commuting": "1.234,50", "m0-expenses_insurances": "40"})
    response = advisor_client.post(reverse("screening:calculate"), data, **HTMX)
    form = response.context["form"]
    assert form.data["members"][0]["expenses"] == {"insurances": "40.00", "commuting": "1234.50"}
    assert form.members[0].expenses_open and not form.members[0].details_open
    sgb2 = lambda r: next(c.amount for c in r.context["view"].cards if c.key == "sgb2")  # noqa: E731
    assert sgb2(response) != sgb2(plain)


@pytest.mark.parametrize(("value", "words"), [("viel", "1.234,56"), ("-5", "negativ")])
def test_a_wrong_expense_is_told_at_its_field(advisor_client, value, words):
    for url in (reverse("screening:calculate"), reverse("screening:new")):
        response = advisor_client.post(url, household_post(**{"m1-expenses_insurances": value}), **HTMX)
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert list(errors) == ["m1-expenses_insurances"]
        assert words in errors["m1-expenses_insurances"]
        assert response.context["form"].members[1].expenses_open


def test_copying_a_check_fills_amounts_and_expenses_in_german(advisor_client):
    data = household_post(action="save", **{"housing-rent_cold": "1.371", "m0-expenses_commuting": "160", "m0-assets": "12000"})
    advisor_client.post(reverse("screening:new"), data)
    run = ScreeningRun.objects.get()
    assert run.input_data["members"][0]["expenses"] == {"commuting": "160.00"}
    response = advisor_client.get(reverse("screening:new") + f"?from={run.pk}")
    values = response.context["form"].flat_values()
    assert values["housing-rent_cold"] == "1.371,00"
    assert values["m0-i0-gross"] == "1.800,00"
    assert values["m0-expenses_commuting"] == "160,00"
    assert values["m0-assets"] == "12.000,00"
    assert values["m0-age"] == "34"
    content = response.content.decode()
    assert 'value="1.371,00"' in content and "1371.00" not in content
    assert response.context["view"] is not None  # the copied entries are valid again
    assert response.context["form"].members[0].expenses_open


def test_copied_amounts_follow_the_page_language(advisor_client):
    from django.utils import translation

    from screening.forms import localized_money

    with translation.override("en"):
        assert localized_money("1371.00") == "1,371.00"
    with translation.override("de"):
        assert localized_money("1371.00") == "1.371,00"
    from infopoint.lib.money import parse_money_input

    for language in ("de", "en", "tr", "ar", "uk", "ru"):
        with translation.override(language):
            assert parse_money_input(localized_money("1371.5")) == 1371.5, language
    with translation.override("ar"):
        assert localized_money("1371.00") == "1.371,00"  # grouped like the amounts on the page
