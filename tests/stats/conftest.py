"""A small hand-built month of case data (March 2026) whose every count is known by heart.

Each visitor has a distinctive name, code and note, so that a test can show that none of
them reaches a published figure. The expected counts are written next to the data in
``MARCH`` so that the counting tests and the dashboard tests read them from one place.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from infopoint.lib.audited_bulk import audited_bulk
from intake.models import CaseNote, VisitStatus
from openarea.models import CardStatus, KioskUsage, YellowCard
from openarea.receipts.services import forwarding_record, receipt_cancel
from referrals import lifecycle
from referrals.models import Benefit, NonTakeUpReason, OutcomeAnswer, OutcomeSource
from referrals.services import referral_create, referral_move, referral_outcome_record
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")
MARCH = date(2026, 3, 1)

# Distinctive identifiers that must never appear in a statistic.
NAMES = {
    "anna": ("Annegret Kanarienvogel", "QAZ2WS"),
    "ben": ("Bendix Zitronenfalter", "QBX3ED"),
    "cem": ("Cemil Gartenrotschwanz", "QCV4RF"),
    "dora": ("Dorothea Feuersalamander", "QDN5TG"),
    "emil": ("Emilian Wiedehopfweg", "QEM6YH"),
    "fritz": ("Fritzi Schwalbenschwanz", "QFK7UJ"),
    "gina": ("Ginevra Eisvogelgasse", "QGH8JK"),
}
NOTE_TEXT = "Vertrauliche Notiz Bergmolch 4711"
RECEIPT_NAMES = ("Quirin Laubfroschweg", "Ottilie Moorente", "Xaver Kreuzotter", "Yvonne Waldkauz")


def local(year, month, day, hour=10, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def at(moment: datetime):
    return time_machine.travel(moment, tick=False)


@dataclass
class StatsData:
    visitors: dict
    offices: dict
    actor: object


def _visitor(key, **fields):
    name, code = NAMES[key]
    return factories.VisitorFactory(name=name, code=code, description=f"Beschreibung {name}", **fields)


def _visit(visitor, arrived_at, **fields):
    return factories.VisitFactory(visitor=visitor, arrived_at=arrived_at, **fields)


def _referral(actor, visitor, office, benefit, when):
    with at(when):
        return referral_create(actor=actor, visitor=visitor, office=office, benefit=benefit)


def _move(actor, referral, when, to, **kwargs):
    with at(when):
        return referral_move(referral=referral, to=to, actor=actor, **kwargs)


def _receipt(actor, office, when, benefit, applicant, visit=None):
    with at(when):
        return factories.receipt(actor=actor, office=office, benefit=benefit, applicant_name=applicant, visit=visit)


def _forward(actor, receipt, day: date):
    with at(local(day.year, day.month, day.day, 16)):
        forwarding_record(receipt=receipt, actor=actor, forwarded_on=day, way="internal_mail")


def _card(when, kind, status=CardStatus.NEW):
    with at(when):
        card = YellowCard.objects.create(
            kind=kind, text=f"Karte {NOTE_TEXT}", language="de", contact_name=NAMES["gina"][0]
        )
    with audited_bulk("test setup"):
        YellowCard.objects.filter(pk=card.pk).update(status=status)
    return card


@pytest.fixture
def stats_data(db) -> StatsData:
    """March 2026 as the tests expect it; see the expected counts in test_counting.py."""
    actor = factories.advisor()
    offices = {
        "jobcenter": factories.OfficeFactory(name="Jobcenter Mitte", benefits=[Benefit.SGB2]),
        "sozialamt": factories.OfficeFactory(name="Sozialamt Bad Cannstatt", benefits=[Benefit.SGB12]),
        "wohngeld": factories.OfficeFactory(name="Wohngeldstelle", benefits=[Benefit.WOHNGELD]),
    }
    anna = _visitor("anna", migration_background="yes", district="mitte", age_band="25_49")
    ben = _visitor("ben", migration_background="yes", district="bad-cannstatt", age_band="65_plus")
    cem = _visitor("cem", migration_background="no", district="mitte", age_band="u25")
    dora = _visitor("dora", migration_background="not_said", district="", age_band="")
    emil = _visitor("emil", migration_background="no", district="ost", age_band="50_64")
    fritz = _visitor("fritz", migration_background="", district="nord", age_band="25_49")
    gina = _visitor("gina", migration_background="yes", district="sued", age_band="u25")

    for visitor in (anna, ben, cem, dora, emil, fritz, gina):
        CaseNote.objects.create(visitor=visitor, author=actor, text=f"{NOTE_TEXT} {visitor.name}")

    done = {"status": VisitStatus.DONE}
    # January: Emil is advised on SGB II for the first time this year.
    _visit(emil, local(2026, 1, 15), concerns=["sgb2"], service="advice", **done)
    # March.
    anna_visit = _visit(anna, local(2026, 3, 2), concerns=["sgb2"], service="advice", **done)
    _visit(anna, local(2026, 3, 10), channel="phone", concerns=["sgb2"], service="information", **done)
    ben_visit = _visit(
        ben,
        local(2026, 3, 3, 9),
        concerns=["sgb12"],
        service="advice",
        language="tr",
        interpreter="colleague",
        from_kiosk=True,
        **done,
    )
    _visit(cem, local(2026, 3, 4), concerns=["sgb2"], service="orientation", clearing="already_sgb2", **done)
    _visit(dora, local(2026, 3, 5), channel="email", concerns=["sgb2"], language="en", interpreter="telephone")
    _visit(
        emil,
        local(2026, 3, 6),
        concerns=["sgb2", "sgb12"],
        service="advice",
        language="ar",
        interpreter="in_person",
        **done,
    )
    # 23:30 UTC on 28 February is 00:30 on 1 March in Stuttgart: a March contact.
    _visit(
        fritz,
        datetime(2026, 2, 28, 23, 30, tzinfo=UTC),
        channel="phone",
        service="information",
        language="ru",
        interpreter="video",
        **done,
    )
    # Just outside March on both sides (local 28 February 23:30 and 1 April 00:30).
    _visit(gina, datetime(2026, 2, 28, 22, 30, tzinfo=UTC), concerns=["sgb2"], service="advice", **done)
    _visit(gina, datetime(2026, 3, 31, 22, 30, tzinfo=UTC), concerns=["sgb2"], service="advice", **done)

    jobcenter, sozialamt, wohngeld = offices["jobcenter"], offices["sozialamt"], offices["wohngeld"]
    # Anna's referral goes through every step.
    full = _referral(actor, anna, jobcenter, Benefit.SGB2, local(2026, 3, 2, 11))
    _move(actor, full, local(2026, 3, 2, 12), lifecycle.APPOINTMENT_MADE, appointment_at=local(2026, 3, 9))
    _move(actor, full, local(2026, 3, 9, 11), lifecycle.ATTENDED)
    _move(actor, full, local(2026, 3, 9, 12), lifecycle.APPLIED)
    _move(actor, full, local(2026, 3, 20), lifecycle.GRANTED)
    _referral(actor, anna, wohngeld, Benefit.WOHNGELD, local(2026, 3, 2, 11, 30))
    shame = _referral(actor, ben, sozialamt, Benefit.SGB12, local(2026, 3, 3, 10))
    _move(actor, shame, local(2026, 3, 3, 11), lifecycle.CLOSED, closed_reason=NonTakeUpReason.SHAME)
    missed = _referral(actor, cem, jobcenter, Benefit.SGB2, local(2026, 3, 4, 11))
    _move(actor, missed, local(2026, 3, 4, 12), lifecycle.APPOINTMENT_MADE, appointment_at=local(2026, 3, 11))
    _move(actor, missed, local(2026, 3, 11, 12), lifecycle.NOT_ATTENDED)
    told_forms = _referral(actor, dora, jobcenter, Benefit.SGB2, local(2026, 3, 5, 11))
    with at(local(2026, 3, 12)):
        referral_outcome_record(
            referral=told_forms,
            actor=actor,
            answer=OutcomeAnswer.TRIED_FAILED,
            source=OutcomeSource.CALL_BACK,
            reason=NonTakeUpReason.LANGUAGE,
        )
    with at(local(2026, 3, 19)):
        referral_outcome_record(
            referral=told_forms,
            actor=actor,
            answer=OutcomeAnswer.DID_NOTHING,
            source=OutcomeSource.CALL_BACK,
            reason=NonTakeUpReason.FORMS,
        )
    told_applied = _referral(actor, emil, jobcenter, Benefit.SGB2, local(2026, 3, 6, 11))
    with at(local(2026, 3, 16)):
        referral_outcome_record(
            referral=told_applied, actor=actor, answer=OutcomeAnswer.APPLIED, source=OutcomeSource.NEXT_VISIT
        )
    # Made in February, closed in March: its reason is learned in March, its funnel is February's.
    february = _referral(actor, emil, sozialamt, Benefit.SGB12, local(2026, 2, 20))
    _move(actor, february, local(2026, 3, 25), lifecycle.CLOSED, closed_reason=NonTakeUpReason.DISTRUST)

    # Receipts: Friday → Monday is on time; Wednesday → Friday is late; one open; one cancelled.
    friday = _receipt(actor, jobcenter, local(2026, 3, 6, 15), Benefit.SGB2, anna.name, visit=anna_visit)
    _forward(actor, friday, date(2026, 3, 9))
    wednesday = _receipt(actor, wohngeld, local(2026, 3, 4, 9), Benefit.WOHNGELD, RECEIPT_NAMES[0])
    _forward(actor, wednesday, date(2026, 3, 6))
    _receipt(actor, wohngeld, local(2026, 3, 10, 9), Benefit.WOHNGELD, RECEIPT_NAMES[1])
    tuesday = _receipt(actor, sozialamt, local(2026, 3, 3, 12), Benefit.SGB12, ben.name, visit=ben_visit)
    _forward(actor, tuesday, date(2026, 3, 4))
    cancelled = _receipt(actor, sozialamt, local(2026, 3, 12, 9), Benefit.SGB12, RECEIPT_NAMES[2])
    with at(local(2026, 3, 12, 9, 5)):
        receipt_cancel(original=cancelled, actor=actor, reason=f"Tippfehler {NOTE_TEXT}")

    _card(local(2026, 3, 2), "complaint")
    _card(local(2026, 3, 3), "complaint")
    _card(local(2026, 3, 4), "praise", CardStatus.ANSWERED)
    _card(local(2026, 3, 5), "suggestion", CardStatus.IN_PROGRESS)
    _card(local(2026, 2, 27), "complaint")

    KioskUsage.objects.create(day=date(2026, 3, 1), kind="form_printed", key="wohngeld", count=3)
    KioskUsage.objects.create(day=date(2026, 3, 31), kind="form_printed", key="sgb2", count=2)
    KioskUsage.objects.create(day=date(2026, 3, 15), kind="quick_check_started", count=7)
    KioskUsage.objects.create(day=date(2026, 2, 28), kind="form_printed", key="sgb2", count=100)
    KioskUsage.objects.create(day=date(2026, 4, 1), kind="form_printed", key="sgb2", count=100)

    return StatsData(
        visitors={"anna": anna, "ben": ben, "cem": cem, "dora": dora, "emil": emil, "fritz": fritz, "gina": gina},
        offices=offices,
        actor=actor,
    )


def pytest_collection_modifyitems(items):
    """Issue 21: the statistics tests build months of history in the past (time_machine),
    receipts included, which only the owner role may back-date (tests/conftest.py)."""
    for item in items:
        if "tests/stats/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.db_owner)
