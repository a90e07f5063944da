"""Writes at the counter: recording a contact, taking a visitor from the waiting list, finishing."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from infopoint.lib.once import once
from infopoint.lib.roles import organisation_of
from intake.models import (
    CaseNote,
    Channel,
    ConsentScope,
    Event,
    FollowUp,
    Outcome,
    Visit,
    Visitor,
    VisitStatus,
    new_visitor_code,
)


def walk_in_record(
    *,
    actor,
    name: str = "",
    description: str = "",
    language: str = "de",
    concerns=(),
    channel: str = Channel.WALK_IN,
    clearing: str = "",
    token=None,
) -> Visit:
    """A person came in (or called, wrote …): a visitor, possibly anonymous, and a waiting contact.

    A clearing case is sent to the responsible place at once: the contact is finished with
    "information given" and the clearing recorded, instead of waiting.

    The same form sent twice (double click, reload; security.md I5) records one contact: the
    form's token is unique, and a second submission gets the contact of the first."""
    if token:
        already = Visit.objects.filter(form_token=str(token)).first()
        if already:
            return already
    try:
        with transaction.atomic():
            return _walk_in_create(
                actor=actor, name=name, description=description, language=language,
                concerns=concerns, channel=channel, clearing=clearing, token=token,
            )
    except IntegrityError:
        if not token:
            raise
        return Visit.objects.get(form_token=str(token))  # the twin request won the race


def kiosk_advice_request_record(*, called_as: str, language: str, concern: str, token) -> tuple[Visit, bool]:
    """A visitor asked for advice on a kiosk: they wait in the open area under the name or
    description they gave. Nobody is logged in, so no organisation yet: it becomes the
    organisation of the advisor who takes them.

    Returns the contact and whether it is new (False for the same form sent twice)."""
    already = Visit.objects.filter(form_token=str(token)).first()
    if already:
        return already, False
    try:
        with transaction.atomic():
            visit = _walk_in_create(
                actor=None, name="", description=called_as, language=language,
                concerns=[concern] if concern else [], channel=Channel.WALK_IN, clearing="", token=token,
                from_kiosk=True,
            )
            return visit, True
    except IntegrityError:
        return Visit.objects.get(form_token=str(token)), False


def _walk_in_create(*, actor, name, description, language, concerns, channel, clearing, token, from_kiosk=False) -> Visit:
    visitor = Visitor(name=name.strip(), description=description.strip(), languages=[language])
    visitor.full_clean()
    visitor.save()
    visit = Visit(
        visitor=visitor,
        channel=channel,
        language=language,
        concerns=list(concerns),
        organisation=(organisation_of(actor) if actor else None) or "",
        status=VisitStatus.WAITING,
        clearing=clearing,
        from_kiosk=from_kiosk,
        form_token=str(token) if token else None,
    )
    if channel != Channel.WALK_IN and not clearing:
        # A call, e-mail or chat is answered at once by whoever records it; nobody waits.
        visit.status = VisitStatus.IN_CONVERSATION
        visit.advisor = actor
        visit.taken_at = timezone.now()
    if clearing:
        visit.status = VisitStatus.DONE
        visit.outcome = Outcome.INFORMATION
        visit.advisor = actor
        visit.finished_at = timezone.now()
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
@transaction.atomic
def visit_open(*, visitor: Visitor, actor, language: str = "de") -> Visit:
    """A returning visitor comes again: a new contact on the waiting list.

    If they are already waiting or in a conversation today, that contact is returned: a double
    click (or two desks at once) must not put the same person on the list twice."""
    Visitor.objects.select_for_update().filter(pk=visitor.pk).first()
    start_of_day = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    open_today = visitor.visits.filter(
        arrived_at__gte=start_of_day, status__in=[VisitStatus.WAITING, VisitStatus.IN_CONVERSATION]
    ).first()
    if open_today:
        return open_today
    visit = Visit(visitor=visitor, language=language, organisation=organisation_of(actor) or "", status=VisitStatus.WAITING)
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def visit_take(*, visit: Visit, actor) -> bool:
    """Take a waiting visitor; False if another desk was faster (the row is locked while deciding)."""
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    if locked.status != VisitStatus.WAITING:
        return False
    locked.status = VisitStatus.IN_CONVERSATION
    locked.advisor = actor
    # The case belongs to the organisation of the advisor who takes it.
    locked.organisation = organisation_of(actor) or locked.organisation
    locked.taken_at = timezone.now()
    locked.save()
    return True


@transaction.atomic
def visit_finish(*, visit: Visit, actor, cleaned: dict) -> Visit:
    """Record what the contact was about and what came of it."""
    for field, value in cleaned.items():
        setattr(visit, field, value)
    visit.status = VisitStatus.DONE
    visit.finished_at = timezone.now()
    if visit.advisor_id is None:
        visit.advisor = actor
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def visitor_update(*, visitor: Visitor, actor, cleaned: dict) -> Visitor:
    """Profile and consent; the consent date is set when the scope changes."""
    old_scope = visitor.consent_scope
    for field, value in cleaned.items():
        setattr(visitor, field, value)
    if visitor.consent_scope != old_scope:
        visitor.consent_date = timezone.localdate()
    visitor.full_clean()
    visitor.save()
    return visitor


