"""Apply the deletion concept (run daily, e.g. from cron): see infopoint/retention.py."""

from django.core.management.base import BaseCommand, CommandError

from infopoint.retention import KINDS, apply_retention


class Command(BaseCommand):
    help = "Deletes or anonymises personal data whose retention period is over; prints counts per kind."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count what would be deleted or anonymised")
        parser.add_argument("--kind", action="append", choices=list(KINDS), help="only this kind (may be repeated)")

    def handle(self, *args, dry_run=False, kind=None, **options):
        results = apply_retention(dry_run=dry_run, kinds=kind)
        for result in results:
            self.stdout.write(result.summary(dry_run=dry_run))
        failed = [result.kind for result in results if result.error]
        if failed:
            raise CommandError(f"Retention failed for: {', '.join(failed)}; the other kinds were applied.")
