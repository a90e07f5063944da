"""Demo and master data for the Infopoint. Safe to run again and again.

Always: the offices the Infopoint refers to (created once, then left to the admin's edits).
In demo mode only (INFOPOINT_DEMO=true, which ``make run`` sets): demo log-ins, a few
visitors waiting today and, once, 18 months of generated history for the dashboards
(``infopoint/demo_history.py``).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from infopoint.demo_history import demo_history_create
from infopoint.lib import db_roles
from infopoint.lib.opening_hours import seed_concept_hours
from infopoint.lib.roles import GROUP_ADMIN, GROUP_ADVISOR, GROUP_TEAMLEAD
from infopoint.lib.stuttgart import Organisation
from infopoint.services import groups_ensure, staff_user_upsert
from intake.models import Channel, Language, Visit, Visitor, VisitStatus
from openarea.catalogue.demo_forms import DEMO_FORMS
from openarea.catalogue.services import printable_form_save
from openarea.models import PrintableForm
from referrals.demo_offices import DEMO_OFFICES
from referrals.models import Office

DEMO_PASSWORD = "infopoint-demo"  # noqa: S105 - demo mode only, refused with production settings
DEMO_USERS = [
    # username, role group, organisation, first name, last name
    ("berater", GROUP_ADVISOR, Organisation.JOBCENTER, "Jonas", "Berater"),
    ("beraterin", GROUP_ADVISOR, Organisation.SOZIALAMT, "Selin", "Beraterin"),
    ("leitung", GROUP_TEAMLEAD, Organisation.JOBCENTER, "Lea", "Leitung"),
    ("admin", GROUP_ADMIN, Organisation.SOZIALAMT, "Adam", "Admin"),
]
# Fictitious people; codes use the visitor-code alphabet (no 0/O/1/I/L).
DEMO_VISITORS = [
    ("DEMAA2", "Frau Yilmaz", Language.TURKISH, Channel.WALK_IN, VisitStatus.WAITING, 25),
    ("DEMBB3", "", Language.ARABIC, Channel.WALK_IN, VisitStatus.WAITING, 12),
    ("DEMCC4", "Herr Kovalenko", Language.UKRAINIAN, Channel.WALK_IN, VisitStatus.IN_CONVERSATION, 40),
    ("DEMDD5", "Frau Weber", Language.GERMAN, Channel.PHONE, VisitStatus.DONE, 95),
]


class Command(BaseCommand):
    help = "Creates the offices directory and, in demo mode, demo log-ins, visitors and history. Idempotent."

    def handle(self, *args, **options):
        # Issue 21: as the owner role. The demo history is back-dated (receipts issued months
        # ago, counters set to match), which the app role is refused on purpose.
        with db_roles.as_owner():
            self._create(*args, **options)

    @transaction.atomic
    def _create(self, *args, **options):
        groups_ensure()
        created = 0
        for office in DEMO_OFFICES:
            _office, was_created = Office.objects.get_or_create(name=office["name"], defaults=office)
            created += was_created
        self.stdout.write(f"Offices: {created} created, {len(DEMO_OFFICES) - created} already there.")
        self.stdout.write(f"Opening hours: {seed_concept_hours()} periods of the concept added.")
        self._forms()
        if not settings.DEMO_MODE:
            self.stdout.write("Demo mode is off (INFOPOINT_DEMO): no demo log-ins or visitors created.")
            return
        users = {}
        for username, group, organisation, first, last in DEMO_USERS:
            users[username] = staff_user_upsert(
                username=username,
                password=DEMO_PASSWORD,
                group=group,
                organisation=organisation,
                first_name=first,
                last_name=last,
            )
        users["admin"].is_superuser = True
        users["admin"].save(update_fields=["is_superuser"])
        self._visitors_today(users)
        history = demo_history_create(today=timezone.localdate())
        if history:
            self.stdout.write("History created: " + ", ".join(f"{count} {name}" for name, count in history.items()) + ".")
            closed = self._close_history_months(users["leitung"])
            self.stdout.write(f"Statistics: {closed} months of the history closed; last month is left open to close.")
        else:
            self.stdout.write("History: already there (or the database is in use), nothing added.")
        self.stdout.write(self.style.SUCCESS("Demo log-ins (password: infopoint-demo):"))
        for username, group, organisation, _first, _last in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {group:<15} {organisation.label}")

    def _close_history_months(self, team_lead) -> int:
        """Close the history's months as a team lead would, except last month (its button stays to try)."""
        from stats.counting import next_month  # noqa: PLC0415 - the statistics are optional for master data
        from stats.models import ClosedMonth  # noqa: PLC0415
        from stats.selectors import current_month  # noqa: PLC0415
        from stats.services import month_close  # noqa: PLC0415

        first = Visit.objects.order_by("arrived_at").values_list("arrived_at", flat=True).first()
        if first is None:
            return 0
        month = timezone.localtime(first).date().replace(day=1)
        last_to_close = current_month()
        closed = 0
        while next_month(next_month(month)) <= last_to_close:
            if not ClosedMonth.objects.filter(month=month).exists():
                month_close(month=month, actor=team_lead)
                closed += 1
            month = next_month(month)
        return closed

    def _forms(self):
        """The application forms (without PDFs), created once, then left to staff."""
        created = 0
        for entry in DEMO_FORMS:
            if PrintableForm.objects.filter(title_de=entry["title_de"]).exists():
                continue
            offices = Office.objects.filter(kind=entry["office_kind"], is_active=True).order_by("name")
            printable_form_save(actor=None, office=offices.first() if offices.count() == 1 else None, **entry)
            created += 1
        self.stdout.write(f"Forms: {created} created, {len(DEMO_FORMS) - created} already there.")

    def _visitors_today(self, users):
        now = timezone.now()
        start_of_day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        for code, name, language, channel, status, minutes_ago in DEMO_VISITORS:
            visitor, _ = Visitor.objects.get_or_create(code=code, defaults={"name": name, "languages": [language]})
            if visitor.visits.filter(arrived_at__gte=start_of_day).exists():
                continue
            arrived = max(now - timedelta(minutes=minutes_ago), start_of_day)
            advisor = users["berater"] if status != VisitStatus.WAITING else None
            Visit.objects.create(
                visitor=visitor,
                arrived_at=arrived,
                channel=channel,
                status=status,
                language=language,
                organisation=Organisation.JOBCENTER,
                advisor=advisor,
            )
