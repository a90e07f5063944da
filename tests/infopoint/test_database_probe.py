"""The engine's probe for a database that stopped answering (infopoint/db/postgresql/base.py, issue 21)."""

import socket
import time

import pytest
from django.conf import settings
from django.db import connection

from infopoint.db.postgresql.base import WatchedConnection, server_answers


def test_the_connection_options_bound_every_wait():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["connect_timeout"] == 3
    assert (options["keepalives"], options["tcp_user_timeout"]) == (1, 4000)
    assert settings.DATABASES["default"]["PROBE_AFTER_MS"] == 1500


@pytest.mark.django_db
def test_connections_are_watched_and_the_live_server_answers_the_probe():
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, WatchedConnection) and raw.probe_after == 1.5
    assert server_answers(raw.info.host, raw.info.port, 2.0)


@pytest.mark.django_db
def test_a_slow_statement_on_a_live_server_is_not_cut_off_by_the_probe():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(2.2)")  # longer than PROBE_AFTER_MS: probed, answered, waited for
        assert cursor.fetchone() == ("",)


def test_a_server_that_takes_the_connection_but_never_answers_is_found_silent():
    with socket.socket() as frozen:  # like a SIGSTOPped postmaster: the kernel accepts, nobody answers
        frozen.bind(("127.0.0.1", 0))
        frozen.listen(5)
        started = time.monotonic()
        assert not server_answers("127.0.0.1", frozen.getsockname()[1], 0.5)
        assert time.monotonic() - started < 1.5


def test_a_refused_connection_is_no_answer():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    assert not server_answers("127.0.0.1", port, 0.5)