@transaction.atomic
def note_add(*, visitor: Visitor, actor, text: str, token=None) -> CaseNote:
    def create():
        note = CaseNote(
            visitor=visitor, author=actor, organisation=organisation_of(actor) or "", text=text.strip(),
            form_token=str(token) if token else None,
        )
        note.full_clean(exclude=["form_token"])
        note.save()
        return note

    return once(CaseNote, token, create)


@transaction.atomic
def follow_up_add(*, visitor: Visitor, actor, task: str, due_on, token=None) -> FollowUp:
    def create():
        follow_up = FollowUp(
            visitor=visitor, task=task.strip(), due_on=due_on, assigned_to=actor, organisation=organisation_of(actor) or "",
            form_token=str(token) if token else None,
        )
        follow_up.full_clean(exclude=["form_token"])
        follow_up.save()
        return follow_up

    return once(FollowUp, token, create)


@transaction.atomic
def follow_up_done(*, follow_up: FollowUp, actor) -> FollowUp:
    if follow_up.done_at is None:
        follow_up.done_at = timezone.now()
        follow_up.save(update_fields=["done_at"])
    return follow_up


@transaction.atomic
def visitor_erase(*, visitor: Visitor, actor, anonymise_receipts: bool = True) -> Visitor:
    """Right to erasure (Art. 17 GDPR): personal data, notes, follow-ups and appointments go;
    contacts and referrals stay as anonymous counts for the statistics, under a new random
    code, without their free texts. Receipts keep only their stub (number, date, office,
    benefit) so that the numbering stays gapless. The nightly purge of day-only consent passes
    ``anonymise_receipts=False``: a receipt is the office's proof of the application and has its
    own retention period (INFOPOINT_RETENTION_RECEIPT_YEARS), independent of that consent."""
    visitor.notes.all().delete()
    visitor.follow_ups.all().delete()
    visitor.infopoint_appointments.all().delete()
    for referral in visitor.referrals.all():
        # Saved one by one so that the audit log records it (the reason is masked there).
        for name in ("reason", "sharing_purpose", "appointment_place", "appointment_contact"):
            setattr(referral, name, "")
        referral.save(update_fields=["reason", "sharing_purpose", "appointment_place", "appointment_contact"])
    visitor.name = ""
    visitor.description = ""
    visitor.birth_year = None
    visitor.contact = ""
    visitor.languages = []
    visitor.age_band = visitor.district = visitor.household_type = visitor.migration_background = ""
    # Receipts stay as the office's proof, but nothing leads from them to the erased person.
    # Issue 21: only receipts past the receipt period are blanked (the database refuses younger
    # ones); a younger receipt is the office's proof of an application (Art. 17(3)(b) GDPR) and
    # keeps its content, but is unlinked below like every other.
    from infopoint.retention import receipt_anonymise, receipt_cutoff  # noqa: PLC0415 - retention builds on every app
    from openarea.models import Receipt  # noqa: PLC0415 - openarea builds on intake
    from openarea.receipts.services import receipts_unlink_from_visits  # noqa: PLC0415

    now = timezone.now()
    if anonymise_receipts:
        due = Receipt.objects.filter(visit__visitor=visitor, anonymised_at__isnull=True, received_at__lt=receipt_cutoff(now))
        for receipt in due:
            receipt_anonymise(receipt, now=now, actor=actor)
    receipts_unlink_from_visits(visitor.visits.values_list("pk", flat=True))
    # The households entered for checks are personal data too; the results stay as figures.
    for visit in visitor.visits.all():
        for run in visit.screening_runs.all():
            run.input_data = {"erased": True}
            run.save(update_fields=["input_data"])
    visitor.consent_scope = ConsentScope.DAY_ONLY
    visitor.consent_date = None
    visitor.code = new_visitor_code()
    visitor.full_clean()
    visitor.save()
    return visitor


@transaction.atomic
def visitor_merge(*, keep: Visitor, duplicate: Visitor, actor) -> Visitor:
    """Merge a duplicate into the visitor to keep: contacts, notes, follow-ups and referrals move over,
    empty details are taken from the duplicate, and the duplicate is deleted."""
    if keep.pk == duplicate.pk:
        raise ValueError("a visitor cannot be merged into itself")
    # Saved one by one (not update()) so that the audit log records every move.
    movable = (*duplicate.visits.all(), *duplicate.notes.all(), *duplicate.follow_ups.all(), *duplicate.referrals.all())
    for related in movable:
        related.visitor = keep
        related.save()
    for field in ("name", "description", "birth_year", "age_band", "district", "household_type", "migration_background", "contact"):
        if not getattr(keep, field) and getattr(duplicate, field):
            setattr(keep, field, getattr(duplicate, field))
    keep.languages = sorted(set(keep.languages) | set(duplicate.languages))
    keep.full_clean()
    keep.save()
    duplicate.delete()
    return keep


@transaction.atomic
def event_record(*, actor, cleaned: dict) -> Event:
    fields = {name: value for name, value in cleaned.items() if name != "token"}
    token = cleaned.get("token")

    def create():
        event = Event(created_by=actor, organisation=organisation_of(actor) or "", form_token=str(token) if token else None, **fields)
        event.full_clean(exclude=["form_token"])
        event.save()
        return event

    return once(Event, token, create)
