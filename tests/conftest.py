"""Personas: anonymous, kiosk, advisor (two organisations), team lead, admin."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client

from infopoint.lib.stuttgart import Organisation
from openarea.kiosk_cookie import set_device_cookie
from tests import factories


@pytest.fixture(autouse=True)
def _german_by_default(settings):
    settings.LANGUAGE_CODE = "de"


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _issued_receipt_numbers_in_a_temporary_file(settings, tmp_path):
    # Issue 21: every issued receipt number is also written outside the database.
    settings.INFOPOINT_ISSUED_NUMBERS_FILE = tmp_path / "issued-receipt-numbers.json"


@pytest.fixture
def advisor(db):
    return factories.advisor()


@pytest.fixture
def other_org_advisor(db):
    return factories.advisor(organisation=Organisation.SOZIALAMT)


@pytest.fixture
def teamlead(db):
    return factories.teamlead()


@pytest.fixture
def administrator(db):
    return factories.administrator()


class KioskFormClient(Client):
    """A test client that posts kiosk forms the way a browser sends them after showing the page.

    Every kiosk form carries the current kiosk session's value (issue 21, openarea/kiosk_guard.py);
    a browser takes it from the page it shows. A test that posts straight to a kiosk URL gets the
    current value added, unless it sends ``kiosk_session`` itself (as the replay tests do) or
    passes ``fill_kiosk_session=False``. That every kiosk page really puts the value into every
    form is tested in tests/openarea/test_kiosk_forgets.py.
    """

    def post(self, path, data=None, *args, fill_kiosk_session=True, **kwargs):
        from openarea import kiosk_guard

        if fill_kiosk_session and str(path).startswith("/kiosk/") and (data is None or isinstance(data, dict)):
            data = dict(data or {})
            data.setdefault(kiosk_guard.FIELD, kiosk_form_value(self))
        return super().post(path, data, *args, **kwargs)


def kiosk_form_value(client: Client) -> str:
    """The value the client's current kiosk session expects (made, as a page would, if missing)."""
    from openarea import kiosk_guard

    session = client.session
    if not session.get(kiosk_guard.SESSION_KEY):
        session[kiosk_guard.SESSION_KEY] = "test-" + kiosk_guard.secrets.token_urlsafe(12)
        session.save()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return session[kiosk_guard.SESSION_KEY]


def _logged_in(user) -> Client:
    client = KioskFormClient(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def anonymous_client(db):
    return Client(raise_request_exception=False)


@pytest.fixture
def advisor_client(advisor):
    return _logged_in(advisor)


@pytest.fixture
def teamlead_client(teamlead):
    return _logged_in(teamlead)


@pytest.fixture
def admin_client_(administrator):
    return _logged_in(administrator)


def put_kiosk_cookie(client: Client, device) -> Client:
    """Give a test client the signed device cookie, exactly as the enrol view does."""
    response = HttpResponse()
    set_device_cookie(response, device)
    client.cookies[settings.KIOSK_COOKIE_NAME] = response.cookies[settings.KIOSK_COOKIE_NAME].value
    return client


@pytest.fixture
def kiosk_device(db):
    return factories.KioskDeviceFactory()


@pytest.fixture
def kiosk_client(kiosk_device):
    return put_kiosk_cookie(KioskFormClient(raise_request_exception=False), kiosk_device)


@pytest.fixture
def clients_by_role(anonymous_client, kiosk_client, advisor_client, teamlead_client, admin_client_):
    from infopoint.lib.roles import Role

    return {
        Role.ANONYMOUS: anonymous_client,
        Role.KIOSK: kiosk_client,
        Role.ADVISOR: advisor_client,
        Role.TEAMLEAD: teamlead_client,
        Role.ADMIN: admin_client_,
    }


@pytest.fixture
def opening_hours(db):
    """The concept's opening hours (a test that flushes the database removes the migration's rows)."""
    from infopoint.lib.opening_hours import seed_concept_hours

    seed_concept_hours()


@pytest.fixture
def official_portals(db):
    """The allow-list of online-application domains as migration openarea 0010 seeds it (a flush empties it)."""
    factories.official_portals_allow()
# --- Issue 21: the test database is made by the owner role, the tests run as the app role ----

_role = {"wanted": "app", "ready": False, "app": None}


def _switch_role(role: str) -> None:
    """Let the default connection connect as ``role`` ("owner" or "app") from now on."""
    from django.db import connections

    connection = connections["default"]
    if _role["app"] is None:
        _role["app"] = {key: connection.settings_dict.get(key) for key in ("USER", "PASSWORD", "HOST", "PORT")}
    wanted = dict(_role["app"])
    if role == "owner":
        wanted.update({key: value for key, value in settings.DATABASE_OWNER.items() if value not in (None, "")})
    if all(connection.settings_dict.get(key) == value for key, value in wanted.items()):
        return
    connection.close()
    connection.settings_dict.update(wanted)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    _switch_role("owner")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After the owner created and migrated the test database: the tests' own role."""
    _role["ready"] = True
    _switch_role(_role["wanted"])
    yield
    _switch_role("owner")  # dropping the test database (--create-db) is the owner's


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """``@pytest.mark.db_owner``: the test needs the owner (it issues back-dated receipts with
    time_machine, or changes a retention period); every other test runs as the app role."""
    _role["wanted"] = "owner" if item.get_closest_marker("db_owner") else "app"
    if _role["ready"]:
        _switch_role(_role["wanted"])


def pytest_terminal_summary(terminalreporter):
    """Issue 10: the security figures the tests of this run reported (tests/summary.py)."""
    from tests.summary import summary_line

    terminalreporter.write_sep("-", "security summary")
    terminalreporter.write_line(summary_line())
