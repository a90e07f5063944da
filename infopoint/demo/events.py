"""Group events of the demo history: information events, Infopoint on Tour, sessions for professionals."""

from __future__ import annotations

from datetime import date

from infopoint.demo.calendar import OpeningDay
from infopoint.demo.context import History
from infopoint.lib.stuttgart import District, Organisation
from intake.models import Event, EventKind, Language

TOUR_PLACES = [
    ("Stadtteilbibliothek Bad Cannstatt", District.BAD_CANNSTATT, "Stadtbibliothek"),
    ("Bürgerhaus Zuffenhausen", District.ZUFFENHAUSEN, "Bezirksamt Zuffenhausen"),
    ("Wochenmarkt Vaihingen", District.VAIHINGEN, ""),
    ("Begegnungsstätte Hallschlag", District.BAD_CANNSTATT, "Stadtteilmütter"),
    ("Bürgerzentrum West", District.WEST, "Seniorentreff West"),
    ("Mehrgenerationenhaus Ost", District.OST, "Mehrgenerationenhaus"),
    ("Bezirksrathaus Feuerbach", District.FEUERBACH, "Bezirksbeirat"),
    ("Freizeitstätte Weilimdorf", District.WEILIMDORF, "Jugendhaus"),
    ("Bürgerhaus Möhringen", District.MOEHRINGEN, "Seniorennetzwerk"),
    ("Stadtteilzentrum Freiberg", District.MUEHLHAUSEN, "Elterncafé der Grundschule"),
]
INFORMATION_TOPICS = [
    "Elterncafé der Grundschule",
    "Seniorentreff Mitte",
    "Sprachkurs am Nachmittag",
    "Migrantinnenverein (Beispiel)",
    "",
]
PROFESSIONAL_PLACES = [
    ("Sozialamt, Schulungsraum", "Beratungsstellen der Wohlfahrtsverbände"),
    ("Jobcenter, Besprechungsraum", "Schulsozialarbeit"),
    ("Rathaus, Kleiner Sitzungssaal", "Pflegestützpunkt"),
]


def events_create(history: History, months: list[date]) -> dict[tuple[date, str], list[Event]]:
    """A couple of events a month; returns them by (month, kind) for the contacts made there."""
    rng = history.rng
    events, by_month = [], {}
    for month in months:
        days = [opening for opening in history.days if opening.day.replace(day=1) == month]
        if not days:
            continue
        plan = [
            (EventKind.ON_TOUR, 0.35 if month.month == 8 else 0.8),
            (EventKind.INFORMATION, 0.85),
            (EventKind.SENSITISATION, 0.3),
        ]
        for kind, probability in plan:
            if history.chance(probability):
                event = _event(history, kind, rng.choice(days))
                events.append(event)
                by_month.setdefault((month, kind), []).append(event)
    Event.objects.bulk_create(events)
    history.counts["events"] = len(events)
    return by_month


def _event(history: History, kind: str, opening: OpeningDay) -> Event:
    rng = history.rng
    organisation = rng.choice([Organisation.JOBCENTER, Organisation.SOZIALAMT])
    languages = [Language.GERMAN] + rng.sample([Language.TURKISH, Language.ARABIC, Language.UKRAINIAN, Language.RUSSIAN], rng.randint(0, 2))
    if kind == EventKind.ON_TOUR:
        place, district, partner = rng.choice(TOUR_PLACES)
        attendees = rng.randint(15, 60)
    elif kind == EventKind.INFORMATION:
        place, district, partner = "Infopoint Sozialleistungen", District.MITTE, rng.choice(INFORMATION_TOPICS)
        attendees = rng.randint(6, 25)
    else:
        (place, partner), district = rng.choice(PROFESSIONAL_PLACES), ""
        attendees, languages = rng.randint(8, 20), [Language.GERMAN]
    return Event(
        kind=kind, date=opening.day, place=place, district=district, partner=partner, attendees=attendees,
        languages=languages, organisation=organisation, created_by=history.advisor(organisation),
    )  # fmt: skip
