"""Erase what visitors allowed to be kept only for the day (run nightly, e.g. from cron).

Visitors whose consent covers only the day of their contact lose their personal data once
that day is over; their contacts remain as anonymous counts.
"""

from django.core.management.base import BaseCommand
from django.db.models import Max
from django.utils import timezone

from intake.models import ConsentScope, Visitor
from intake.services import visitor_erase
from openarea.receipts.services import hand_in_drafts_purge


class Command(BaseCommand):
    help = "Erases personal data of visitors who consented only to storage for the day."

    def handle(self, *args, **options):
        start_of_today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        due = (
            Visitor.objects.filter(consent_scope=ConsentScope.DAY_ONLY)
            .annotate(last_contact=Max("visits__arrived_at"))
            .filter(last_contact__lt=start_of_today)
            .exclude(name="", description="", contact="", birth_year__isnull=True)
        )
        count = 0
        for visitor in due:
            visitor_erase(visitor=visitor, actor=None)
            count += 1
        self.stdout.write(f"Erased the personal data of {count} visitor(s) with consent for the day only.")
        drafts = hand_in_drafts_purge()
        self.stdout.write(f"Deleted {drafts} expired kiosk hand-in pre-fill(s).")
