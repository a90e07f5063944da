"""Local values (issue 20), the pages: list with the fallback, the form with errors at the
fields (nothing typed is lost), and the second person's confirmation."""

from datetime import date

import pytest
from django.urls import reverse

from screening.local_value_services import local_value_enter
from screening.local_values import LocalValue

pytestmark = pytest.mark.django_db
NEW = reverse("screening:local-value-new")
LIST = reverse("screening:local-values")


def post_data(**changes):
    data = {
        "parameter": "local.stuttgart.mietobergrenze",
        "valid_from": "2025-01-01",
        "valid_to": "2026-12-31",
        "source_document": "GRDrs 999/2099, Anlage 2 (Testwert)",
        "source_url": "",
        **{f"value_{i}": v for i, v in enumerate(["600,00", "670", "726.00", "923", "1.009,00", "1191", "149"])},
    }
    data.update(changes)
    return data


def test_the_list_shows_each_parameter_with_its_fallback(teamlead_client):
    page = teamlead_client.get(LIST).content.decode()
    for text in ("Mietobergrenzen Stuttgart 2025/2026", "Richtlinie KdU der Landeshauptstadt Stuttgart", "WoGV Anlage", "Heizspiegel"):
        assert text in page
    assert "nicht bestätigt" in page or "not verified" in page


def test_a_team_lead_records_a_table_and_an_administrator_confirms_it(teamlead_client, admin_client_, teamlead, administrator):
    response = teamlead_client.post(NEW, post_data())
    assert response.status_code == 302
    record = LocalValue.objects.get()
    assert record.value == ["600.00", "670.00", "726.00", "923.00", "1009.00", "1191.00", "149.00"]
    assert record.entered_by == teamlead and record.status == "pending"
    page = teamlead_client.get(LIST).content.decode()
    assert "GRDrs 999/2099" in page
    confirm = reverse("screening:local-value-confirm", kwargs={"pk": record.pk})
    own = teamlead_client.post(confirm, {"action": "confirm"})
    assert own.status_code == 400
    assert LocalValue.objects.get().confirmed_at is None
    assert admin_client_.get(confirm).status_code == 200
    assert admin_client_.post(confirm, {"action": "confirm"}).status_code == 302
    record.refresh_from_db()
    assert record.confirmed_by == administrator
    again = admin_client_.post(confirm, {"action": "confirm"})
    assert again.status_code == 400


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"source_document": ""}, "source_document"),
        ({"valid_from": ""}, "valid_from"),
        ({"valid_to": "2024-01-01"}, "valid_to"),
        ({"value_3": ""}, "value_3"),
        ({"value_3": "-5"}, "value_3"),
    ],
)
def test_a_refused_form_shows_the_message_at_the_field_and_keeps_the_input(teamlead_client, changes, field):
    response = teamlead_client.post(NEW, post_data(**changes))
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    page = response.content.decode()
    if "source_document" not in changes:
        assert 'value="GRDrs 999/2099, Anlage 2 (Testwert)"' in page
    assert 'value="1.009,00"' in page
    assert not LocalValue.objects.exists()


def test_an_overlapping_record_is_refused_with_a_message(teamlead, teamlead_client):
    local_value_enter(
        actor=teamlead, parameter="local.stuttgart.mietobergrenze", valid_from=date(2026, 1, 1), value=["600"] * 7,
        source_document="GRDrs 1/2026",
    )
    response = teamlead_client.post(NEW, post_data())
    assert response.status_code == 400
    assert "valid_from" in response.context["form"].errors
    assert LocalValue.objects.count() == 1


def test_the_form_offers_one_labelled_field_per_household_size(teamlead_client):
    page = teamlead_client.get(NEW).content.decode()
    assert page.count('name="value_') == 7
    stufe = teamlead_client.get(NEW, {"parameter": "local.stuttgart.mietenstufe"}).content.decode()
    assert stufe.count('name="value') == 1


def test_advisors_do_not_reach_the_pages(advisor_client):
    assert advisor_client.get(LIST).status_code == 403
    assert advisor_client.get(NEW).status_code == 403
