"""Facts about Stuttgart and the Infopoint that several apps use."""

from datetime import time

from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.TextChoices):
    """The 23 Stadtbezirke of Stuttgart (proper names, not translated)."""

    MITTE = "mitte", "Mitte"
    NORD = "nord", "Nord"
    OST = "ost", "Ost"
    SUED = "sued", "Süd"
    WEST = "west", "West"
    BAD_CANNSTATT = "bad-cannstatt", "Bad Cannstatt"
    BIRKACH = "birkach", "Birkach"
    BOTNANG = "botnang", "Botnang"
    DEGERLOCH = "degerloch", "Degerloch"
    FEUERBACH = "feuerbach", "Feuerbach"
    HEDELFINGEN = "hedelfingen", "Hedelfingen"
    MOEHRINGEN = "moehringen", "Möhringen"
    MUEHLHAUSEN = "muehlhausen", "Mühlhausen"
    MUENSTER = "muenster", "Münster"
    OBERTUERKHEIM = "obertuerkheim", "Obertürkheim"
    PLIENINGEN = "plieningen", "Plieningen"
    SILLENBUCH = "sillenbuch", "Sillenbuch"
    STAMMHEIM = "stammheim", "Stammheim"
    UNTERTUERKHEIM = "untertuerkheim", "Untertürkheim"
    VAIHINGEN = "vaihingen", "Vaihingen"
    WANGEN = "wangen", "Wangen"
    WEILIMDORF = "weilimdorf", "Weilimdorf"
    ZUFFENHAUSEN = "zuffenhausen", "Zuffenhausen"
    OUTSIDE = "outside", _("outside Stuttgart")


class Organisation(models.TextChoices):
    """The two offices that run the Infopoint; advisors belong to one of them (§ 35 SGB I)."""

    JOBCENTER = "jobcenter", "Jobcenter Stuttgart"
    SOZIALAMT = "sozialamt", "Sozialamt Stuttgart"


# The opening hours of the city's concept (section 10 c), Monday is 0. They seed the
# OpeningPeriod table (infopoint/migrations); afterwards the table is what counts.
CONCEPT_OPENING_HOURS: dict[int, list[tuple[time, time]]] = {
    0: [(time(8, 30), time(13, 0))],
    1: [(time(8, 30), time(12, 0)), (time(14, 0), time(16, 0))],
    2: [(time(8, 30), time(13, 0))],
    3: [(time(8, 30), time(12, 0)), (time(14, 0), time(18, 0))],
    4: [(time(8, 30), time(13, 0))],
}

WEEKDAY_NAMES = [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]
