"""python manage.py restore FILE --yes: replace the database's content by a backup."""

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from infopoint.lib import backup

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

    def handle(self, *args, file, yes=False, **options):
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        if not yes:
            raise CommandError(
                "Restoring replaces everything in the database by the backup; everything saved since then is lost. "
                "Stop the application, then run again with --yes."
            )
        try:
            backup.restore(file)
        except backup.BackupError as error:
            raise CommandError(f"Nothing was restored; the database is unchanged. {error}") from None
        found = backup.invariants()
        total = sum(found.row_counts.values())
        security_log.warning(
            "database restored",
            extra={"event": "database_restored", "rows": total, "invariant_problems": len(found.problems)},
        )
        self.stdout.write(f"Restored {file}: {total:,} rows in {len(found.row_counts)} tables.")
        for year, (count, highest, counter) in sorted(found.receipt_numbers.items()):
            self.stdout.write(f"Receipts {year}: {count} (numbers 1 to {highest}, counter {counter}).")
        if found.problems:
            raise CommandError("The restored database breaks invariants: " + "; ".join(found.problems))
        self.stdout.write("Invariants hold: receipt numbering gapless and counters matching, receipts and audit log unchangeable.")
