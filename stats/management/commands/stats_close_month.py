"""Freeze a finished month's statistics: python manage.py stats_close_month 2026-10."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from stats.months import MonthInvalid, parse_month
from stats.services import MonthNotClosable, month_close


class Command(BaseCommand):
    help = "Closes a finished month (YYYY-MM): its published figures never change afterwards."

    def add_arguments(self, parser):
        parser.add_argument("month", help="the month to close, e.g. 2026-10")

    def handle(self, *args, month, **options):
        translation.activate("en")
        try:
            first_day = parse_month(month)
            closed = month_close(month=first_day)
        except (MonthInvalid, MonthNotClosable) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{closed.month:%Y-%m} closed: its figures are frozen."))
