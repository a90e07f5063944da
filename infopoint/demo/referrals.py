"""Referrals of the demo history and their lifecycle over the following weeks.

Every step goes through ``referrals/lifecycle.py``: planned → appointment made → attended or
not → applied → decided, or closed with the reason for not applying. Steps that would fall
on today or later have not happened yet, so recent referrals are still open; only an open
referral's appointment may lie in the future.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from infopoint.demo.calendar import BERLIN, local
from infopoint.demo.context import History
from infopoint.demo.people import Contact, Person
from intake.models import ConsentScope, Interpreter
from openarea.receipts.working_days import is_working_day
from referrals import lifecycle
from referrals.models import (
    Escort,
    NonTakeUpReason,
    OutcomeAnswer,
    OutcomeSource,
    Referral,
    ReferralOutcome,
    ReferralStatusChange,
    ShareableField,
    Urgency,
)

NON_TAKE_UP = {
    NonTakeUpReason.SHAME: 18, NonTakeUpReason.KNOWLEDGE: 12, NonTakeUpReason.FORMS: 20, NonTakeUpReason.DISTRUST: 12,
    NonTakeUpReason.LANGUAGE: 10, NonTakeUpReason.NOT_NEEDED: 18, NonTakeUpReason.OTHER: 10,
}  # fmt: skip
# (next status or None for "stays as it is", probability, delay in days)
NEXT_STEPS = {
    lifecycle.PLANNED: [(lifecycle.APPOINTMENT_MADE, 62, (1, 7)), (lifecycle.APPLIED, 14, (3, 21)), (lifecycle.CLOSED, 12, (7, 40)), (None, 12, None)],
    lifecycle.ATTENDED: [(lifecycle.APPLIED, 60, (0, 14)), (lifecycle.CLOSED, 28, (7, 30)), (None, 12, None)],
    lifecycle.NOT_ATTENDED: [(lifecycle.APPOINTMENT_MADE, 40, (2, 10)), (lifecycle.APPLIED, 10, (3, 21)), (lifecycle.CLOSED, 40, (5, 30)), (None, 10, None)],
    lifecycle.APPLIED: [(lifecycle.GRANTED, 68, (14, 60)), (lifecycle.REFUSED, 20, (14, 60)), (lifecycle.WITHDRAWN, 7, (7, 40)), (None, 5, None)],
}  # fmt: skip
# Older than this without news, an open referral is usually tidied up (decided or closed).
STALE = timedelta(days=90)
AT_THE_APPOINTMENT = [(lifecycle.ATTENDED, 75), (lifecycle.NOT_ATTENDED, 15), (lifecycle.CLOSED, 10)]
REASONS = {
    "sgb2": ["Einkommen reicht nicht für Miete und Lebensunterhalt", "Arbeitsplatz verloren, kein ALG I", "Aufstocker: Minijob und Miete zu hoch"],
    "sgb12": ["Rente unter Grundsicherungsniveau", "volle Erwerbsminderung, Rente reicht nicht", "Heimkosten können nicht gezahlt werden"],
    "wohngeld": ["Miete gestiegen, Einkommen knapp über Bürgergeld", "Rente knapp, Wohngeld vorrangig prüfen"],
    "kiz": ["zwei Kinder, Erwerbseinkommen reicht knapp nicht"],
    "alg1": ["Kündigung zum Monatsende, noch nicht arbeitslos gemeldet"],
}


@dataclass
class _Track:
    referral: Referral
    changes: list[ReferralStatusChange] = field(default_factory=list)
    outcomes: list[ReferralOutcome] = field(default_factory=list)


def referrals_create(history: History, people: list[Person]) -> None:
    tracks = []
    for person in people:
        for contact in person.contacts:
            office = history.offices.get(contact.referral_benefit)
            if contact.referral_benefit and office is not None:
                tracks.append(_track(history, person, contact, office))
    Referral.objects.bulk_create([track.referral for track in tracks])
    changes, outcomes = [], []
    for track in tracks:
        for change in track.changes:
            change.referral = track.referral
        for outcome in track.outcomes:
            outcome.referral = track.referral
        changes += track.changes
        outcomes += track.outcomes
    ReferralStatusChange.objects.bulk_create(changes)
    ReferralOutcome.objects.bulk_create(outcomes)
    history.counts["referrals"] = len(tracks)
    history.counts["referral_status_changes"] = len(changes)
    history.counts["referral_outcomes"] = len(outcomes)


def _track(history: History, person: Person, contact: Contact, office) -> _Track:
    rng, visit, visitor = history.rng, contact.visit, person.visitor
    created = visit.finished_at - timedelta(minutes=rng.randint(1, 5))
    referral = Referral(
        visitor=visitor, visit=visit, office=office, benefit=contact.referral_benefit,
        reason=rng.choice(REASONS.get(contact.referral_benefit, [""])), urgency=history.pick({Urgency.NORMAL: 88, Urgency.URGENT: 9, Urgency.TODAY: 3}),
        escort=history.pick({Escort.NONE: 93, Escort.INFOPOINT: 5, Escort.OUTREACH: 2}),
        visitor_books_themselves=history.chance(0.25), created_by=visit.advisor, organisation=visit.organisation,
        created_at=created, appointment_place=office.address,
    )  # fmt: skip
    if visit.interpreter not in (Interpreter.NONE, Interpreter.COLLEAGUE):
        referral.interpreter_language, referral.interpreter_kind = visit.language, visit.interpreter
    if visitor.consent_scope != ConsentScope.DAY_ONLY and history.chance(0.5):
        shared = [ShareableField.DISTRICT, ShareableField.HOUSEHOLD_TYPE, ShareableField.LANGUAGES]
        shared += [ShareableField.NAME] if visitor.name else []
        shared += [ShareableField.CONTACT] if visitor.contact else []
        referral.shared_fields = sorted(shared)
        referral.sharing_purpose = "Terminvereinbarung und Antragstellung"
        referral.consent_on = created.astimezone(BERLIN).date()
    track = _Track(referral)
    _simulate(history, person, track, created)
    return track


def _simulate(history: History, person: Person, track: _Track, created: datetime) -> None:
    referral, actor = track.referral, track.referral.created_by
    status, at, appointments = lifecycle.PLANNED, created, 0
    track.changes.append(ReferralStatusChange(from_status="", to_status=status, changed_by=actor, changed_at=at))
    while status not in lifecycle.FINISHED:
        if status == lifecycle.APPOINTMENT_MADE:
            if referral.appointment_at >= history.cutoff:
                break  # still ahead: nothing has happened yet
            target = history.pick(dict(AT_THE_APPOINTMENT))
            when = referral.appointment_at + timedelta(hours=history.rng.randint(1, 48))
            if target == lifecycle.CLOSED:
                when = at + (referral.appointment_at - at) / 2  # cancelled before the appointment
        else:
            options = NEXT_STEPS[status]
            target, delay = _choose(history, options)
            if target == lifecycle.APPOINTMENT_MADE and appointments >= 2:
                target = None
            if target is None:
                if history.cutoff - at < STALE or history.chance(0.1):
                    break
                # Advisors tidy their follow-up list: a referral without news for weeks gets an end.
                target, delay = _tidy_up(history, status)
            when = _office_time(history, at, history.rng.randint(*delay))
        if when >= history.cutoff:
            break
        if target == lifecycle.APPOINTMENT_MADE:
            appointments += 1
            # The appointment itself may lie after today: the referral is then still open.
            referral.appointment_at = _office_time(history, when, history.rng.randint(3, 21))
        closed_reason = history.pick(NON_TAKE_UP) if target == lifecycle.CLOSED else ""
        if target in (lifecycle.APPLIED, lifecycle.CLOSED):
            when = _maybe_outcome(history, person, track, target, closed_reason, at, when)
        track.changes.append(ReferralStatusChange(from_status=status, to_status=target, changed_by=actor, changed_at=when))
        status, at = target, when
        referral.closed_reason = closed_reason
    referral.status, referral.status_changed_at = status, at


def _tidy_up(history: History, status: str) -> tuple[str, tuple[int, int]]:
    if status == lifecycle.APPLIED:
        return history.pick({lifecycle.GRANTED: 70, lifecycle.REFUSED: 30}), (60, 90)
    return lifecycle.CLOSED, (42, 70)


def _choose(history: History, options):
    index = history.rng.choices(range(len(options)), weights=[weight for _t, weight, _d in options])[0]
    target, _weight, delay = options[index]
    return target, delay


def _office_time(history: History, after: datetime, days: int) -> datetime:
    """A moment in office hours on a working day, ``days`` days after ``after`` (later that day for 0)."""
    day = after.astimezone(BERLIN).date() + timedelta(days=days)
    while not is_working_day(day):
        day += timedelta(days=1)
    moment = local(day, history.rng.randint(8 * 60, 16 * 60 + 30))
    return moment if moment > after else after + timedelta(minutes=history.rng.randint(20, 120))


def _maybe_outcome(history: History, person: Person, track: _Track, target: str, closed_reason: str, after: datetime, when: datetime) -> datetime:
    """Some steps were learned by asking the visitor, as ``referral_outcome_record`` records them:
    on a call-back (with the visitor's consent) or at their next contact. Returns when the step happened."""
    source, asked_at = _source(person, after, when)
    if source is None:
        return when
    if target == lifecycle.APPLIED and history.chance(0.6):
        answer, reason = OutcomeAnswer.APPLIED, ""
    elif target == lifecycle.CLOSED and history.chance(0.6):
        if closed_reason == NonTakeUpReason.NOT_NEEDED and history.chance(0.5):
            answer, reason = OutcomeAnswer.ALREADY_HAD, ""
        else:
            answer, reason = OutcomeAnswer.DID_NOTHING, closed_reason
    elif target in (lifecycle.CLOSED, lifecycle.APPLIED) and source == OutcomeSource.CALL_BACK and history.chance(0.15):
        # Tried before and did not manage: the advisor helped again, the step came later.
        earlier = when - timedelta(days=history.rng.randint(3, 10))
        if earlier > after:
            reason = history.pick({NonTakeUpReason.FORMS: 50, NonTakeUpReason.LANGUAGE: 30, NonTakeUpReason.KNOWLEDGE: 20})
            track.outcomes.append(_outcome(track, OutcomeAnswer.TRIED_FAILED, reason, source, earlier))
        return when
    else:
        return when
    track.outcomes.append(_outcome(track, answer, reason, source, asked_at))
    return asked_at


def _source(person: Person, after: datetime, when: datetime) -> tuple[str | None, datetime]:
    """How the advisor could learn of a step between ``after`` and ``when``, and at what moment."""
    for contact in person.contacts:
        taken = contact.visit.taken_at
        if taken is not None and after < taken <= when:
            return OutcomeSource.NEXT_VISIT, taken + timedelta(minutes=2)
    if person.visitor.consent_scope == ConsentScope.CALLBACK:
        return OutcomeSource.CALL_BACK, when
    return None, when


def _outcome(track: _Track, answer: str, reason: str, source: str, when: datetime) -> ReferralOutcome:
    return ReferralOutcome(answer=answer, reason=reason, source=source, recorded_by=track.referral.created_by, recorded_at=when)
