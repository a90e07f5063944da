"""Eighteen months of generated activity for the demo, so that the team lead's dashboards show something.

Called by ``manage.py demo_data`` in demo mode only. Deterministic for a given ``today`` and
``seed`` (except the receipts' verification codes, which must never be guessable), fast
(bulk inserts, no PDFs, no audit entries for invented records) and idempotent: once a
history exists, or the database holds contacts older than 40 days, nothing is added.

Everything is written as the real services would write it, because the statistics count it:
contacts only on opening days within the opening hours, referrals moved only along
``referrals/lifecycle.py``, receipts numbered 1..n per year with the counter left at n.
Nothing is dated today or later, except the appointment of a referral that is still open.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from infopoint.demo.calendar import first_of_month, month_starts, opening_days, start_of_day
from infopoint.demo.context import History
from infopoint.demo.events import events_create
from infopoint.demo.open_area import cards_create, kiosk_usage_create
from infopoint.demo.people import HISTORY_CODE_PREFIX, people_create
from infopoint.demo.receipts import receipts_create
from infopoint.demo.referrals import referrals_create
from infopoint.lib.audited_bulk import bulk_without_audit
from infopoint.lib.roles import GROUP_ADVISOR, GROUP_TEAMLEAD
from infopoint.lib.stuttgart import Organisation
from infopoint.services import groups_ensure, staff_user_upsert
from intake.models import Visit, Visitor
from referrals.models import Benefit, Office

# Invented colleagues, four per organisation, who cannot log in (no usable password).
HISTORY_ADVISORS = [
    ("demo.keller", Organisation.JOBCENTER, "Jana", "Keller"),
    ("demo.aydin", Organisation.JOBCENTER, "Murat", "Aydın"),
    ("demo.hrytsenko", Organisation.JOBCENTER, "Olena", "Hrytsenko"),
    ("demo.schmid", Organisation.JOBCENTER, "Peter", "Schmid"),
    ("demo.roth", Organisation.SOZIALAMT, "Sabine", "Roth"),
    ("demo.haddad", Organisation.SOZIALAMT, "Karim", "Haddad"),
    ("demo.wolf", Organisation.SOZIALAMT, "Irina", "Wolf"),
    ("demo.brenner", Organisation.SOZIALAMT, "Thomas", "Brenner"),
]
# Share of a full-time post: 3.5 posts per organisation (concept, section 11).
POST_SHARES = [0.8, 0.8, 0.6, 0.5]
DEMO_LOGIN_ADVISORS = {Organisation.JOBCENTER: "berater", Organisation.SOZIALAMT: "beraterin"}
REFERRED_BENEFITS = [Benefit.SGB2, Benefit.SGB12, Benefit.WOHNGELD, Benefit.KINDERZUSCHLAG, Benefit.ALG1]
# Contacts older than this mean the database is in use: a history would mix with real records.
IN_USE_AFTER_DAYS = 40


def demo_history_exists(*, today: date) -> bool:
    older = start_of_day(today - timedelta(days=IN_USE_AFTER_DAYS))
    return Visitor.objects.filter(code__startswith=HISTORY_CODE_PREFIX).exists() or Visit.objects.filter(arrived_at__lt=older).exists()


@transaction.atomic
def demo_history_create(*, today: date, months: int = 18, seed: int = 2026) -> dict:
    """Create ``months`` months of activity before ``today``; returns how many records of each kind."""
    if demo_history_exists(today=today):
        return {}
    start = first_of_month(today, months)
    end_of_month = first_of_month(today, -1) - timedelta(days=1)
    all_days = opening_days(start, end_of_month)
    past_days = [opening for opening in all_days if opening.day < today]
    if not past_days:
        return {}
    history = History(
        rng=random.Random(seed), today=today, start=start, days=past_days, advisors={}, advisor_weights={},
        offices=_offices(), teamlead=None,
    )  # fmt: skip
    _staff(history)
    months_list = month_starts(start, today)
    # Invented records that never belonged to anyone: bulk inserts without one audit entry per row.
    with bulk_without_audit("demo data"):
        events = events_create(history, months_list)
        people = people_create(history, all_days, events)
        referrals_create(history, people)
        receipts_create(history, people)
        cards = cards_create(history, months_list)
        kiosk_usage_create(history, people, cards, months_list)
    return history.counts


def _offices() -> dict[str, Office]:
    offices = {}
    for benefit in REFERRED_BENEFITS:
        office = Office.objects.filter(is_active=True, benefits__contains=[benefit]).order_by("name").first()
        if office is not None:
            offices[benefit] = office
    return offices


def _staff(history: History) -> None:
    groups_ensure()
    for (username, organisation, first, last), share in zip(HISTORY_ADVISORS, POST_SHARES * 2, strict=True):
        user = staff_user_upsert(
            username=username, password=None, group=GROUP_ADVISOR, organisation=organisation, first_name=first, last_name=last
        )
        history.advisors.setdefault(organisation, []).append(user)
        history.advisor_weights.setdefault(organisation, []).append(share)
    for organisation, username in DEMO_LOGIN_ADVISORS.items():
        login = User.objects.filter(username=username, staff_profile__organisation=organisation).first()
        if login is not None:
            history.advisors[organisation].append(login)
            history.advisor_weights[organisation].append(0.8)
    history.teamlead = (
        User.objects.filter(groups__name=GROUP_TEAMLEAD).order_by("username").first() or history.advisors[Organisation.JOBCENTER][0]
    )
    history.counts["advisors"] = len(HISTORY_ADVISORS)
