"""Visitors and their contacts in the demo history, with what each contact led to.

The shares follow the concept: about 55 % with a migration background, SGB II and SGB XII as
the main concerns (SGB XII mostly older people), about 1.4 contacts per person, walk-ins
first, a few clearing cases, and nothing personal kept for visitors who consented to the day only.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from infopoint.demo.calendar import BERLIN, SEASON, OpeningDay, local_minute, moment_on
from infopoint.demo.context import History
from infopoint.lib.stuttgart import District, Organisation
from intake.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    AgeBand,
    Channel,
    Clearing,
    Concern,
    ConsentScope,
    EventKind,
    HouseholdType,
    Interpreter,
    Language,
    MigrationBackground,
    Outcome,
    Service,
    Visit,
    Visitor,
    VisitStatus,
)
from referrals.models import Benefit

# Visitor codes of the demo history start with this (the code alphabet, so they look real).
HISTORY_CODE_PREFIX = "HZ"

# Inhabitants in thousands per Stadtbezirk (Statistisches Amt Stuttgart, rounded).
DISTRICT_WEIGHTS = {
    District.MITTE: 23, District.NORD: 28, District.OST: 49, District.SUED: 45, District.WEST: 53,
    District.BAD_CANNSTATT: 71, District.BIRKACH: 7, District.BOTNANG: 13, District.DEGERLOCH: 17,
    District.FEUERBACH: 30, District.HEDELFINGEN: 10, District.MOEHRINGEN: 32, District.MUEHLHAUSEN: 26,
    District.MUENSTER: 6.5, District.OBERTUERKHEIM: 8.5, District.PLIENINGEN: 13.5, District.SILLENBUCH: 24,
    District.STAMMHEIM: 12.5, District.UNTERTUERKHEIM: 17, District.VAIHINGEN: 46, District.WANGEN: 9.5,
    District.WEILIMDORF: 32, District.ZUFFENHAUSEN: 38, District.OUTSIDE: 18, "": 53,
}  # fmt: skip
MAIN_CONCERN = {
    Concern.SGB2: 45, Concern.SGB12: 40, Concern.WOHNGELD: 6, Concern.KIZ: 2, Concern.ALG1: 2,
    Concern.ENERGY: 1.5, Concern.RENT_DEBTS: 1.5, Concern.DEBTS: 1, Concern.CRISIS: 0.5, Concern.OTHER: 0.5,
}  # fmt: skip
SECOND_CONCERN = {Concern.WOHNGELD: 30, Concern.ENERGY: 25, Concern.RENT_DEBTS: 20, Concern.DEBTS: 15, Concern.KIZ: 10}
BENEFIT_OF_CONCERN = {
    Concern.SGB2: Benefit.SGB2,
    Concern.SGB12: Benefit.SGB12,
    Concern.WOHNGELD: Benefit.WOHNGELD,
    Concern.KIZ: Benefit.KINDERZUSCHLAG,
    Concern.ALG1: Benefit.ALG1,
}
AGE_BANDS = {
    Concern.SGB12: {AgeBand.FROM_65: 62, AgeBand.FROM_50: 28, AgeBand.FROM_25: 9, AgeBand.UNDER_25: 1},
    Concern.SGB2: {AgeBand.UNDER_25: 14, AgeBand.FROM_25: 56, AgeBand.FROM_50: 27, AgeBand.FROM_65: 3},
    None: {AgeBand.UNDER_25: 10, AgeBand.FROM_25: 50, AgeBand.FROM_50: 25, AgeBand.FROM_65: 15},
}
HOUSEHOLDS = {
    Concern.SGB12: {HouseholdType.SINGLE: 60, HouseholdType.COUPLE: 25, HouseholdType.OTHER: 10, HouseholdType.FAMILY: 5},
    Concern.SGB2: {HouseholdType.SINGLE: 40, HouseholdType.SINGLE_PARENT: 22, HouseholdType.FAMILY: 22, HouseholdType.COUPLE: 8, HouseholdType.OTHER: 8},
    Concern.KIZ: {HouseholdType.FAMILY: 55, HouseholdType.SINGLE_PARENT: 45},
    None: {HouseholdType.SINGLE: 35, HouseholdType.SINGLE_PARENT: 15, HouseholdType.FAMILY: 25, HouseholdType.COUPLE: 15, HouseholdType.OTHER: 10},
}  # fmt: skip
MIGRATION = {MigrationBackground.YES: 55, MigrationBackground.NO: 35, MigrationBackground.NOT_SAID: 5, "": 5}
FOREIGN_LANGUAGES = {Language.TURKISH: 22, Language.ARABIC: 22, Language.UKRAINIAN: 18, Language.RUSSIAN: 12, Language.ENGLISH: 8, Language.OTHER: 18}
# Languages some advisors speak themselves; for the others an interpreter is needed more often.
SPOKEN_AT_THE_COUNTER = {Language.TURKISH, Language.ENGLISH, Language.RUSSIAN}
FIRST_CHANNEL = {Channel.WALK_IN: 70, Channel.PHONE: 13, Channel.EMAIL: 7, Channel.CHAT: 4, Channel.ON_TOUR: 4, Channel.GROUP_EVENT: 2}
LATER_CHANNEL = {Channel.WALK_IN: 65, Channel.PHONE: 20, Channel.EMAIL: 10, Channel.CHAT: 5}
EVENT_OF_CHANNEL = {Channel.ON_TOUR: EventKind.ON_TOUR, Channel.GROUP_EVENT: EventKind.INFORMATION}
CLEARINGS = {
    Clearing.ALREADY_SGB2: 35, Clearing.ALREADY_SGB12: 25, Clearing.ALREADY_WOHNGELD: 12,
    Clearing.HOMELESS: 14, Clearing.CHAMBER: 6, Clearing.SGB9: 8,
}  # fmt: skip
MORE_CONTACTS = {0: 68, 1: 24, 2: 8}
OTHER_OUTCOMES = {Outcome.INFORMATION: 35, Outcome.SCREENING: 32, Outcome.FILLED_IN: 15, Outcome.NOTHING: 8}
MINUTES = {
    Service.INFORMATION: (5, 15), Service.ADVICE: (20, 60), Service.ORIENTATION: (10, 25),
    Service.E_SERVICES: (15, 45), Service.OPEN_AREA: (5, 12),
}  # fmt: skip
FIRST_NAMES = ["Erika", "Max", "Ayşe", "Mehmet", "Olena", "Taras", "Fatima", "Yusuf", "Irina", "Sergej", "Maria", "Hans", "Leyla", "Ahmad", "Swetlana", "Giuseppe"]
# Surnames nobody has: demo people must be recognisable as invented.
FICTITIOUS_SURNAMES = ["Mustermann", "Musterfrau", "Beispiel", "Platzhalter", "Exempel", "Probe", "Fiktiv", "Erfunden", "Attrappe", "Demo"]
DESCRIPTIONS = [
    "Frau mit rotem Schal", "Herr mit Gehstock", "junge Frau mit Kinderwagen", "älterer Herr mit Hut",
    "Frau mit grüner Jacke", "Herr mit Rucksack", "Paar mit zwei Kindern", "Herr mit Brille und Mappe",
]  # fmt: skip

PEOPLE_AT_START, PEOPLE_AT_END = 60, 140


@dataclass
class Contact:
    visit: Visit
    referral_benefit: str = ""  # a referral was made on this contact
    receipt_benefit: str = ""  # an application was taken in with a receipt on this contact


@dataclass
class Person:
    visitor: Visitor
    contacts: list[Contact] = field(default_factory=list)


def people_create(history: History, all_days: list[OpeningDay], events: dict) -> list[Person]:
    """Visitors and contacts from the start month to yesterday, saved in bulk."""
    months = sorted({opening.day.replace(day=1) for opening in all_days})
    day_index = [opening.day for opening in all_days]
    codes = _CodeMaker(history)
    people = []
    for index, month in enumerate(months):
        ramp = PEOPLE_AT_START + (PEOPLE_AT_END - PEOPLE_AT_START) * index / max(1, len(months) - 1)
        in_month = [opening for opening in all_days if opening.day.replace(day=1) == month]
        target = round(ramp * SEASON.get(month.month, 1.0))
        for opening in history.rng.choices(in_month, weights=[o.demand for o in in_month], k=target):
            person = _person(history, opening, all_days, day_index, events, codes)
            if person is not None:
                people.append(person)
    Visitor.objects.bulk_create([person.visitor for person in people])
    visits = []
    for person in people:
        for contact in person.contacts:
            contact.visit.visitor = person.visitor
            visits.append(contact.visit)
    Visit.objects.bulk_create(visits)
    history.counts["visitors"] = len(people)
    history.counts["visits"] = len(visits)
    return people


class _CodeMaker:
    def __init__(self, history: History):
        self.rng = history.rng
        self.used = set(Visitor.objects.filter(code__startswith=HISTORY_CODE_PREFIX).values_list("code", flat=True))

    def __call__(self) -> str:
        while True:
            code = HISTORY_CODE_PREFIX + "".join(self.rng.choices(CODE_ALPHABET, k=CODE_LENGTH - len(HISTORY_CODE_PREFIX)))
            if code not in self.used:
                self.used.add(code)
                return code


def _person(history: History, opening: OpeningDay, all_days, day_index, events, codes) -> Person | None:
    rng = history.rng
    if opening.day >= history.today:
        return None
    channel = history.pick(FIRST_CHANNEL)
    if channel in EVENT_OF_CHANNEL:
        held = [e for e in events.get((opening.day.replace(day=1), EVENT_OF_CHANNEL[channel]), []) if e.date < history.today]
        if held:
            event = rng.choice(held)
            opening = all_days[bisect.bisect_left(day_index, event.date)]
        else:
            channel = Channel.WALK_IN
    main = history.pick(MAIN_CONCERN)
    concerns = [main]
    if main not in BENEFIT_OF_CONCERN:
        concerns.append(history.pick({Concern.SGB2: 45, Concern.SGB12: 40, Concern.WOHNGELD: 15}))
    elif history.chance(0.3):
        second = history.pick({c: w for c, w in SECOND_CONCERN.items() if c != main})
        concerns.append(second)
    benefit_concern = next(c for c in concerns if c in BENEFIT_OF_CONCERN)
    benefit = BENEFIT_OF_CONCERN[benefit_concern]
    clearing = history.pick(CLEARINGS) if channel in (Channel.WALK_IN, Channel.PHONE) and history.chance(0.08) else ""
    takes_receipt = not clearing and history.chance(0.15 if benefit in (Benefit.SGB2, Benefit.SGB12, Benefit.WOHNGELD) else 0.06)
    is_referred = not clearing and history.chance(0.35 if takes_receipt else 0.58)

    visitor = _visitor(history, codes, benefit_concern, keeps_data=takes_receipt or (is_referred and history.chance(0.85)))
    organisation = {Benefit.SGB2: Organisation.JOBCENTER, Benefit.SGB12: Organisation.SOZIALAMT}.get(
        benefit, rng.choice([Organisation.JOBCENTER, Organisation.SOZIALAMT])
    )
    advisor = history.advisor(organisation)
    conversation = _conversation_language(history, visitor.languages)
    person = Person(visitor)
    extra = 0 if clearing else history.pick(MORE_CONTACTS)
    for number in range(1 + extra):
        if number:
            later = opening.day + timedelta(days=rng.randint(3, 40))
            position = bisect.bisect_left(day_index, later)
            if position >= len(all_days) or all_days[position].day >= history.today:
                break
            opening, channel = all_days[position], history.pick(LATER_CHANNEL)
            if history.chance(0.4):
                advisor = history.advisor(organisation)
        visit = _visit(history, opening, channel, concerns, conversation, organisation, advisor, clearing)
        visit.from_kiosk = number == 0 and channel == Channel.WALK_IN and not clearing and history.chance(0.04)
        person.contacts.append(Contact(visit))
    if not clearing:
        if is_referred:
            contact = person.contacts[0] if history.chance(0.7) else rng.choice(person.contacts)
            contact.referral_benefit = benefit
        if takes_receipt:
            person.contacts[-1].receipt_benefit = benefit
        for contact in person.contacts:
            _outcome(history, contact)
    visitor.created_at = person.contacts[0].visit.arrived_at
    if visitor.consent_scope != ConsentScope.DAY_ONLY:
        visitor.consent_date = opening_date(person.contacts[0].visit)
    return person


def opening_date(visit: Visit) -> date:
    return visit.arrived_at.astimezone(BERLIN).date()


def _visitor(history: History, codes, benefit_concern: str, *, keeps_data: bool) -> Visitor:
    rng = history.rng
    migration = history.pick(MIGRATION)
    if migration == MigrationBackground.YES:
        own = history.pick(FOREIGN_LANGUAGES)
        languages = [Language.GERMAN, own] if history.chance(0.55) else [own]
    else:
        languages = [Language.GERMAN] if history.chance(0.9) else [Language.GERMAN, Language.ENGLISH]
    if keeps_data:
        scope = history.pick({ConsentScope.CASE_HISTORY: 65, ConsentScope.CALLBACK: 35})
    else:
        scope = history.pick({ConsentScope.DAY_ONLY: 75, ConsentScope.CASE_HISTORY: 20, ConsentScope.CALLBACK: 5})
    visitor = Visitor(
        code=codes(),
        district=history.pick(DISTRICT_WEIGHTS),
        languages=languages,
        age_band="" if history.chance(0.05) else history.pick(AGE_BANDS.get(benefit_concern, AGE_BANDS[None])),
        household_type="" if history.chance(0.08) else history.pick(HOUSEHOLDS.get(benefit_concern, HOUSEHOLDS[None])),
        migration_background=migration,
        consent_scope=scope,
    )
    # Only visitors who allowed their data to be kept still have a name: the nightly purge
    # erases the others' details after their day.
    if scope != ConsentScope.DAY_ONLY:
        if keeps_data or history.chance(0.5):
            visitor.name = f"{rng.choice(FIRST_NAMES)} {rng.choice(FICTITIOUS_SURNAMES)}"
        elif history.chance(0.4):
            visitor.description = rng.choice(DESCRIPTIONS)
        if scope == ConsentScope.CALLBACK:
            handle = (visitor.name or "besucher").lower().replace(" ", ".")
            visitor.contact = f"{handle}.{visitor.code.lower()}@example.org"
    return visitor


def _conversation_language(history: History, languages: list[str]) -> str:
    if Language.GERMAN in languages:
        return Language.GERMAN if history.chance(0.85) or len(languages) == 1 else languages[1]
    return Language.GERMAN if history.chance(0.3) else languages[0]


def _interpreter(history: History, language: str) -> str:
    if language == Language.GERMAN:
        return Interpreter.NONE
    if language in SPOKEN_AT_THE_COUNTER:
        weights = {Interpreter.NONE: 50, Interpreter.COLLEAGUE: 20, Interpreter.TELEPHONE: 15, Interpreter.VIDEO: 10, Interpreter.IN_PERSON: 5}
    else:
        weights = {Interpreter.NONE: 20, Interpreter.COLLEAGUE: 15, Interpreter.TELEPHONE: 30, Interpreter.VIDEO: 20, Interpreter.IN_PERSON: 15}
    return history.pick(weights)


def _visit(history: History, opening, channel, concerns, language, organisation, advisor, clearing) -> Visit:
    rng = history.rng
    arrived = moment_on(rng, opening, before_close=20)
    visit = Visit(
        arrived_at=arrived, channel=channel, status=VisitStatus.DONE, concerns=list(concerns), language=language,
        interpreter=_interpreter(history, language), companion_present=history.chance(0.12),
        organisation=organisation, advisor=advisor, clearing=clearing,
    )  # fmt: skip
    if clearing:
        # As the walk-in form records it: routed at once, nobody took the visitor from the list.
        visit.service, visit.outcome, visit.duration_minutes = Service.INFORMATION, Outcome.INFORMATION, 5
        visit.interpreter = Interpreter.NONE
        visit.finished_at = arrived + timedelta(minutes=5)
        return visit
    waited = rng.randint(0, 35) if channel == Channel.WALK_IN else 0
    # Nobody is taken from the list after closing time.
    closing = max(local_minute(arrived), max(_close(p) for p in opening.periods if _open(p) <= local_minute(arrived)) - 5)
    waited = min(waited, closing - local_minute(arrived))
    visit.taken_at = arrived + timedelta(minutes=waited)
    return visit


def _open(period) -> int:
    return period[0].hour * 60 + period[0].minute


def _close(period) -> int:
    return period[1].hour * 60 + period[1].minute


def _outcome(history: History, contact: Contact) -> None:
    visit = contact.visit
    if contact.receipt_benefit:
        visit.outcome = Outcome.HANDED_IN
        visit.service = Service.ADVICE if history.chance(0.7) else Service.OPEN_AREA
    elif contact.referral_benefit:
        visit.outcome, visit.service = Outcome.REFERRAL, Service.ADVICE
    else:
        visit.outcome = history.pick(OTHER_OUTCOMES)
        visit.service = {
            Outcome.INFORMATION: history.pick({Service.INFORMATION: 80, Service.OPEN_AREA: 20}),
            Outcome.SCREENING: Service.ADVICE,
            Outcome.FILLED_IN: history.pick({Service.ADVICE: 50, Service.E_SERVICES: 50}),
            Outcome.NOTHING: Service.ORIENTATION,
        }[visit.outcome]
    visit.duration_minutes = history.rng.randint(*MINUTES[visit.service])
    visit.finished_at = visit.taken_at + timedelta(minutes=visit.duration_minutes)
