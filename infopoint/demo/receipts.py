"""Receipts of the demo history: numbered 1..n per year in time order, most forwarded in time.

Numbers are given the way ``openarea/receipts/numbering.py`` gives them (local year, order of
arrival, no gaps) and the year's counter is left at the last one, so the next receipt issued
at the desk continues the series. A year that already has receipts is left alone: the
history must not slip numbers in front of real ones.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from infopoint.demo.calendar import BERLIN, local
from infopoint.demo.context import History
from infopoint.demo.people import Person
from openarea.models import Forwarding, ForwardingWay, HandInChannel, Receipt, ReceiptCounter, ReceiptKind
from openarea.models.receipts import RECEIPT_SERIES
from openarea.receipts.forms import ItemKind
from openarea.receipts.services import receipt_content_digest
from openarea.receipts.working_days import next_working_day
from referrals.models import Benefit

APPLICATION_FORMS = {
    Benefit.SGB2: ("Antrag auf Bürgergeld (Hauptantrag) mit Anlagen WEP und KDU", (10, 16)),
    Benefit.SGB12: ("Antrag auf Grundsicherung im Alter und bei Erwerbsminderung", (8, 12)),
    Benefit.WOHNGELD: ("Antrag auf Wohngeld (Mietzuschuss)", (6, 9)),
    Benefit.KINDERZUSCHLAG: ("Antrag auf Kinderzuschlag mit Anlage Kind", (4, 8)),
    Benefit.ALG1: ("Antrag auf Arbeitslosengeld", (4, 6)),
}
ATTACHMENTS = [
    ("Kopie Personalausweis", 1, 2),
    ("Mietvertrag (Kopie)", 3, 8),
    ("Kontoauszüge der letzten drei Monate", 3, 9),
    ("Lohnabrechnungen", 1, 3),
    ("Rentenbescheid (Kopie)", 2, 4),
    ("Nebenkostenabrechnung", 1, 3),
    ("Geburtsurkunden der Kinder (Kopie)", 1, 3),
]
REMARKS = ["", "", "", "", "Kopie des Ausweises fehlt, wird nachgereicht.", "Unterschrift der Partnerin fehlt noch.", "Originale gesehen und zurückgegeben."]
LATE = 0.05


def receipts_create(history: History, people: list[Person]) -> None:
    rng = history.rng
    taken_years = set(ReceiptCounter.objects.filter(series=RECEIPT_SERIES, last_number__gt=0).values_list("year", flat=True))
    taken_years |= set(Receipt.objects.values_list("year", flat=True).distinct())
    receipts = []
    for person in people:
        for contact in person.contacts:
            office = history.offices.get(contact.receipt_benefit)
            if not contact.receipt_benefit or office is None:
                continue
            visit = contact.visit
            received = max(visit.taken_at, visit.finished_at - timedelta(minutes=rng.randint(2, 8)))
            if received.astimezone(BERLIN).year in taken_years:
                continue
            receipts.append(_receipt(history, person, visit, contact.receipt_benefit, office, received))
    receipts.sort(key=lambda receipt: receipt.received_at)
    last_numbers: dict[int, int] = {}
    for receipt in receipts:
        receipt.year = receipt.received_at.astimezone(BERLIN).year
        receipt.number = last_numbers[receipt.year] = last_numbers.get(receipt.year, 0) + 1
        receipt.content_digest = receipt_content_digest(receipt)
    Receipt.objects.bulk_create(receipts)
    for year, last_number in last_numbers.items():
        ReceiptCounter.objects.update_or_create(series=RECEIPT_SERIES, year=year, defaults={"last_number": last_number})
    forwardings = [f for f in (_forwarding(history, receipt) for receipt in receipts) if f is not None]
    Forwarding.objects.bulk_create(forwardings)
    history.counts["receipts"] = len(receipts)
    history.counts["forwardings"] = len(forwardings)


def _receipt(history: History, person: Person, visit, benefit: str, office, received) -> Receipt:
    rng = history.rng
    form, (fewest, most) = APPLICATION_FORMS[benefit]
    items = [{"kind": ItemKind.APPLICATION_FORM, "description": form, "pages": rng.randint(fewest, most)}]
    for description, low, high in rng.sample(ATTACHMENTS, rng.randint(0, 4)):
        items.append({"kind": ItemKind.ATTACHMENT, "description": description, "pages": rng.randint(low, high)})
    advisor = visit.advisor
    return Receipt(
        received_at=received, kind=ReceiptKind.RECEIPT, applicant_name=person.visitor.name, benefit=benefit,
        office=office, office_name=office.name, office_address=office.address, items=items, remarks=rng.choice(REMARKS),
        originals_returned=history.chance(0.6),
        channel=history.pick({HandInChannel.IN_PERSON: 85, HandInChannel.COMPANION: 10, HandInChannel.DROP_BOX: 5}),
        language=visit.language, issued_by=advisor, issued_by_name=advisor.get_full_name() or advisor.get_username(),
        organisation=visit.organisation, visit=visit,
        # Not from the seeded dice: a verification code must not be guessable, even in a demo.
        verification_code=secrets.token_urlsafe(12),
    )  # fmt: skip


def _forwarding(history: History, receipt: Receipt) -> Forwarding | None:
    """Most papers go on the same or the next working day; a few are late; the newest not yet."""
    rng = history.rng
    received_on = receipt.received_at.astimezone(BERLIN).date()
    roll = rng.random()
    if roll < LATE:
        forwarded_on = received_on
        for _day in range(rng.randint(2, 5)):
            forwarded_on = next_working_day(forwarded_on)
    elif roll < 0.5:
        forwarded_on = received_on
    else:
        forwarded_on = next_working_day(received_on)
    if forwarded_on >= history.today:
        return None
    if (history.today - received_on).days <= 3 and history.chance(0.6):
        return None  # the newest papers are often still in the tray
    recorded = local(forwarded_on, rng.randint(13 * 60, 16 * 60 + 30))
    if recorded <= receipt.received_at:
        recorded = receipt.received_at + timedelta(minutes=rng.randint(15, 90))
    if recorded >= history.cutoff:
        return None
    way = history.pick({ForwardingWay.INTERNAL_MAIL: 55, ForwardingWay.EMAIL: 20, ForwardingWay.PORTAL: 15, ForwardingWay.IN_PERSON: 10})
    return Forwarding(receipt=receipt, forwarded_on=forwarded_on, way=way, forwarded_by=history.advisor(receipt.organisation), recorded_at=recorded)
