"""Backup and restore of the application database with pg_dump/pg_restore (security.md J1).

The dump is PostgreSQL's custom format (``pg_dump -Fc``): a consistent snapshot even while
the counter is in use, compressed, and restorable table by table. It holds personal data:
the file is created readable by its owner only; encrypting it and copying it off the host
is the operator's job (README, "Backup and restore").

The client programs must match the server's major version. The embedded server brings its
own in ``pgserver/pginstall/bin``; with DATABASE_URL the ones on PATH are used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from infopoint.lib import db_roles, issued_numbers
from openarea.models import Receipt, ReceiptCounter
from openarea.models.receipts import RECEIPT_SERIES

IMMUTABILITY_TRIGGERS = (
    "openarea_receipt_immutable",
    "openarea_receiptdocument_immutable",
    "auditlog_logentry_unchangeable",
    # Issue 21 (infopoint migration 0006).
    "openarea_receipt_issued_now",
    "auditlog_logentry_no_truncate",
    "openarea_receipt_no_truncate",
    "openarea_receiptdocument_no_truncate",
    "openarea_receiptcounter_no_truncate",
)


class BackupError(Exception):
    """pg_dump or pg_restore failed; the message is theirs (it names no personal data)."""


@dataclass(frozen=True)
class Target:
    """How the client programs reach the application database."""

    binaries: Path | None
    dbname: str
    host: str
    port: str
    user: str
    password: str

    def program(self, name: str) -> str:
        if self.binaries is not None:
            return str(self.binaries / name)
        found = shutil.which(name)
        if found is None:
            raise BackupError(f"{name} is not installed: install the PostgreSQL client matching the server's version.")
        return found

    def arguments(self) -> list[str]:
        arguments = ["--dbname", self.dbname, "--username", self.user]
        if self.host:
            arguments += ["--host", self.host]
        if self.port:
            arguments += ["--port", str(self.port)]
        return arguments

    def environment(self) -> dict[str, str]:
        # The password goes through the environment, never the command line (ps shows it).
        environment = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
        if self.password:
            environment["PGPASSWORD"] = self.password
        return environment


def target() -> Target:
    """The configured database as the client programs need it (starts the embedded server).

    Issue 21: as the owner role (DATABASE_MIGRATE_URL; embedded: infopoint_owner): pg_dump must
    read every table and pg_restore recreate them, which the app role may not."""
    with db_roles.as_owner():
        params = connection.get_connection_params()
    binaries = None
    if connection.settings_dict["ENGINE"] == "infopoint.db.embedded":
        from pgserver._commands import POSTGRES_BIN_PATH  # noqa: PLC0415 - only with the embedded server

        binaries = Path(POSTGRES_BIN_PATH)
    return Target(
        binaries=binaries,
        dbname=params.get("dbname") or connection.settings_dict["NAME"],
        host=str(params.get("host") or ""),
        port=str(params.get("port") or ""),
        user=params.get("user") or "",
        password=params.get("password") or "",
    )


def default_backup_path(directory: Path) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return directory / f"infopoint-{stamp}.dump"


def _run(command: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed (exit {result.returncode}): {result.stderr.strip()}")


def backup(output: Path) -> Path:
    """Dump the application database to ``output`` (custom format, mode 0600) and check it reads back."""
    where = target()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    # Create the file owner-only before pg_dump writes personal data into it.
    partial.touch(mode=0o600)
    partial.chmod(0o600)
    try:
        _run(
            [where.program("pg_dump"), "--format=custom", "--no-password", "--file", str(partial), *where.arguments()],
            where.environment(),
        )
        # A dump that pg_restore cannot list is no backup.
        _run([where.program("pg_restore"), "--list", str(partial)], where.environment())
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(output)
    return output


def restore(dump: Path) -> None:
    """Replace the application database's content by the dump, all or nothing.

    ``--clean --if-exists`` drops every object of the dump before recreating it, and
    ``--single-transaction`` rolls the whole restore back if any statement fails, so a
    broken dump leaves the database as it was. Objects are owned by the restoring user.
    """
    if not dump.is_file():
        raise BackupError(f"{dump} is not a file.")
    where = target()
    # Our own open connection would hold locks that DROP TABLE waits for.
    connection.close()
    _run(
        [
            where.program("pg_restore"),
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-password",
            *where.arguments(),
            str(dump),
        ],
        where.environment(),
    )
    # The dump carries the privileges; granting again covers a dump from another setup.
    app = db_roles.app_user()
    with db_roles.as_owner():
        db_roles.grant_app_privileges(connection, app)


def issued_maxima() -> dict[int, int]:
    """The highest receipt number per year the database knows of: the highest stored receipt,
    or the counter where it is ahead (numbers lost in an earlier restore). Read from the data,
    whichever way the counter is advanced (Python or a database function)."""
    highest = {
        year: number
        for year, number in Receipt._base_manager.values("year").annotate(highest=Max("number")).values_list("year", "highest")
    }
    for year, last_number in ReceiptCounter.objects.filter(series=RECEIPT_SERIES).values_list("year", "last_number"):
        highest[year] = max(highest.get(year, 0), last_number)
    return highest


@dataclass(frozen=True)
class LostRange:
    """Numbers issued after the backup: gone with the restore, never to be issued again."""

    year: int
    first: int
    last: int


def continue_counters_above(highest: dict[int, int]) -> list[LostRange]:
    """After a restore: move each year's counter up to the highest number ever issued."""
    lost = []
    restored = issued_maxima()
    # The app role may only draw numbers; moving a counter is the owner's, like the restore itself.
    with db_roles.as_owner():
        for year, number in sorted(highest.items()):
            if number > restored.get(year, 0):
                lost.append(LostRange(year=year, first=restored.get(year, 0) + 1, last=number))
                ReceiptCounter.objects.update_or_create(series=RECEIPT_SERIES, year=year, defaults={"last_number": number})
    return lost


