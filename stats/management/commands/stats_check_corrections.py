"""Record later changes in the case data beside the published figures of closed months (daily)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from infopoint.retention import case_data_cutoff
from stats.models import ClosedMonth
from stats.months import MonthInvalid, parse_month
from stats.services import corrections_record


class Command(BaseCommand):
    help = "Compares closed months with today's case data and records differences as corrections."

    def add_arguments(self, parser):
        parser.add_argument("month", nargs="?", help="one month (YYYY-MM); default: every closed month")

    def handle(self, *args, month=None, **options):
        translation.activate("en")  # operators' logs are in English, like the other commands
        if month:
            try:
                months = [parse_month(month)]
            except MonthInvalid as error:
                raise CommandError(str(error)) from error
            if not ClosedMonth.objects.filter(month=months[0]).exists():
                raise CommandError(f"{month} is not closed.")
        else:
            months = list(ClosedMonth.objects.order_by("month").values_list("month", flat=True))
        # Case data of months up to the retention cut-off is deleted on purpose (apply_retention):
        # comparing them would record the deletion as corrections of the published figures.
        cutoff_month = timezone.localtime(case_data_cutoff()).date().replace(day=1)
        skipped = [first_day for first_day in months if first_day <= cutoff_month]
        months = [first_day for first_day in months if first_day > cutoff_month]
        if skipped:
            self.stdout.write(f"{len(skipped)} month(s) up to {cutoff_month:%Y-%m} skipped: their case data is past the retention period.")
        for first_day in months:
            differing = corrections_record(month=first_day)
            self.stdout.write(f"{first_day:%Y-%m}: {differing} figure(s) differ from what was published.")
