"""The open area in the demo history: yellow cards and the kiosks' anonymous daily counts.

The counts use the keys the kiosk views record (``openarea/views``): the language for quick
checks and advice requests, the form's slug for printed forms and online applications, the
card's kind for feedback. Advice requests and feedback match the contacts and cards of the day.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import timedelta

from infopoint.demo.calendar import BERLIN, SEASON, moment_on
from infopoint.demo.context import History
from infopoint.demo.people import Person
from openarea.models import (
    CardKind,
    CardStatus,
    KioskUsage,
    PrintableForm,
    UsageKind,
    YellowCard,
    YellowCardStatusChange,
)

CARD_TEXTS = {
    CardKind.COMPLAINT: [
        ("de", "Ich habe über eine Stunde gewartet, obwohl kaum jemand da war."),
        ("de", "Die Beraterin war freundlich, aber ich musste meine Geschichte dreimal erzählen."),
        ("de", "Der Drucker am Computer ging nicht, ich konnte mein Formular nicht ausdrucken."),
        ("de", "Am Donnerstagnachmittag war es sehr voll und laut im Wartebereich."),
        ("de", "Man hat mich zum Jobcenter geschickt, dort hieß es, ich sei hier richtig."),
        ("de", "Die Schrift auf dem Bildschirm ist zu klein für ältere Menschen."),
        ("tr", "Bekleme süresi çok uzundu."),
    ],
    CardKind.PRAISE: [
        ("de", "Endlich hat mir jemand erklärt, was mir zusteht. Vielen Dank!"),
        ("de", "Sehr geduldig und freundlich, auch mit meinem schlechten Deutsch."),
        ("de", "Danke, dass Sie mit mir den Antrag ausgefüllt haben. Ohne Hilfe hätte ich aufgegeben."),
        ("de", "Schöne Räume, man fühlt sich nicht wie auf einem Amt."),
        ("de", "Die Dolmetscherin am Telefon war eine große Hilfe."),
        ("en", "The staff were very patient and explained everything slowly. Thank you!"),
        ("tr", "Çok yardımcı oldunuz, teşekkür ederim."),
    ],
    CardKind.SUGGESTION: [
        ("de", "Bitte auch samstags öffnen, ich arbeite unter der Woche."),
        ("de", "Ein Wasserspender im Wartebereich wäre schön."),
        ("de", "Mehr Informationen auf Russisch und Ukrainisch auslegen."),
        ("de", "Eine Spielecke für Kinder würde helfen."),
        ("de", "Bitte im Stadtteil Bescheid sagen, dass es Sie gibt. Viele kennen Sie nicht."),
        ("en", "Please offer more appointments in the afternoon."),
    ],
}
ANSWER_NOTES = [
    "Dank an das Team weitergegeben.",
    "In der Teambesprechung besprochen.",
    "Hinweis geprüft, Ablauf im Wartebereich angepasst.",
    "Rückmeldung an die Person gegeben.",
    "An die Hausverwaltung weitergeleitet.",
]
CONTACT_NAMES = ["Erika Mustermann", "Max Mustermann", "Frau Beispiel", "Herr Platzhalter"]
QUICK_CHECKS_A_DAY = {"de": 4.0, "tr": 0.8, "ar": 0.8, "uk": 0.6, "ru": 0.4, "en": 0.4}
FORMS_A_DAY = 1.2
ONLINE_A_DAY = 0.5
RECEIPT_CHECKS_A_DAY = 0.3


def cards_create(history: History, months) -> list[YellowCard]:
    """About eight cards a month (fewer at first), worked through by the team lead."""
    rng = history.rng
    cards, created, histories = [], [], []
    for index, month in enumerate(months):
        days = [opening for opening in history.days if opening.day.replace(day=1) == month]
        if not days:
            continue
        expected = (6 + 4 * index / max(1, len(months) - 1)) * SEASON.get(month.month, 1.0) * len(days) / 20
        for _number in range(_poisson(rng, expected)):
            moment = moment_on(rng, rng.choice(days))
            card, changes = _card(history, moment)
            cards.append(card)
            created.append(moment)
            histories.append(changes)
    YellowCard.objects.bulk_create(cards)
    # bulk_create stamps "now" into auto_now_add fields; the history sets them afterwards.
    for card, moment in zip(cards, created, strict=True):
        card.created_at = moment
    YellowCard.objects.bulk_update(cards, ["created_at"])
    changes, moments = [], []
    for card, card_changes in zip(cards, histories, strict=True):
        for change, moment in card_changes:
            change.card = card
            changes.append(change)
            moments.append(moment)
    YellowCardStatusChange.objects.bulk_create(changes)
    for change, moment in zip(changes, moments, strict=True):
        change.changed_at = moment
    YellowCardStatusChange.objects.bulk_update(changes, ["changed_at"])
    history.counts["yellow_cards"] = len(cards)
    history.counts["yellow_card_status_changes"] = len(changes)
    return cards


def _card(history: History, created):
    rng = history.rng
    kind = history.pick({CardKind.COMPLAINT: 40, CardKind.PRAISE: 35, CardKind.SUGGESTION: 25})
    language, text = rng.choice(CARD_TEXTS[kind])
    card = YellowCard(kind=kind, text=text, language=language, status=CardStatus.NEW)
    if history.chance(0.15):
        card.contact_name = rng.choice(CONTACT_NAMES)
        card.contact_email = f"{card.contact_name.lower().replace(' ', '.')}@example.org"
    path = [CardStatus.ANSWERED] if kind == CardKind.PRAISE and history.chance(0.6) else [CardStatus.IN_PROGRESS, CardStatus.ANSWERED]
    changes, at = [], created
    for status, (fewest, most) in zip(path, [(1, 14), (3, 30)], strict=False):
        at += timedelta(days=rng.randint(fewest, most), hours=rng.randint(0, 5))
        if at >= history.cutoff:
            break
        changes.append((YellowCardStatusChange(from_status=card.status, to_status=status, changed_by=history.teamlead), at))
        card.status = status
    if card.status == CardStatus.ANSWERED:
        card.answer_note = rng.choice(ANSWER_NOTES)
    return card, changes


def kiosk_usage_create(history: History, people: list[Person], cards: list[YellowCard], months) -> None:
    rng = history.rng
    # The same day's advice requests and cards, counted as the kiosk counted them.
    of_the_day: dict = {}
    for person in people:
        for contact in person.contacts:
            if contact.visit.from_kiosk:
                day = contact.visit.arrived_at.astimezone(BERLIN).date()
                of_the_day.setdefault(day, Counter())[(UsageKind.ADVICE_REQUESTED, contact.visit.language)] += 1
    for card in cards:
        day = card.created_at.astimezone(BERLIN).date()
        of_the_day.setdefault(day, Counter())[(UsageKind.FEEDBACK_GIVEN, card.kind)] += 1
    forms = list(PrintableForm.objects.filter(is_active=True).order_by("slug").values_list("slug", "online_url"))
    rows = []
    for opening in history.days:
        month_index = months.index(opening.day.replace(day=1))
        scale = (0.5 + 0.5 * month_index / max(1, len(months) - 1)) * opening.demand / 270
        counts: Counter = Counter()
        for language, per_day in QUICK_CHECKS_A_DAY.items():
            started = _poisson(rng, per_day * scale)
            completed = sum(history.chance(0.65) for _ in range(started))
            counts[(UsageKind.QUICK_CHECK_STARTED, language)] = started
            counts[(UsageKind.QUICK_CHECK_COMPLETED, language)] = completed
            counts[(UsageKind.QUICK_CHECK_PRINTED, language)] = sum(history.chance(0.35) for _ in range(completed))
        for slug, online_url in forms:
            counts[(UsageKind.FORM_PRINTED, slug)] = _poisson(rng, FORMS_A_DAY * scale)
            if online_url:
                counts[(UsageKind.ONLINE_APPLICATION_OPENED, slug)] = _poisson(rng, ONLINE_A_DAY * scale)
        counts[(UsageKind.RECEIPT_CHECKED, "")] = _poisson(rng, RECEIPT_CHECKS_A_DAY * scale)
        counts.update(of_the_day.get(opening.day, {}))
        rows += [KioskUsage(day=opening.day, kind=kind, key=key, count=n) for (kind, key), n in counts.items() if n]
    KioskUsage.objects.bulk_create(rows)
    history.counts["kiosk_usage_rows"] = len(rows)
    history.counts["kiosk_uses"] = sum(row.count for row in rows)


def _poisson(rng, mean: float) -> int:
    """Knuth's method: fine for the small daily means here."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
