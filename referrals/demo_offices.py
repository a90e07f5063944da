"""Starting entries of the offices directory (``manage.py demo_data``).

The administration checks each entry with the office and then sets "checked on";
until then the product marks the contact details as not yet checked.
"""

from infopoint.lib.stuttgart import District
from referrals.models import Benefit, OfficeKind

_CITY_HOURS = "Mo, Di, Mi, Fr 8:30–12:00\nDo 8:30–12:00 und 14:00–18:00\nund nach Vereinbarung"

DEMO_OFFICES = [
    {
        "name": "Jobcenter Stuttgart",
        "kind": OfficeKind.JOBCENTER,
        "street": "Rosenbergstraße 40",
        "postcode": "70176",
        "phone": "0711 216-0",
        "website": "https://www.stuttgart.de",
        "opening_hours": _CITY_HOURS,
        "benefits": [Benefit.SGB2],
        "languages": ["de", "en", "tr"],
    },
    {
        "name": "Sozialamt Stuttgart",
        "kind": OfficeKind.SOZIALAMT,
        "street": "Eberhardstraße 33",
        "postcode": "70173",
        "phone": "0711 216-0",
        "website": "https://www.stuttgart.de",
        "opening_hours": _CITY_HOURS,
        "benefits": [Benefit.SGB12],
        "languages": ["de", "en"],
    },
    {
        "name": "Wohngeldstelle Stuttgart",
        "kind": OfficeKind.WOHNGELDSTELLE,
        "street": "Eberhardstraße 33",
        "postcode": "70173",
        "phone": "0711 216-0",
        "website": "https://www.stuttgart.de",
        "opening_hours": _CITY_HOURS,
        "benefits": [Benefit.WOHNGELD],
        "languages": ["de"],
    },
    {
        "name": "Familienkasse Baden-Württemberg",
        "kind": OfficeKind.FAMILIENKASSE,
        "street": "Nordbahnhofstraße 30–34",
        "postcode": "70191",
        "phone": "0800 4 5555 30",
        "website": "https://www.arbeitsagentur.de/familie-und-kinder",
        "opening_hours": "Telefon Mo–Fr 8:00–18:00",
        "benefits": [Benefit.KINDERGELD, Benefit.KINDERZUSCHLAG],
        "languages": ["de", "en"],
    },
    {
        "name": "Jugendamt Stuttgart – Unterhaltsvorschusskasse",
        "kind": OfficeKind.JUGENDAMT,
        "street": "Wilhelmstraße 3",
        "postcode": "70182",
        "phone": "0711 216-0",
        "website": "https://www.stuttgart.de",
        "opening_hours": _CITY_HOURS,
        "benefits": [Benefit.UNTERHALTSVORSCHUSS],
        "languages": ["de"],
    },
    {
        "name": "Agentur für Arbeit Stuttgart",
        "kind": OfficeKind.ARBEITSAGENTUR,
        "street": "Nordbahnhofstraße 30–34",
        "postcode": "70191",
        "phone": "0800 4 5555 00",
        "website": "https://www.arbeitsagentur.de",
        "opening_hours": "Mo–Fr 8:00–12:30, Do auch 14:00–18:00",
        "benefits": [Benefit.ALG1],
        "languages": ["de", "en"],
    },
    {
        "name": "Deutsche Rentenversicherung Baden-Württemberg",
        "kind": OfficeKind.RENTENVERSICHERUNG,
        "street": "Adalbert-Stifter-Straße 105",
        "postcode": "70437",
        "phone": "0800 1000 4800",
        "website": "https://www.deutsche-rentenversicherung.de",
        "opening_hours": "Termine nach Vereinbarung",
        "benefits": [Benefit.RENTE],
        "languages": ["de"],
    },
    {
        "name": "Schuldnerberatung Stuttgart",
        "kind": OfficeKind.DEBT_ADVICE,
        "street": "Eberhardstraße 33",
        "postcode": "70173",
        "phone": "0711 216-0",
        "website": "https://www.stuttgart.de",
        "opening_hours": "Termine nach Vereinbarung",
        "benefits": [],
        "languages": ["de"],
    },
    {
        "name": "Psychosoziale Beratung Stuttgart",
        "kind": OfficeKind.PSYCHOSOCIAL,
        "street": "Hohenheimer Straße 21",
        "postcode": "70184",
        "phone": "0711 216-0",
        "website": "https://www.stuttgart.de",
        "opening_hours": "Mo–Fr 9:00–12:00 und nach Vereinbarung",
        "benefits": [],
        "districts": [District.MITTE, District.SUED, District.OST],
        "languages": ["de", "en"],
    },
]
