"""A screening form saved twice (double click, reload after POST, resend) stores one run (security.md I5)."""

import re
import uuid

import pytest
from django.urls import reverse

from screening import services
from screening.models import ScreeningRun
from tests import factories
from tests.concurrency import at_the_same_time
from tests.screening.conftest import household_post

HTMX = {"HTTP_HX_REQUEST": "true"}


def _token_of(page: str) -> str:
    return re.search(r'name="token" value="([0-9a-f-]{36})"', page).group(1)


@pytest.mark.django_db
def test_the_form_carries_a_new_one_time_token_on_every_page(advisor_client):
    tokens = {_token_of(advisor_client.get(reverse("screening:new")).content.decode()) for _ in range(3)}
    assert len(tokens) == 3


@pytest.mark.django_db
def test_a_check_saved_twice_is_stored_once_and_both_answers_lead_to_it(advisor_client):
    token = _token_of(advisor_client.get(reverse("screening:new")).content.decode())
    first = advisor_client.post(reverse("screening:new"), household_post(action="save", token=token))
    second = advisor_client.post(reverse("screening:new"), household_post(action="save", token=token))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert ScreeningRun.objects.count() == 1
    assert first["Location"] == ScreeningRun.objects.get().get_absolute_url()
    page = advisor_client.get(second["Location"])
    assert page.status_code == 200


@pytest.mark.django_db
def test_a_double_click_with_htmx_redirects_both_clicks_to_the_same_run(advisor_client):
    token = _token_of(advisor_client.get(reverse("screening:new")).content.decode())
    first = advisor_client.post(reverse("screening:new"), household_post(action="save", token=token), **HTMX)
    second = advisor_client.post(reverse("screening:new"), household_post(action="save", token=token), **HTMX)
    assert first["HX-Redirect"] == second["HX-Redirect"] == ScreeningRun.objects.get().get_absolute_url()


@pytest.mark.django_db
def test_the_token_survives_adding_a_row_so_the_later_save_is_still_guarded(advisor_client):
    token = _token_of(advisor_client.get(reverse("screening:new")).content.decode())
    page = advisor_client.post(reverse("screening:new"), household_post(action="add_member:child", token=token))
    assert _token_of(page.content.decode()) == token
    refused = advisor_client.post(reverse("screening:new"), household_post(action="save", token=token, **{"m0-age": "abc"}))
    assert refused.status_code == 400
    assert _token_of(refused.content.decode()) == token
    assert ScreeningRun.objects.count() == 0


@pytest.mark.django_db
def test_two_different_forms_make_two_runs(advisor_client):
    for _ in range(2):
        token = _token_of(advisor_client.get(reverse("screening:new")).content.decode())
        advisor_client.post(reverse("screening:new"), household_post(action="save", token=token))
    assert ScreeningRun.objects.count() == 2


@pytest.mark.django_db
def test_a_missing_or_garbled_token_still_saves_the_check(advisor_client):
    advisor_client.post(reverse("screening:new"), household_post(action="save"))
    advisor_client.post(reverse("screening:new"), household_post(action="save", token="not-a-uuid\x00"))
    assert ScreeningRun.objects.count() == 2
    assert set(ScreeningRun.objects.values_list("form_token", flat=True)) == {None}


@pytest.mark.django_db
def test_the_live_calculation_does_not_report_the_token_as_a_field(advisor_client):
    response = advisor_client.post(reverse("screening:calculate"), household_post(token=str(uuid.uuid4())), **HTMX)
    assert 'id="err-token"' not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_of_one_form_store_one_run(advisor):
    from datetime import date

    from django.http import QueryDict

    from screening import forms

    query = QueryDict(mutable=True)
    query.update(household_post())
    household = forms.from_post(query, date(2026, 3, 1)).data
    visit = factories.VisitFactory(status="in_conversation", advisor=advisor)
    token = uuid.uuid4()
    results = at_the_same_time(
        lambda: services.screening_run_create(household=household, actor=advisor, visit=visit, token=token).pk
    )
    assert len(set(results)) == 1
    assert ScreeningRun.objects.filter(form_token=str(token)).count() == 1
