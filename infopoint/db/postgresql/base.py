"""Django's PostgreSQL backend, with a client-side check for a database that stopped answering.

A stopped database refuses connections at once, and ``connect_timeout`` bounds a connection
attempt to a frozen one. But a connection that is already open (``CONN_MAX_AGE``) waits for
an answer for as long as the server is frozen: the operating system still acknowledges
every packet of a stopped (SIGSTOP) or hung server process, so neither TCP keepalives nor
``tcp_user_timeout`` notice anything, and ``statement_timeout`` is enforced by the very
server that is frozen. Such a desk would hang instead of seeing the 503 page.

So every wait of a connection for the server is watched here: after ``probe_after`` seconds
without a byte from the server, a probe asks the server's postmaster whether it still takes
connections (the eight-byte SSLRequest every client starts with; no log-in, no backend
work). A server that answers is merely busy with a slow statement (which its own
``statement_timeout`` bounds): the wait goes on, probing again after the next silence. A
server that does not answer within ``probe_timeout`` seconds is taken as frozen: the
connection is dropped and the wait ends with an OperationalError, which the project's
error handler turns into the 503 page. A new connection attempted by the same thread right
after that (Django's health check reconnects) fails at once instead of waiting for
``connect_timeout`` again.

The settings come from the database's settings dict (``infopoint/settings.py``):
``PROBE_AFTER_MS`` (0 turns the check off) and ``PROBE_TIMEOUT_MS``.
"""

from __future__ import annotations

import logging
import socket
import struct
import threading
import time

import psycopg
from django.db.backends.postgresql.base import DatabaseWrapper as PostgresDatabaseWrapper
from psycopg import errors

logger = logging.getLogger("infopoint.errors")

SSL_REQUEST = struct.pack("!ii", 8, 80877103)
# A reconnect within this many seconds after a probe found no answer fails at once.
FAIL_FAST_SECONDS = 2.0

_recent = threading.local()


class ServerNotAnswering(errors.OperationalError):
    """The database server took no connection within the probe's time: it is frozen or gone."""


def server_answers(host: str, port: int | str, timeout: float) -> bool:
    """True when the postmaster behind ``host``/``port`` answers an SSLRequest within ``timeout`` s.

    ``host`` is a name, an address or (starting with ``/``) the folder of the Unix socket. Any
    answer counts (``S`` or ``N``, even an error): only silence or a refused connection does not.
    """
    port = int(port or 5432)
    deadline = time.monotonic() + timeout
    try:
        if host.startswith("/"):
            probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            address = f"{host}/.s.PGSQL.{port}"
        else:
            probe = socket.create_connection((host, port), timeout=timeout)
            address = None
        with probe:
            probe.settimeout(max(0.01, deadline - time.monotonic()))
            if address is not None:
                probe.connect(address)
            probe.sendall(SSL_REQUEST)
            probe.settimeout(max(0.01, deadline - time.monotonic()))
            return probe.recv(1) != b""
    except OSError:  # refused, unreachable, timed out
        return False


def _target(connection: psycopg.Connection) -> tuple[str, int | str]:
    info = connection.info
    host = getattr(info, "hostaddr", "") or info.host
    return host, info.port


def _watched(gen, connection: WatchedConnection):
    """Pass ``gen``'s waits through; probe the server after each silence of ``probe_after`` s."""
    quiet_since = time.monotonic()
    try:
        state = next(gen)
        while True:
            ready = yield state
            now = time.monotonic()
            if ready:
                quiet_since = now
            elif now - quiet_since >= connection.probe_after:
                connection.probe_or_give_up(now - quiet_since)
                quiet_since = time.monotonic()
            state = gen.send(ready)
    except StopIteration as finished:
        return finished.value


class WatchedConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end when the server no longer answers."""

    probe_after: float = 0.0
    probe_timeout: float = 2.0

    def wait(self, gen, interval=0.1, timeout=None):
        if self.probe_after > 0:
            gen = _watched(gen, self)
        return super().wait(gen, interval=interval, timeout=timeout)

    def probe_or_give_up(self, silent_for: float) -> None:
        host, port = _target(self)
        if server_answers(host, port, self.probe_timeout):
            return
        _recent.gave_up_at = time.monotonic()
        logger.error(
            "database not answering",
            extra={"event": "database_not_answering", "silent_seconds": round(silent_for, 1)},
        )
        # The server may still process what was sent once it runs again; this connection
        # is in an unknown state and must never be used again.
        self.pgconn.finish()
        raise ServerNotAnswering(f"the database server has not answered for {silent_for:.1f} s")


def _watch_settings(settings_dict) -> tuple[float, float]:
    return settings_dict.get("PROBE_AFTER_MS", 0) / 1000, settings_dict.get("PROBE_TIMEOUT_MS", 2000) / 1000


class DatabaseWrapper(PostgresDatabaseWrapper):
    def get_new_connection(self, conn_params):
        gave_up_at = getattr(_recent, "gave_up_at", None)
        if gave_up_at is not None:
            _recent.gave_up_at = None
            if time.monotonic() - gave_up_at < FAIL_FAST_SECONDS:
                raise ServerNotAnswering("the database server did not answer a moment ago")
        connection = super().get_new_connection(conn_params)
        probe_after, probe_timeout = _watch_settings(self.settings_dict)
        if probe_after > 0:
            connection.__class__ = WatchedConnection
            connection.probe_after = probe_after
            connection.probe_timeout = probe_timeout
        return connection
