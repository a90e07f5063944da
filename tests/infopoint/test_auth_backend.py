"""Who is this? One query per staff request for the user, the staff profile and the role groups."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from infopoint.lib.roles import GROUP_TEAMLEAD, Role
from infopoint.models import StaffProfile
from tests import factories
from tests.query_counts import queries_of

pytestmark = pytest.mark.django_db
ACCOUNT_TABLES = ("auth_user", "auth_group", "infopoint_staffprofile")


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_user_profile_and_roles_come_in_one_query(advisor):
    queries = queries_of(_logged_in(advisor), reverse("referrals:office-list"))
    assert len([sql for sql in queries if any(table in sql for table in ACCOUNT_TABLES)]) == 1


def test_a_second_role_group_counts_and_the_highest_wins(advisor):
    client = _logged_in(advisor)
    advisor.groups.add(Group.objects.get_or_create(name=GROUP_TEAMLEAD)[0])
    assert client.get(reverse("intake:home")).wsgi_request.role == Role.TEAMLEAD


def test_an_advisor_whose_organisation_was_removed_has_no_role_on_the_next_request(advisor):
    client = _logged_in(advisor)
    StaffProfile.objects.filter(user=advisor).delete()
    assert client.get(reverse("referrals:follow-up-list")).status_code == 403


def test_an_administrator_without_a_staff_profile_or_group_is_still_an_administrator(db):
    admin = factories.UserFactory(is_superuser=True)
    StaffProfile.objects.filter(user=admin).delete()
    response = _logged_in(admin).get(reverse("intake:home"))
    assert response.status_code == 200
    assert response.wsgi_request.role == Role.ADMIN
