"""Advisors see case data of their own organisation only (§ 35 Abs. 1 SGB I)."""

import pytest
from django.test import Client
from django.urls import reverse

from infopoint.lib.stuttgart import Organisation
from infopoint.models import StaffProfile
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_advisor_sees_only_contacts_of_their_organisation(other_org_advisor):
    visitor = factories.VisitorFactory()
    factories.VisitFactory(visitor=visitor, organisation=Organisation.JOBCENTER, channel="phone")
    factories.VisitFactory(visitor=visitor, organisation=Organisation.SOZIALAMT, channel="email")
    client = Client()
    client.force_login(other_org_advisor)
    response = client.get(reverse("intake:visitor-detail", kwargs={"code": visitor.code}))
    assert [v.organisation for v in response.context["visits"]] == [Organisation.SOZIALAMT]


def test_the_administration_sees_all_contacts(admin_client_):
    visitor = factories.VisitorFactory()
    factories.VisitFactory(visitor=visitor, organisation=Organisation.JOBCENTER)
    factories.VisitFactory(visitor=visitor, organisation=Organisation.SOZIALAMT)
    response = admin_client_.get(reverse("intake:visitor-detail", kwargs={"code": visitor.code}))
    assert len(response.context["visits"]) == 2


def test_an_advisor_without_an_organisation_is_refused(advisor):
    StaffProfile.objects.filter(user=advisor).delete()
    client = Client(raise_request_exception=False)
    client.force_login(advisor)
    assert client.get(reverse("intake:home")).status_code == 403


def test_a_malformed_visitor_code_is_not_found_not_a_crash(advisor_client):
    assert advisor_client.get("/visitors/%00%00%00%00%00%00/").status_code == 400  # control characters: refused first (issue 21)
    assert advisor_client.get("/visitors/ABC/").status_code == 404


def test_advisors_see_only_visitors_of_their_organisation_or_whom_they_served(other_org_advisor):
    visit = factories.VisitFactory()  # Jobcenter contact
    client = Client(raise_request_exception=False)
    client.force_login(other_org_advisor)  # Sozialamt
    url = reverse("intake:visitor-detail", kwargs={"code": visit.visitor.code})
    assert client.get(url).status_code == 404
    visit.advisor = other_org_advisor  # … unless they served the visitor
    visit.save()
    assert client.get(url).status_code == 200


def test_search_finds_only_visitors_the_advisor_may_see(other_org_advisor):
    factories.VisitFactory(visitor=factories.VisitorFactory(name="Frau Kowalski"))  # Jobcenter
    client = Client()
    client.force_login(other_org_advisor)
    response = client.post(reverse("intake:visitor-search"), {"query": "Kowalski"})
    assert response.context["search_results"] == []
