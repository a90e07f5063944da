"""``python manage.py rescreen --as-of 2027-01-01 [--dry-run]``: when the law changes, find who it
affects (issue 20; ``screening/rescreen_service.py``). Prints one line per visitor whose answer
changes — visitor code, advisor, before → after in words — and a summary. Visitor codes only,
never names: the output may end up in a terminal log."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from screening.rescreen import route_of
from screening.rescreen_service import rescreen
from screening.rescreen_words import changes_text, route_text
from screening.rules.parse import EARLIEST_DATE


def parse_as_of(text: str | None) -> date:
    try:
        as_of = date.fromisoformat((text or "").strip())
    except ValueError:
        raise CommandError(f"--as-of: not a date in the form YYYY-MM-DD: {text!r}") from None
    if as_of < EARLIEST_DATE:
        raise CommandError(f"--as-of: the law is covered from {EARLIEST_DATE.isoformat()} on: {text!r}")
    return as_of


class Command(BaseCommand):
    help = "Re-runs the latest saved check of every visitor to call back with an open case on the law of a date and lists whose answer changes."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", required=True, help="date of the law, YYYY-MM-DD (e.g. 2027-01-01)")
        parser.add_argument("--dry-run", action="store_true", help="only list; store no new runs and no follow-ups")

    def handle(self, *args, **options):
        as_of = parse_as_of(options["as_of"])
        with translation.override(settings.LANGUAGE_CODE):
            report = rescreen(as_of=as_of, dry_run=options["dry_run"])
            for item in report.items:
                advisor = item.advisor.get_full_name() or item.advisor.get_username()
                before, after = route_text(route_of(item.check.result)), route_text(route_of(item.result))
                self.stdout.write(f"{item.visitor.code}  {advisor}  {before} → {after}: {changes_text(item.changes)}")
            for check, message in report.failed:
                self.stderr.write(
                    f"{check.visit.visitor.code}: {_('could not be recalculated')} (run {check.pk}: {message})"
                )
            self.stdout.write(
                _(
                    "%(date)s: %(checked)d checks recalculated, %(listed)d with a change, %(runs)d recalculations "
                    "stored, %(follow_ups)d follow-ups created, %(skipped)d already on this law, %(failed)d could not be recalculated."
                )
                % {
                    "date": as_of.strftime("%d.%m.%Y"),
                    "checked": report.checked,
                    "listed": len(report.items),
                    "runs": report.runs_created,
                    "follow_ups": report.follow_ups_created,
                    "skipped": report.skipped,
                    "failed": len(report.failed),
                }
            )
            if report.dry_run:
                self.stdout.write(_("Dry run: nothing was stored."))
