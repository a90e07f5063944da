"""A database restarted between commit and session save, and a database frozen under load (issue 21).

As in test_database_outage.py, the test starts a PostgreSQL of its own. The app runs as in
production, under gunicorn (threads, persistent connections), with DATABASE_URL pointing at
that server. Two outages:

- the server is stopped right after a receipt's transaction committed, before the session is
  saved (tests/outage_hooks.py does it inside the request): the desk gets the redirect to the
  receipt, not "400 – please try again"; the same form sent again gives the same receipt;
- the server is frozen (SIGSTOP on the postmaster and every backend) while desks issue
  receipts and open pages: every request ends within about 5 s, as the 503 page or its
  normal answer, none hangs; after SIGCONT each form that got the 503 page is sent again and
  the receipts are counted: one per form, none lost, none doubled.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from infopoint.lib.embedded_db import BASE_DIR
from tests.infopoint.test_database_outage import PASSWORD, Browser, Postgres, _free_port

pytestmark = pytest.mark.slow

ANSWER_WITHIN = 5.5  # seconds: probe after 1.5 s of silence + 2 s probe, or connect_timeout 3 s, + the page


def _record_outage_case():
    try:
        from tests.summary import record  # noqa: PLC0415
    except ImportError:
        return
    record("outage_cases")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Desk(Browser):
    """A browser that shows redirects instead of following them, and may send extra headers."""

    def __init__(self, base: str):
        super().__init__(base)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)

    def send(self, path: str, data: dict | None = None, headers: dict | None = None, timeout: float = 30):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})  # noqa: S310 - 127.0.0.1
        if data is not None:
            request.add_header("Referer", self.base + path)
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode(), time.monotonic() - started
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode(), time.monotonic() - started

    def log_in(self) -> None:
        token = self.csrf_token("/accounts/login/")
        status, _location, _page, _ = self.send("/accounts/login/", {"csrfmiddlewaretoken": token, "username": "desk", "password": PASSWORD})
        assert status == 302

    def receipt_form(self) -> dict:
        status, _location, page, _ = self.send("/openarea/receipts/new/")
        assert status == 200, page[:500]
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return {
            "csrfmiddlewaretoken": csrf, "applicant_name": f"Ausfall {uuid.uuid4().hex[:6]}", "benefit": "sgb2",
            "office": "", "application_form": "Hauptantrag", "application_pages": "3", "channel": "in_person",
            "language": "de", "token": str(uuid.uuid4()),
        }  # fmt: skip


def _processes_of(postmaster: int) -> list[int]:
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == postmaster:
                    children.append(int(entry))
    return children


@contextlib.contextmanager
def frozen(data_dir: Path):
    """SIGSTOP on the postmaster and all its backends; SIGCONT on leaving, whatever happens."""
    postmaster = int((data_dir / "postmaster.pid").read_text().split()[0])
    stopped = [postmaster]
    try:
        os.kill(postmaster, signal.SIGSTOP)  # first: it forks no new backend now
        for pid in _processes_of(postmaster):
            os.kill(pid, signal.SIGSTOP)
            stopped.append(pid)
        yield
    finally:
        for pid in reversed(stopped):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


def _count(environment: dict, sql: str) -> int:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         f"from django.db import connection; c = connection.cursor(); c.execute({sql!r}); print(c.fetchone()[0])"],
        cwd=BASE_DIR, env=environment, check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return int(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def app_under_gunicorn():
    folder = Path(tempfile.mkdtemp(prefix="infopoint-freeze-"))
    folder.chmod(0o755)
    data_dir = folder / "pg"
    postgres = Postgres(data_dir)
    app = log = None
    try:
        socket_dir = postgres.start()
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings_outage",
            "DATABASE_URL": f"postgres://postgres@/infopoint?host={urllib.parse.quote(socket_dir)}",
            "DJANGO_CONN_MAX_AGE": "60",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "OUTAGE_TEST_PGDATA": str(data_dir),
        }
        environment.pop("INFOPOINT_PGDATA", None)
        subprocess.run(
            [sys.executable, "-c", "import pgserver, sys; from pathlib import Path; "
             "pgserver.get_server(Path(sys.argv[1]), cleanup_mode=None).psql('CREATE DATABASE infopoint;')", str(data_dir)],
            cwd=BASE_DIR, env=postgres.environment, check=False, capture_output=True, timeout=60,
        )  # fmt: skip
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], cwd=BASE_DIR, env=environment, check=True, timeout=600)
        subprocess.run(
            [*manage, "shell", "-c",
             "from infopoint.services import groups_ensure, staff_user_upsert; groups_ensure(); "
             f"staff_user_upsert(username='desk', password='{PASSWORD}', group='Berater*in', organisation='jobcenter'); "
             "from tests.factories import OfficeFactory; OfficeFactory(benefits=['sgb2'])"],
            cwd=BASE_DIR, env=environment, check=True, timeout=120,
        )  # fmt: skip
        port = _free_port()
        log = open(folder / "app.log", "w+")  # noqa: SIM115 - closed below
        app = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "infopoint.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--threads", "6", "--timeout", "60", "--graceful-timeout", "20"],
            cwd=BASE_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        desk = Desk(f"http://127.0.0.1:{port}")
        for _ in range(120):
            with contextlib.suppress(OSError):
                if desk.request("/healthz", timeout=2)[0] == 200:
                    break
            time.sleep(0.5)
        else:
            pytest.fail("the app did not start: " + (folder / "app.log").read_text())
        yield postgres, data_dir, desk, environment, folder / "app.log"
    finally:
        if app is not None:
            app.terminate()
            app.wait(timeout=60)
            log.close()
        postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _wait_healthy(desk: Desk, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while desk.send("/healthz", timeout=10)[0] != 200:
        assert time.monotonic() < deadline, f"the app did not recover within {seconds} s"
        time.sleep(0.5)


def test_a_receipt_committed_just_before_a_restart_shows_its_page_and_is_not_issued_twice(app_under_gunicorn):
    postgres, _data_dir, desk, environment, app_log = app_under_gunicorn
    desk.log_in()
    form = desk.receipt_form()
    status, location, page, _ = desk.send("/openarea/receipts/new/", form, headers={"Outage-Test": "stop-after-view"})
    # The database is gone now; the receipt had committed: its page, not "400 – please try again".
    assert status == 302, page[:500]
    assert re.fullmatch(r"/openarea/receipts/\d+/", location)
    assert '"event": "session_not_saved_after_commit"' in app_log.read_text()
    assert desk.send(location)[0] == 503  # while it is down, the page says so

    postgres.start()
    _wait_healthy(desk)
    status, _location, page, _ = desk.send(location)
    assert status == 200 and form["applicant_name"] in page
    # The desk, unsure, sends the same form again: the same receipt, no second number.
    status, again, _page, _ = desk.send("/openarea/receipts/new/", form)
    assert (status, again) == (302, location)
    assert _count(environment, "SELECT count(*) FROM openarea_receipt") == 1
    _record_outage_case()


def test_a_frozen_database_under_load_gives_the_503_page_within_seconds_and_loses_nothing(app_under_gunicorn):
    _postgres, data_dir, desk, environment, app_log = app_under_gunicorn
    desk.log_in()
    results: list[tuple[str, int, float, float, dict | None]] = []  # (what, status, started, seconds, the form sent)
    lock = threading.Lock()
    stop = threading.Event()

    def desk_at_work(number: int) -> None:
        while not stop.is_set():
            started = time.monotonic()
            try:
                if number % 2:
                    status, _location, _page, seconds = desk.send("/")
                    entry = ("page", status, started, seconds, None)
                else:
                    form = desk.receipt_form()
                    started = time.monotonic()
                    status, _location, _page, seconds = desk.send("/openarea/receipts/new/", form)
                    entry = ("receipt", status, started, seconds, form)
            except AssertionError:  # the form page itself got the 503 page
                entry = ("form page", 503, started, time.monotonic() - started, None)
            except OSError as error:  # a timeout here is the hang this test is about
                entry = ("hang", 0, started, time.monotonic() - started, {"error": repr(error)})
            with lock:
                results.append(entry)
            time.sleep(0.05)

    workers = [threading.Thread(target=desk_at_work, args=(n,), daemon=True) for n in range(4)]
    for worker in workers:
        worker.start()
    time.sleep(4)
    with frozen(data_dir):
        frozen_at = time.monotonic()
        time.sleep(12)
        thawed_at = time.monotonic()
    stop.set()
    for worker in workers:
        worker.join(timeout=40)

    assert not [entry for entry in results if entry[0] == "hang"], "requests hung"
    # Requests sent while frozen: the 503 page (or, for a form page, the error page) within ~5 s.
    sent_while_frozen = [entry for entry in results if frozen_at <= entry[2] and entry[2] + entry[3] <= thawed_at]
    assert len(sent_while_frozen) >= 6
    slow = [entry[:4] for entry in sent_while_frozen if entry[3] > ANSWER_WITHIN]
    assert not slow, f"answers slower than {ANSWER_WITHIN} s while frozen: {slow}"
    assert {entry[1] for entry in sent_while_frozen} == {503}
    # Requests in flight when the server froze (a receipt's PDF may take seconds of CPU) all
    # ended while it was still frozen: none waited for the thaw.
    in_flight = [entry for entry in results if entry[2] < frozen_at < entry[2] + entry[3]]
    assert all(entry[2] + entry[3] < thawed_at for entry in in_flight), [entry[:4] for entry in in_flight]
    logged = app_log.read_text()
    assert '"event": "database_unavailable"' in logged

    _wait_healthy(desk)
    forms = [entry[4] for entry in results if entry[0] == "receipt"]
    issued = {}
    for form in forms:  # every form the desks sent, again: those that got the 503 page are saved now
        status, location, page, _ = desk.send("/openarea/receipts/new/", form)
        assert status == 302, page[:500]
        issued[form["token"]] = location
    assert len(set(issued.values())) == len(forms)  # one receipt per form
    assert _count(environment, "SELECT count(*) FROM openarea_receipt") == len(forms)  # none lost, none doubled
    assert _count(environment, "SELECT count(DISTINCT number) FROM openarea_receipt") == len(forms)
    _record_outage_case()
