"""The separate benchmark database: create, fill, check the receipt numbering, drop.

    python -m benchmarks.bench_db create   # with infopoint.settings: CREATE DATABASE infopoint_bench
    python -m benchmarks.bench_db fill     # with benchmarks.settings (after migrate): data + log-ins, JSON on stdout
    python -m benchmarks.bench_db receipts # with benchmarks.settings: is every year's numbering gapless?
    python -m benchmarks.bench_db drop     # with infopoint.settings

The data is benchmarks/stats_data.py's five years (1,000,000 contacts, 200,000 referrals,
50,000 receipts, 100,000 visitors), committed this time, plus what the pages need: log-ins with
a password for 40 advisors and the team lead, an enrolled kiosk, the offices, opening hours and
forms, today's waiting list, one receipt, screening run and referral for the PDFs, and the months
the dashboard reads closed as a team lead does each month (the shown one stays open).
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ADVISORS = 40
# Only ever used inside the loopback-only benchmark database.
BENCH_PASSWORD = "infopoint-bench-loopback"  # noqa: S105 - allow-listed in tests/infopoint/test_no_secrets.py


def _database_name() -> str:
    from django.conf import settings  # noqa: PLC0415

    name = os.environ.get("INFOPOINT_BENCH_DB", "infopoint_bench")
    assert name.startswith("infopoint_bench") and name != settings.DATABASES["default"]["NAME"], name
    return name


def create() -> None:
    from django.db import connection  # noqa: PLC0415

    name = _database_name()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')


def drop() -> None:
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{_database_name()}" WITH (FORCE)')


def _months_to_close(current: date) -> list[date]:
    """Every month the dashboard reads besides the current one (as in benchmarks/stats.py)."""
    from stats.views.dashboard import previous_month  # noqa: PLC0415

    shown = previous_month(current)
    months = {date(shown.year, number, 1) for number in range(1, shown.month + 1)}
    months |= {date(current.year, number, 1) for number in range(1, current.month)}
    months |= {date(month.year - 1, month.month, 1) for month in (current, shown)}
    return sorted(months)


def _master_data():
    from infopoint.lib.opening_hours import seed_concept_hours  # noqa: PLC0415
    from openarea.catalogue.demo_forms import DEMO_FORMS  # noqa: PLC0415
    from openarea.catalogue.services import printable_form_save  # noqa: PLC0415
    from referrals.demo_offices import DEMO_OFFICES  # noqa: PLC0415
    from referrals.models import Office  # noqa: PLC0415

    for office in DEMO_OFFICES:
        Office.objects.get_or_create(name=office["name"], defaults=office)
    seed_concept_hours()
    for entry in DEMO_FORMS:
        printable_form_save(actor=None, office=None, **entry)
    return Office.objects.filter(is_active=True, kind="jobcenter").order_by("pk").first()


def _staff(lead):
    """40 advisors with a password (one hash for all: hashing 41 times would cost a minute)."""
    from django.contrib.auth.models import Group, User  # noqa: PLC0415

    from infopoint.lib.roles import GROUP_ADVISOR  # noqa: PLC0415
    from infopoint.models import StaffProfile  # noqa: PLC0415

    group = Group.objects.get(name=GROUP_ADVISOR)
    advisors = list(User.objects.filter(username__startswith="bench-stats-advisor-").order_by("pk"))
    for index in range(len(advisors), ADVISORS):
        user = User.objects.create(username=f"bench-advisor-{index}")
        user.groups.add(group)
        StaffProfile.objects.create(user=user, organisation="jobcenter" if index % 2 else "sozialamt")
        advisors.append(user)
    lead.set_password(BENCH_PASSWORD)
    lead.save(update_fields=["password"])
    User.objects.filter(pk__in=[user.pk for user in advisors]).update(password=lead.password)
    return advisors


def fill() -> dict:
    from django.db import connection, transaction  # noqa: PLC0415
    from django.db.models import Max  # noqa: PLC0415
    from django.http import HttpResponse, QueryDict  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from benchmarks import stats_data  # noqa: PLC0415
    from benchmarks.pages import FOUR_PERSONS  # noqa: PLC0415
    from infopoint.lib.audited_bulk import bulk_without_audit  # noqa: PLC0415
    from intake.models import Visit, Visitor, VisitStatus  # noqa: PLC0415
    from openarea.kiosk_cookie import set_device_cookie  # noqa: PLC0415
    from openarea.models import KioskDevice, Receipt, ReceiptCounter  # noqa: PLC0415
    from openarea.models.receipts import RECEIPT_SERIES  # noqa: PLC0415
    from openarea.receipts import services as receipt_services  # noqa: PLC0415
    from referrals.models import Referral  # noqa: PLC0415
    from screening import forms as screening_forms  # noqa: PLC0415
    from screening.services import screening_run_create  # noqa: PLC0415
    from stats import selectors, services  # noqa: PLC0415
    from stats.views.dashboard import previous_month  # noqa: PLC0415

    seconds = {}
    start = time.perf_counter()
    with transaction.atomic():
        generated = stats_data.generate(timezone.now())
    seconds["generate"] = time.perf_counter() - start
    start = time.perf_counter()
    with transaction.atomic():
        # The generated receipts were numbered in SQL: the counters continue after them.
        for row in Receipt.objects.values("year").annotate(last=Max("number")):
            ReceiptCounter.objects.update_or_create(series=RECEIPT_SERIES, year=row["year"], defaults={"last_number": row["last"]})
        office = _master_data()
        advisors = _staff(generated.lead)
        advisor = advisors[0]
        # Today's waiting list: a dozen people waiting for the advisor's organisation.
        visitors = list(Visitor.objects.order_by("pk")[:12])
        organisation = advisor.staff_profile.organisation
        with bulk_without_audit("benchmark data"):
            Visit.objects.bulk_create([Visit(visitor=visitor, organisation=organisation, status=VisitStatus.WAITING) for visitor in visitors])
        device = KioskDevice.objects.create(name="Bench kiosk", enrolled_by=generated.lead)
        response = HttpResponse()
        set_device_cookie(response, device)
        from django.conf import settings  # noqa: PLC0415

        kiosk_cookie = response.cookies[settings.KIOSK_COOKIE_NAME].value
        receipt = receipt_services.receipt_issue(
            actor=advisor, applicant_name="Bench Person", benefit="sgb2", office=office, language="ar", token=uuid.uuid4(),
            items=[{"kind": "application_form", "description": "Hauptantrag Bürgergeld", "pages": 6}],
        )  # fmt: skip
        query = QueryDict(mutable=True)
        query.update(FOUR_PERSONS)
        run = screening_run_create(household=screening_forms.from_post(query, timezone.localdate()).data, actor=advisor)
        referral = (
            Referral.objects.filter(created_by=advisor, organisation=organisation, appointment_at__isnull=False)
            .order_by("-created_at").first()
        )  # fmt: skip
    # The busiest visitor the advisor may see (contacts of the advisor's organisation).
    visitor = Visitor.objects.filter(visits__organisation=organisation).order_by("pk").first()
    seconds["fixtures"] = time.perf_counter() - start
    start = time.perf_counter()
    current = selectors.current_month()
    for month in _months_to_close(current):
        with transaction.atomic():
            services.month_close(month=month, actor=generated.lead)
    seconds["months_closed"] = time.perf_counter() - start
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for table in stats_data.TABLES:
            cursor.execute(f"VACUUM ANALYZE {table}")
    seconds["vacuum"] = time.perf_counter() - start
    return {
        "rows": generated.rows,
        "seconds": {name: round(value, 1) for name, value in seconds.items()},
        "advisors": [user.username for user in advisors],
        "lead": generated.lead.username,
        "password": BENCH_PASSWORD,
        "kiosk_cookie_name": settings.KIOSK_COOKIE_NAME,
        "kiosk_cookie": kiosk_cookie,
        "office": office.pk,
        "visitor_code": visitor.code,
        "receipt": receipt.pk,
        "screening_run": run.pk,
        "referral": referral.pk if referral else None,
        "open_month": f"{current:%Y-%m}",
        "closed_month": f"{previous_month(current):%Y-%m}",
        "advisor_username_for_pages": advisor.username,
    }


def receipts_gapless() -> dict:
    """Every year's numbers run 1, 2, 3, … without a gap or a repeat (receipts and cancellations share them)."""
    from django.db.models import Count, Max  # noqa: PLC0415

    from openarea.models import Receipt  # noqa: PLC0415

    years = Receipt.objects.values("year").annotate(count=Count("id"), distinct=Count("number", distinct=True), last=Max("number"))
    broken = [row["year"] for row in years if not (row["count"] == row["distinct"] == row["last"])]
    return {"years": len(years), "receipts": sum(row["count"] for row in years), "broken_years": broken, "gapless": not broken}


def main(command: str) -> None:
    import django  # noqa: PLC0415

    django.setup()
    from infopoint.lib import db_roles  # noqa: PLC0415

    # Issue 21: creating the database, back-dated history and VACUUM need the owner role;
    # the measured app (gunicorn) connects as the app role.
    with db_roles.as_owner():
        _command(command)


def _command(command: str) -> None:
    if command == "create":
        create()
    elif command == "drop":
        drop()
    elif command == "fill":
        print(json.dumps(fill()))
    elif command == "receipts":
        print(json.dumps(receipts_gapless()))
    else:
        sys.exit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1])
