"""The database goes away under a running app and comes back (security.md J2).

The test starts its own PostgreSQL (pgserver in a temporary folder, not the one the other
tests use), runs the app against it in a subprocess with DATABASE_URL pointing to that
server's socket, stops the server with pg_ctl, checks what staff see, starts it again
and checks that the same app process recovers on its own.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from infopoint.lib.embedded_db import BASE_DIR

pytestmark = pytest.mark.slow

PASSWORD = "outage-test-password-1"  # noqa: S105 - a throw-away account in a throw-away database


def _record_fault_survived():
    # Reported to the figures `make test` prints (tests/summary.py, when present).
    try:
        from tests.summary import record  # noqa: PLC0415
    except ImportError:
        return
    record("faults_survived")
    record("outage_cases")  # issue 21: one figure per database outage scenario


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Postgres:
    """A PostgreSQL server of our own, controlled like `make db-stop` does."""

    def __init__(self, data_dir: Path):
        self.environment = {**os.environ, "INFOPOINT_PGDATA": str(data_dir)}

    def _run(self, action: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "infopoint.lib.embedded_db", action],
            cwd=BASE_DIR, env=self.environment, capture_output=True, text=True, timeout=120, check=True,
        )
        return result.stdout

    def start(self) -> str:
        return re.search(r"socket in (\S+)\)", self._run("start")).group(1)

    def stop(self) -> None:
        self._run("stop")


class Browser:
    """Just enough of a browser: cookies, the CSRF token, no exceptions for 4xx/5xx."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path: str, data: dict | None = None, timeout: float = 15) -> tuple[int, str, float]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310 - http://127.0.0.1 only
        if data is not None:
            request.add_header("Referer", self.base + path)
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode(), time.monotonic() - started
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), time.monotonic() - started

    def csrf_token(self, path: str) -> str:
        status, page, _ = self.request(path)
        assert status == 200, page
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.fixture
def running_app():
    # Not pytest's tmp_path: as root, pgserver runs PostgreSQL as its own user, who must
    # be able to enter the folder.
    folder = Path(tempfile.mkdtemp(prefix="infopoint-outage-"))
    folder.chmod(0o755)
    postgres = Postgres(folder / "pg")
    app = None
    try:
        socket_dir = postgres.start()
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings_outage",
            "DATABASE_URL": f"postgres://postgres@/infopoint?host={urllib.parse.quote(socket_dir)}",
            "DJANGO_CONN_MAX_AGE": "60",
        }
        environment.pop("INFOPOINT_PGDATA", None)
        subprocess.run(
            [sys.executable, "-c", "import pgserver, sys; from pathlib import Path; "
             "pgserver.get_server(Path(sys.argv[1]), cleanup_mode=None).psql('CREATE DATABASE infopoint;')",
             str(folder / "pg")],
            cwd=BASE_DIR, env=postgres.environment, check=False, capture_output=True, timeout=60,
        )
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], cwd=BASE_DIR, env=environment, check=True, timeout=600)
        subprocess.run(
            [*manage, "shell", "-c",
             "from infopoint.services import groups_ensure, staff_user_upsert; groups_ensure(); "
             f"staff_user_upsert(username='desk', password='{PASSWORD}', group='Berater*in', organisation='jobcenter')"],
            cwd=BASE_DIR, env=environment, check=True, timeout=120,
        )
        port = _free_port()
        log = open(folder / "app.log", "w+")  # noqa: SIM115 - closed below
        app = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=BASE_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT,
        )
        browser = Browser(f"http://127.0.0.1:{port}")
        for _ in range(120):
            try:
                if browser.request("/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("the app did not start: " + (folder / "app.log").read_text())
        yield postgres, socket_dir, browser, folder / "app.log"
    finally:
        if app is not None:
            app.terminate()
            app.wait(timeout=30)
            log.close()
        postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


def test_a_database_outage_shows_the_static_503_page_and_the_app_recovers_on_its_own(running_app):
    postgres, socket_dir, browser, app_log = running_app
    token = browser.csrf_token("/accounts/login/")
    status, page, _ = browser.request(
        "/accounts/login/", {"csrfmiddlewaretoken": token, "username": "desk", "password": PASSWORD}
    )
    assert status == 200 and 'action="/walk-in/"' in page  # logged in: the start page with the walk-in form
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    postgres.stop()

    status, page, seconds = browser.request("/")
    assert status == 503
    assert "nicht gespeichert" in page
    assert "Traceback" not in page and "OperationalError" not in page and socket_dir not in page
    assert seconds < 6  # connect_timeout is 3 s; a stopped server refuses at once
    status, page, _ = browser.request("/walk-in/", {"csrfmiddlewaretoken": token, "name": "Ausfall-Test", "language": "de", "channel": "walk_in"})
    assert status == 503
    assert "Ihre letzte Eingabe wurde nicht gespeichert" in page
    assert "Traceback" not in page
    status, page, _ = browser.request("/healthz")
    assert (status, json.loads(page)) == (503, {"status": "unavailable", "database": "unreachable"})
    logged = app_log.read_text()
    assert '"event": "database_unavailable"' in logged
    assert "Ausfall-Test" not in logged

    assert postgres.start() == socket_dir

    deadline = time.monotonic() + 30
    while browser.request("/healthz")[0] != 200:
        assert time.monotonic() < deadline, "the app did not recover within 30 s"
        time.sleep(0.5)
    status, page, _ = browser.request("/")
    assert status == 200  # still logged in: the session outlived the outage
    assert "Ausfall-Test" not in page  # the walk-in sent during the outage was really not saved
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    status, page, _ = browser.request("/walk-in/", {"csrfmiddlewaretoken": token, "name": "Nach dem Ausfall", "language": "de", "channel": "walk_in"})
    assert status == 200 and "Nach dem Ausfall" in page
    _record_fault_survived()
