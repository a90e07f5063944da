"""Erase what visitors allowed to be kept only for the day (run nightly, e.g. from cron).

Visitors whose consent covers only the day of their contact lose their personal data once
that day is over; their contacts remain as anonymous counts. ``apply_retention`` does the
same as its kind ``day_only``, besides the other retention periods.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from infopoint.retention import apply_day_only


class Command(BaseCommand):
    help = "Erases personal data of visitors who consented only to storage for the day."

    def handle(self, *args, **options):
        with transaction.atomic():
            result = apply_day_only()
        self.stdout.write(
            f"Erased the personal data of {result.counts['visitors_erased']} visitor(s) with consent for the day only."
        )
        self.stdout.write(f"Deleted {result.counts['kiosk_drafts_deleted']} expired kiosk hand-in pre-fill(s).")
