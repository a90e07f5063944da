"""The re-screening page ``screening:rescreen``: access, the form, the list, names only where allowed;
the badge "Neuberechnung" and the follow-up on the start page."""

from datetime import date

import pytest
from django.urls import reverse

from intake.models import FollowUp
from screening.models import RunKind, ScreeningRun
from screening.rescreen_service import rescreen
from screening.rescreen_views import next_first_of_january
from tests.factories import VisitFactory
from tests.screening.rescreen_data import NEW_LAW, TODAY, check, saved_result

pytestmark = pytest.mark.django_db
URL = reverse("screening:rescreen")


def test_only_team_lead_and_administration_open_the_page(clients_by_role):
    for role, client in clients_by_role.items():
        response = client.get(URL)
        assert (response.status_code == 200) is (role in ("teamlead", "admin")), role


def test_the_form_proposes_the_next_first_of_january(teamlead_client):
    response = teamlead_client.get(URL)
    assert response.context["form"]["as_of"].value() == next_first_of_january(date.today())
    assert next_first_of_january(date(2026, 12, 7)) == date(2027, 1, 1)
    assert next_first_of_january(date(2027, 1, 1)) == date(2028, 1, 1)
    assert "Noch keine" not in response.content.decode()


def test_the_team_lead_starts_a_rescreening_and_sees_the_list_by_code(teamlead_client):
    saved = check(result=saved_result("60.00"))
    response = teamlead_client.post(URL, {"as_of": "2026-06-01"}, follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Neu berechnet nach der Rechtslage vom 01.06.2026: 1 Prüfungen, 1 mit Änderung, 1 neue Wiedervorlagen." in content
    assert ScreeningRun.objects.filter(kind=RunKind.RESCREEN, rescreen_of=saved).exists()
    [row] = response.context["latest"]["rows"]
    assert row["code"] == saved.visit.visitor.code and saved.visit.visitor.code in content
    assert row["changes"] == ["Wohngeld steigt um etwa 60 €", "Geld im Monat steigt um etwa 60 €"]
    assert row["advisor"] == "Kim Muster"
    # The team lead sees aggregates, not visitors: no name, no link to the person or the check.
    assert row["name"] == "" and "Canary Testperson" not in content
    assert row["visitor_url"] == "" and row["run_url"] == ""


def test_administration_sees_names_and_links(admin_client_):
    saved = check()
    rescreen(as_of=NEW_LAW, today=TODAY)
    response = admin_client_.get(URL)
    [row] = response.context["latest"]["rows"]
    assert row["name"] == "Canary Testperson" and "Canary Testperson" in response.content.decode()
    assert row["run_url"] == ScreeningRun.objects.get(kind=RunKind.RESCREEN).get_absolute_url()
    assert row["visitor_url"] == saved.visit.visitor.get_absolute_url()


def test_names_follow_the_visibility_of_visitors(advisor, other_org_advisor):
    from infopoint.lib.roles import Role
    from intake.selectors import visitor_ids_visible_to

    own = check(by=advisor)
    other = check(by=other_org_advisor)
    served = check(by=other_org_advisor)
    VisitFactory(visitor=served.visit.visitor, advisor=advisor, organisation=other.organisation)
    ids = {own.visit.visitor_id, other.visit.visitor_id, served.visit.visitor_id}
    assert visitor_ids_visible_to(user=advisor, role=Role.ADVISOR, ids=ids) == {own.visit.visitor_id, served.visit.visitor_id}
    assert visitor_ids_visible_to(user=advisor, role=Role.TEAMLEAD, ids=ids) == set()
    assert visitor_ids_visible_to(user=advisor, role=Role.ADMIN, ids=ids) == ids


@pytest.mark.parametrize(("value", "message"), [("", "Bitte ein Datum eingeben"), ("2027-02-30", "Bitte ein Datum eingeben"), ("2019-01-01", "ab 01.01.2024 hinterlegt")])
def test_a_bad_date_is_shown_at_the_field_and_nothing_runs(teamlead_client, value, message):
    check()
    response = teamlead_client.post(URL, {"as_of": value})
    assert response.status_code == 400
    assert message in str(response.context["form"].errors["as_of"])
    assert 'id="id_as_of_error"' in response.content.decode()
    assert not ScreeningRun.objects.filter(kind=RunKind.RESCREEN).exists()


def test_the_list_shows_the_latest_date_only(admin_client_):
    check()
    rescreen(as_of=NEW_LAW, today=TODAY)
    check(result=saved_result("-40.00"))
    rescreen(as_of=date(2026, 7, 1), today=TODAY)
    latest = admin_client_.get(URL).context["latest"]
    assert latest["as_of"] == date(2026, 7, 1) and len(latest["rows"]) == 2


def test_the_include_posts_to_the_page(teamlead_client):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    html = render_to_string("screening/_rescreen_button.html", {}, request=RequestFactory().get("/"))
    assert f'action="{URL}"' in html and 'name="as_of"' in html
    assert f'value="{date.today().year + 1}-01-01"' in html


def test_a_recalculation_has_its_badge_and_the_advisor_sees_the_follow_up(advisor, advisor_client):
    saved = check(by=advisor)
    rescreen(as_of=NEW_LAW, today=TODAY)
    new = ScreeningRun.objects.get(kind=RunKind.RESCREEN)
    detail = advisor_client.get(new.get_absolute_url()).content.decode()
    assert "Neuberechnung" in detail and f"Die gespeicherte Prüfung Nr. {saved.pk}" in detail
    assert "Neuberechnung" not in advisor_client.get(saved.get_absolute_url()).content.decode()
    listing = advisor_client.get(reverse("screening:run-list")).content.decode()
    assert listing.count("Neuberechnung") == 1
    follow_up = FollowUp.objects.get(screening_run=new)
    follow_up.due_on = date.today()
    follow_up.save()
    home = advisor_client.get(reverse("intake:home")).content.decode()
    assert "Neue Rechtslage ab 01.06.2026: Ergebnis prüfen" in home
    assert f'href="{new.get_absolute_url()}">Neuberechnung öffnen</a>' in home
