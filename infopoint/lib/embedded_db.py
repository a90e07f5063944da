"""The embedded PostgreSQL server used when DATABASE_URL is not set.

It comes from the ``pgserver`` package, keeps its data in ``./.data/postgres`` and
listens on a Unix socket only. It is started on the first database connection and
keeps running after the Python process ends, so that ``runserver``'s reloader,
management commands and test runs share one server. Stop it with ``make db-stop``
(``python -m infopoint.lib.embedded_db stop``).

This module must not import Django at module level: ``make db-stop`` uses it bare.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATA_DIR = BASE_DIR / ".data" / "postgres"
DATABASE_NAME = "infopoint"
# The receipt-numbering concurrency tests open ~100 connections at once (security.md I1).
MAX_CONNECTIONS = 250


@dataclass(frozen=True)
class EmbeddedServer:
    socket_dir: str
    user: str


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
    """Start the embedded server if needed and make sure the application database exists."""
    pgserver = _quiet_pgserver()
    path = data_dir()
    path.mkdir(parents=True, exist_ok=True)
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
    return EmbeddedServer(socket_dir=socket_dir, user="postgres")


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