@dataclass(frozen=True)
class Invariants:
    """What must hold in every restored database (security.md I1, I3, J1)."""

    row_counts: dict[str, int]
    receipt_numbers: dict[int, tuple[int, int, int]]  # year → (count, highest number, counter)
    numbering_problems: list[str]
    inactive_triggers: list[str]

    @property
    def problems(self) -> list[str]:
        return [*self.numbering_problems, *(f"trigger {name} is missing or disabled" for name in self.inactive_triggers)]


def invariants() -> Invariants:
    row_counts = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }
    numbers: dict[int, tuple[int, int, int]] = {}
    problems: list[str] = []
    counters = {
        counter.year: counter.last_number
        for counter in ReceiptCounter.objects.filter(series=RECEIPT_SERIES)
    }
    years = sorted(set(Receipt.objects.values_list("year", flat=True).distinct()) | set(counters))
    try:
        record = issued_numbers.read()
    except issued_numbers.IssuedNumbersError:
        record = issued_numbers.IssuedNumbers(exists=False)
    for year in years:
        taken = list(Receipt.objects.filter(year=year).order_by("number").values_list("number", flat=True))
        highest = taken[-1] if taken else 0
        counter = counters.get(year, 0)
        numbers[year] = (len(taken), highest, counter)
        # Numbers issued after a backup and lost in a restore are the only gaps allowed (issue 21).
        lost = record.lost_numbers(year)
        if sorted(set(taken) | {number for number in lost if number <= highest}) != list(range(1, highest + 1)) or len(set(taken)) != len(taken):
            problems.append(f"receipt numbers of {year} are not 1..{highest} without gaps")
        if counter < highest or not set(range(highest + 1, counter + 1)) <= lost:
            problems.append(f"receipt counter of {year} is {counter}, the highest number is {highest}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgname = ANY(%s) AND tgenabled = 'O' AND NOT tgisinternal",
            [list(IMMUTABILITY_TRIGGERS)],
        )
        active = {row[0] for row in cursor.fetchall()}
    return Invariants(
        row_counts=row_counts,
        receipt_numbers=numbers,
        numbering_problems=problems,
        inactive_triggers=[name for name in IMMUTABILITY_TRIGGERS if name not in active],
    )
