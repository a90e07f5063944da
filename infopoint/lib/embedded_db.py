"""The embedded PostgreSQL server used when DATABASE_URL is not set.

It comes from the ``pgserver`` package, keeps its data in ``./.data/postgres`` and
listens on a Unix socket only. It is started on the first database connection and
keeps running after the Python process ends, so that ``runserver``'s reloader,
management commands and test runs share one server. Stop it with ``make db-stop``
(``python -m infopoint.lib.embedded_db stop``).

This module must not import Django at module level: ``make db-stop`` uses it bare.
"""

from __future__ import annotations

import fcntl
import functools
import os
import subprocess
import sys
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATA_DIR = BASE_DIR / ".data" / "postgres"
DATABASE_NAME = "infopoint"
# The receipt-numbering concurrency tests open ~100 connections at once (security.md I1).
MAX_CONNECTIONS = 250


# Issue 21: the app never connects as the superuser. The owner role runs the migrations and
# owns every table; the app role has only the privileges the owner grants after each migrate
# (infopoint/lib/db_roles.py). On the embedded server both log in over the Unix socket (trust).
SUPERUSER = "postgres"
OWNER_ROLE = "infopoint_owner"
APP_ROLE = "infopoint_app"
_start_lock = threading.Lock()


@dataclass(frozen=True)
class EmbeddedServer:
    socket_dir: str
    user: str = SUPERUSER


def data_dir() -> Path:
    return Path(os.environ.get("INFOPOINT_PGDATA", DEFAULT_DATA_DIR)).resolve()


def _quiet_pgserver():
    # platformdirs warns about a missing XDG_RUNTIME_DIR on servers; the fallback is fine.
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")  # noqa: S108 - only for pgserver's lock files
    warnings.filterwarnings("ignore", module="platformdirs")
    import pgserver  # noqa: PLC0415 - imported lazily: only needed without DATABASE_URL

    return pgserver


@functools.cache
def ensure_running() -> EmbeddedServer:
    """Start the embedded server if needed; the database and both roles exist afterwards.

    Safe under threads and processes: a threaded server's first requests (or several test
    processes) may all arrive here at once. pgserver's own start is not safe under threads
    ("Unable to release an unaquired lock"), so one start runs at a time: a lock within the
    process, a file lock (flock) between processes. ``functools.cache`` alone does not
    serialise: two threads that miss the cache at once both run the function."""
    with _start_lock:
        path = data_dir()
        path.mkdir(parents=True, exist_ok=True)
        with open(path.parent / f".{path.name}.start-lock", "w") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                return _start(path)
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)


def _start(path: Path) -> EmbeddedServer:
    pgserver = _quiet_pgserver()
    # pgserver caches its handle per folder and would trust a server that has since stopped.
    pgserver.PostgresServer._instances.pop(path, None)
    server = pgserver.get_server(path, cleanup_mode=None)
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    if int(server.psql("SHOW max_connections;").split()[2]) < MAX_CONNECTIONS:
        server.psql(f"ALTER SYSTEM SET max_connections = {MAX_CONNECTIONS};")
        _pg_ctl(path, "restart")
        ensure_running.cache_clear()
        pgserver.PostgresServer._instances.pop(path, None)
        server = pgserver.get_server(path, cleanup_mode=None)
        socket_dir = str(server.get_postmaster_info().socket_dir)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608 - a constant
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    ensure_roles(socket_dir)
    return EmbeddedServer(socket_dir=socket_dir, user=SUPERUSER)


def ensure_roles(socket_dir: str) -> None:
    """Create the owner and the app role (idempotent) and give the owner the app's databases.

    Data folders from before issue 21 hold tables owned by the superuser: they are handed to
    the owner role once, in the app's database and in every test or benchmark database."""
    import psycopg  # noqa: PLC0415 - only with the embedded server

    from infopoint.lib import db_roles  # noqa: PLC0415 - no Django import there either

    with psycopg.connect(host=socket_dir, user=SUPERUSER, dbname="postgres", autocommit=True) as conn:
        for statement in db_roles.embedded_role_sql(OWNER_ROLE, APP_ROLE):
            conn.execute(statement)
        databases = [
            row[0]
            for row in conn.execute(
                "SELECT datname FROM pg_database WHERE datname = %s OR datname LIKE %s OR datname LIKE %s",
                [DATABASE_NAME, f"{DATABASE_NAME}_bench%", f"test_{DATABASE_NAME}%"],
            )
        ]
    for name in databases:
        with psycopg.connect(host=socket_dir, user=SUPERUSER, dbname=name, autocommit=True) as conn:
            for statement in db_roles.hand_over_sql(conn, name, OWNER_ROLE):
                conn.execute(statement)


def _pg_ctl(path: Path, action: str) -> subprocess.CompletedProcess:
    pgserver = _quiet_pgserver()
    from pgserver._commands import pg_ctl  # noqa: PLC0415

    user = "pgserver" if os.geteuid() == 0 else None
    args = ["-w", action]
    if action == "restart":
        args = ["-w", "-l", str(path / "log"), "restart"]
    del pgserver
    return pg_ctl(args, pgdata=path, user=user)


def is_running() -> bool:
    pid_file = data_dir() / "postmaster.pid"
    if not pid_file.exists():
        return False
    try:
        pid = int(pid_file.read_text().splitlines()[0])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def stop() -> str:
    if not is_running():
        return f"The embedded PostgreSQL in {data_dir()} is not running."
    _pg_ctl(data_dir(), "stop")
    return f"Stopped the embedded PostgreSQL in {data_dir()}."


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "stop":
        print(stop())
    elif command == "start":
        server = ensure_running()
        print(f"The embedded PostgreSQL runs in {data_dir()} (socket in {server.socket_dir}).")
    elif command == "status":
        state = "running" if is_running() else "stopped"
        print(f"The embedded PostgreSQL in {data_dir()} is {state}.")
    else:
        print("usage: python -m infopoint.lib.embedded_db [status|start|stop]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
