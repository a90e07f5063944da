"""Whatever arrives in the counter form, the server answers with a page, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.screening.conftest import household_post

FIELDS = [
    "as_of", "municipality", "mietenstufe", "sgb2_receipt_since", "housing-tenure", "housing-rent_cold",
    "housing-heating", "housing-other_occupants", "m0-relation", "m0-age", "m0-i0-kind", "m0-i0-gross",
    "m0-i0-net", "m0-i0-tax_class", "m1-relation", "m1-age", "m1-already_receives", "m1-disability_degree",
    "m1-alg1_last_gross_wage", "m1-alg1_insured_months_last_30", "m7-relation", "m7-birth_date", "action",
    "m0-expenses_insurances", "m0-expenses_retirement_savings", "m1-expenses_commuting", "m1-expenses_other_work_costs",
    "m0-training", "m0-residence",
]  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "0", "-1", "1.234,56", "1e9", "99999999999", "2026-02-30", "self", "child", "partner",
                     "employment", "pension", "NaN", "add_member:child", "remove_income:0:0", "save", "Stutt\x00gart",
                     "1e26", "9" * 30, "1,234.56", "-0", "0,001", "-5", "1.234,50", "none", "settled"]),
)  # fmt: skip


@pytest.mark.django_db
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=8))
def test_random_form_input_never_crashes(advisor, changes):
    client = Client(raise_request_exception=False)
    client.force_login(advisor)
    data = household_post(**changes)
    for url in (reverse("screening:calculate"), reverse("screening:new")):
        response = client.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code in (200, 302, 400), (url, data, response.status_code)
