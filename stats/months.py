"""Parsing a month as people type it ("2026-10") into the first day of that month."""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext as _

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_YEAR = 2020


class MonthInvalid(ValueError):
    pass


def parse_month(text: str) -> date:
    """'2026-10' → date(2026, 10, 1); a clear message for anything else."""
    match = MONTH_PATTERN.match((text or "").strip())
    if not match:
        raise MonthInvalid(_("Enter a month as year and month, for example 2026-10."))
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise MonthInvalid(_("There is no month %(month)s; months run from 01 to 12.") % {"month": match.group(2)})
    if not FIRST_YEAR <= year <= 2100:
        raise MonthInvalid(_("Enter a year from %(first)s on.") % {"first": FIRST_YEAR})
    return date(year, month, 1)
