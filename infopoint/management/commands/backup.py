"""python manage.py backup [--output FILE]: a pg_dump of the application database."""

import logging
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from infopoint.lib import backup, issued_numbers

security_log = logging.getLogger("infopoint.security")


class Command(BaseCommand):
    help = "Dump the application database (pg_dump custom format, readable by the owner only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="File to write (default: INFOPOINT_BACKUP_DIR/infopoint-YYYYMMDD-HHMMSS.dump).",
        )

    def handle(self, *args, output=None, **options):
        output = output or backup.default_backup_path(settings.INFOPOINT_BACKUP_DIR)
        if output.exists():
            raise CommandError(f"{output} exists already: choose another file, a backup is never overwritten.")
        try:
            written = backup.backup(output)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        size = written.stat().st_size
        # The record a restore continues the receipt numbers from holds at least what the backup holds.
        try:
            issued_numbers.record_many(backup.issued_maxima())
        except issued_numbers.IssuedNumbersError as error:
            raise CommandError(f"The backup was written to {written}, but {error}") from None
        security_log.info("backup written", extra={"event": "backup_written", "bytes": size})
        self.stdout.write(f"Backup written to {written} ({size:,} bytes).")
