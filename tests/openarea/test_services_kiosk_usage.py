from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from openarea.models import KioskUsage, UsageKind
from openarea.services import kiosk_use_record

pytestmark = pytest.mark.django_db


def test_kiosk_use_is_counted_per_day_kind_and_key():
    kiosk_use_record(kind=UsageKind.FORM_PRINTED, key="wohngeld")
    kiosk_use_record(kind=UsageKind.FORM_PRINTED, key="wohngeld")
    kiosk_use_record(kind=UsageKind.FORM_PRINTED, key="kindergeld")
    counts = dict(KioskUsage.objects.filter(kind=UsageKind.FORM_PRINTED).values_list("key", "count"))
    assert counts == {"wohngeld": 2, "kindergeld": 1}


def test_kiosk_use_day_follows_stuttgart_midnight():
    # 23:30 UTC on 24 November is already 25 November in Stuttgart.
    with time_machine.travel(datetime(2026, 11, 24, 23, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        kiosk_use_record(kind=UsageKind.ADVICE_REQUESTED)
    assert KioskUsage.objects.get().day.isoformat() == "2026-11-25"
