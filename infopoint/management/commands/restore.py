"""python manage.py restore FILE --yes: replace the database's content by a backup."""

import logging
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.utils import timezone

from infopoint.lib import backup, issued_numbers

security_log = logging.getLogger("infopoint.security")


class Command(BaseCommand):
    help = (
        "Replace the content of the application database by a backup made with 'manage.py backup' "
        "(pg_restore --clean, all or nothing), then check the invariants."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file (custom format).")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Confirm that everything stored since the backup is to be replaced.",
        )
        parser.add_argument(
            "--continue-from",
            action="append",
            default=[],
            metavar="[YEAR-]NUMBER",
            help=(
                "The highest receipt number handed out so far (this year, or YEAR-NUMBER for another year): "
                "the next receipt gets a higher one. Needed only when the record of issued numbers "
                "(INFOPOINT_ISSUED_NUMBERS_FILE) is missing; may be given more than once."
            ),
        )

    def handle(self, *args, file, yes=False, continue_from=(), **options):
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        if not yes:
            raise CommandError(
                "Restoring replaces everything in the database by the backup; everything saved since then is lost. "
                "Stop the application, then run again with --yes."
            )
        given = _continue_from(continue_from)
        highest = self._highest_issued(given)
        try:
            backup.restore(file)
        except backup.BackupError as error:
            raise CommandError(f"Nothing was restored; the database is unchanged. {error}") from None
        # Receipt numbers handed out after the backup are gone with it; they are never handed out again.
        lost = backup.continue_counters_above(highest)
        restored_at = timezone.localtime().isoformat(timespec="seconds")
        for gone in lost:
            issued_numbers.record_lost(year=gone.year, first=gone.first, last=gone.last, restored_at=restored_at, backup=file.name)
            self.stdout.write(
                f"Receipts {gone.year}: numbers {gone.first} to {gone.last} were issued after the backup and are not in it; "
                f"they are never issued again, the next receipt is {gone.year}-{gone.last + 1:06d}."
            )
        found = backup.invariants()
        total = sum(found.row_counts.values())
        security_log.warning(
            "database restored",
            extra={
                "event": "database_restored", "rows": total, "invariant_problems": len(found.problems),
                "receipt_numbers_skipped": sum(gone.last - gone.first + 1 for gone in lost),
            },
        )
        self.stdout.write(f"Restored {file}: {total:,} rows in {len(found.row_counts)} tables.")
        for year, (count, highest, counter) in sorted(found.receipt_numbers.items()):
            self.stdout.write(f"Receipts {year}: {count} (numbers 1 to {highest}, counter {counter}).")
        if found.problems:
            raise CommandError("The restored database breaks invariants: " + "; ".join(found.problems))
        self.stdout.write("Invariants hold: receipt numbering gapless and counters matching, receipts and audit log unchangeable.")

    def _highest_issued(self, given: dict[int, int]) -> dict[int, int]:
        """The highest receipt number ever issued per year: the record outside the database, the
        database being replaced (it may have gone on after the backup), and --continue-from."""
        try:
            live = backup.issued_maxima()
        except DatabaseError:
            live = {}  # a new, empty database: nothing to learn from it
        finally:
            connection.close()
        try:
            record = issued_numbers.read()
            if not record.exists and not live and not given:
                raise CommandError(
                    f"There is no record of the receipt numbers issued so far ({issued_numbers.path()}) and the "
                    "database holds none: after the restore, numbers handed out since the backup could be handed "
                    "out again. Give the highest receipt number handed out this year (see the last printed "
                    "receipt), e.g. --continue-from 123, or 2026-123 for another year; --continue-from 0 if none."
                )
            record = issued_numbers.record_many({**live, **{year: max(number, live.get(year, 0)) for year, number in given.items()}})
        except issued_numbers.IssuedNumbersError as error:
            raise CommandError(f"Nothing was restored; the database is unchanged. {error}") from None
        return record.highest


def _continue_from(values) -> dict[int, int]:
    given: dict[int, int] = {}
    for value in values:
        match = re.fullmatch(r"(?:([0-9]{4})-)?0*([0-9]{1,9})", value.strip())
        if not match:
            raise CommandError(f"--continue-from {value!r}: give a number, or YEAR-NUMBER such as 2026-123.")
        year = int(match[1]) if match[1] else timezone.localdate().year
        given[year] = max(given.get(year, 0), int(match[2]))
    return given
