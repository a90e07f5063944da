import io

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command

from infopoint.lib.roles import Role, role_of_user
from intake.models import Visit
from referrals.models import Office

# Issue 21: demo data is back-dated history: seeded as the owner role (make run does the same);
# the demo forms offer online addresses on the official portals of the allow-list.
pytestmark = [pytest.mark.django_db, pytest.mark.db_owner, pytest.mark.usefixtures("official_portals")]


def test_demo_mode_creates_the_four_log_ins_with_their_roles(settings):
    settings.DEMO_MODE = True
    call_command("demo_data", stdout=io.StringIO())
    expected = {"berater": Role.ADVISOR, "beraterin": Role.ADVISOR, "leitung": Role.TEAMLEAD, "admin": Role.ADMIN}
    for username, role in expected.items():
        user = authenticate(username=username, password="infopoint-demo")
        assert user is not None, username
        assert role_of_user(user) == role
    assert User.objects.get(username="berater").staff_profile.get_organisation_display() == "Jobcenter Stuttgart"
    assert User.objects.get(username="beraterin").staff_profile.get_organisation_display() == "Sozialamt Stuttgart"


def test_running_it_twice_changes_nothing(settings):
    settings.DEMO_MODE = True
    call_command("demo_data", stdout=io.StringIO())
    counts = (Office.objects.count(), User.objects.count(), Visit.objects.count())
    call_command("demo_data", stdout=io.StringIO())
    assert (Office.objects.count(), User.objects.count(), Visit.objects.count()) == counts
    assert Office.objects.filter(name="Jobcenter Stuttgart").exists()
    assert Office.objects.count() >= 8


def test_without_demo_mode_no_log_ins_are_created(settings):
    settings.DEMO_MODE = False
    call_command("demo_data", stdout=io.StringIO())
    assert not User.objects.exists()
    assert Office.objects.count() >= 8


def test_edits_to_an_office_survive_a_second_run(settings):
    call_command("demo_data", stdout=io.StringIO())
    Office.objects.filter(name="Jobcenter Stuttgart").update(phone="0711 000000")
    call_command("demo_data", stdout=io.StringIO())
    assert Office.objects.get(name="Jobcenter Stuttgart").phone == "0711 000000"
