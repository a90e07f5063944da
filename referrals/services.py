"""Writes for referrals: creating one and moving it through its lifecycle."""

from __future__ import annotations

import logging
import smtplib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infopoint.lib.once import once
from infopoint.lib.roles import organisation_of
from infopoint.lib.text import join_phrases
from referrals import lifecycle, mail
from referrals.models import (
    NonTakeUpReason,
    OutcomeAnswer,
    Referral,
    ReferralEvent,
    ReferralEventKind,
    ReferralOutcome,
    ReferralStatusChange,
    outcome_row_token,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def referral_create(
    *, actor, visitor, office, benefit: str, visit=None, screening_run=None, token=None, **details
) -> Referral:
    """A new referral in status "planned"; data is handed over only with a dated consent.

    A form sent twice (same one-time ``token``) gives the referral of the first submission."""
    return once(
        Referral,
        token,
        lambda: _referral_create(
            actor=actor, visitor=visitor, office=office, benefit=benefit, visit=visit, screening_run=screening_run,
            form_token=str(token) if token else None, **details,
        ),
    )


def _referral_create(*, actor, visitor, office, benefit: str, visit=None, screening_run=None, **details) -> Referral:
    referral = Referral(
        visitor=visitor,
        visit=visit,
        screening_run=screening_run,
        office=office,
        benefit=benefit,
        created_by=actor,
        organisation=(visit.organisation if visit else "") or organisation_of(actor) or "",
        **details,
    )
    if referral.shared_fields and not referral.consent_on:
        raise ValidationError({"consent_on": _("Data may only be handed over with the visitor's consent: enter the day it was given.")})
    referral.full_clean()
    referral.save()
    ReferralStatusChange.objects.create(referral=referral, from_status="", to_status=referral.status, changed_by=actor)
    return referral


@transaction.atomic
def referral_move(*, referral: Referral, to: str, actor, closed_reason: str = "", appointment_at=None) -> Referral:
    """Move a referral to its next status, recording who did it and when.

    An impossible step (e.g. "granted" before an application was filed) is refused with a
    message that names the steps that are possible."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not lifecycle.may_move(referral.status, to):
        possible = join_phrases(lifecycle.STATUS_LABELS[s] for s in lifecycle.allowed_next(referral.status))
        raise ValidationError(
            _("A referral that is “%(current)s” cannot become “%(target)s”. Possible next steps: %(possible)s.")
            % {
                "current": lifecycle.STATUS_LABELS[referral.status],
                "target": lifecycle.STATUS_LABELS.get(to, to),
                "possible": possible or _("none, the referral is finished"),
            },
            code="invalid_transition",
        )
    if to == lifecycle.CLOSED and not closed_reason:
        raise ValidationError({"closed_reason": _("Please say why the visitor decided not to apply.")})
    if to == lifecycle.APPOINTMENT_MADE:
        if appointment_at is None and referral.appointment_at is None and not referral.visitor_books_themselves:
            raise ValidationError({"appointment_at": _("Enter the date and time of the appointment.")})
        if appointment_at is not None:
            referral.appointment_at = appointment_at
    ReferralStatusChange.objects.create(referral=referral, from_status=referral.status, to_status=to, changed_by=actor)
    referral.status = to
    referral.closed_reason = closed_reason if to == lifecycle.CLOSED else ""
    referral.status_changed_at = timezone.now()
    referral.full_clean()
    referral.save()
    return referral


NEEDS_A_REASON = {OutcomeAnswer.TRIED_FAILED, OutcomeAnswer.DID_NOTHING}


@transaction.atomic
def referral_outcome_record(
    *, referral: Referral, actor, answer: str, source: str, reason: str = "", token=None
) -> ReferralOutcome:
    """Record what the visitor says came of a referral and move the referral on where it follows:
    "applied" files the application, "already had it" and "did nothing" close it with the reason;
    "tried but failed" keeps it open for the advisor to help again.

    A form sent twice (same one-time ``token``) gives the outcome of the first submission."""
    return once(
        ReferralOutcome,
        token,
        lambda: _referral_outcome_record(referral=referral, actor=actor, answer=answer, source=source, reason=reason, token=token),
    )


def _referral_outcome_record(*, referral: Referral, actor, answer: str, source: str, reason: str, token) -> ReferralOutcome:
    if answer in NEEDS_A_REASON and not reason:
        raise ValidationError({"reason": _("Please record why, so that the evaluation learns about non-take-up.")})
    outcome = ReferralOutcome(referral=referral, answer=answer, reason=reason, source=source, recorded_by=actor, form_token=token)
    outcome.full_clean(exclude=["form_token"])
    outcome.save()
    follows = {
        OutcomeAnswer.APPLIED: (lifecycle.APPLIED, ""),
        OutcomeAnswer.ALREADY_HAD: (lifecycle.CLOSED, reason or NonTakeUpReason.NOT_NEEDED),
        OutcomeAnswer.DID_NOTHING: (lifecycle.CLOSED, reason),
    }
    if answer in follows:
        target, closed_reason = follows[answer]
        if target == lifecycle.APPLIED and referral.status == lifecycle.APPOINTMENT_MADE:
            # Whoever applied went to the appointment: both steps are recorded.
            referral = referral_move(referral=referral, to=lifecycle.ATTENDED, actor=actor)
        if lifecycle.may_move(referral.status, target):
            referral_move(referral=referral, to=target, actor=actor, closed_reason=closed_reason)
    return outcome


class OutcomesRefused(Exception):
    """Some rows of a group outcome were refused; ``errors`` maps the referral's pk to its refusal."""

    def __init__(self, errors: dict[int, ValidationError]):
        super().__init__(errors)
        self.errors = errors


@transaction.atomic
def referral_outcomes_record(*, answers, source: str, actor, token=None) -> list[ReferralOutcome]:
    """Record the answers for several referrals at once, ``answers`` being (referral, answer, reason).

    All or nothing: if any row is refused, nothing is saved and every refused row is named.
    The same form sent twice (same one-time ``token``) gives the outcomes of the first submission."""
    outcomes, errors = [], {}
    for referral, answer, reason in answers:
        try:
            with transaction.atomic():
                outcomes.append(
                    referral_outcome_record(
                        referral=referral, actor=actor, answer=answer, source=source, reason=reason,
                        token=outcome_row_token(token, referral.pk),
                    )  # fmt: skip
                )
        except ValidationError as error:
            errors[referral.pk] = error
    if errors:
        raise OutcomesRefused(errors)
    return outcomes


def referral_calendar_send(*, referral: Referral, actor, host: str, token=None) -> ReferralEvent:
    """E-mail the appointment's calendar file to the visitor and note it in the referral's history.

    Only to an address the visitor gave for call-backs with their consent; a mail server that
    refuses or cannot be reached is reported as a refusal, not as an error page.

    The e-mail leaves only after the history entry is committed (security.md I4): a request
    that fails later cannot have sent a mail that the history does not know. If the mail
    server then refuses, the entry is taken back. Called outside a transaction (as the view
    does), the refusal is raised here; inside a larger one, the mail goes when that commits
    and a refusal is only logged.

    The same form sent twice (same one-time ``token``) sends nothing more and gives the history
    entry of the first mail; after a refusal the entry is gone, so a resend tries again."""
    if token:
        already = ReferralEvent.objects.filter(form_token=token).first()
        if already:
            return already
    if referral.appointment_at is None:
        raise ValidationError(_("There is no appointment to put in a calendar yet."), code="no_appointment")
    address = mail.calendar_email_address(referral.visitor)
    if not address:
        raise ValidationError(
            _("The visitor has not given an e-mail address with their consent to be contacted."), code="no_address"
        )
    message = mail.calendar_email(referral, to=address, host=host)
    refused = []

    def create() -> ReferralEvent:
        event = ReferralEvent.objects.create(referral=referral, kind=ReferralEventKind.CALENDAR_SENT, done_by=actor, form_token=token)
        # Registered only by the submission whose entry is saved: the twin of a concurrent
        # double click gets the winner's entry from once() and sends nothing.
        transaction.on_commit(lambda: refused.extend(_calendar_email_send(message, event)))
        return event

    event = once(ReferralEvent, token, create)
    if refused:
        raise ValidationError(
            _("The e-mail could not be sent: the mail server did not accept it. Please try again later or download the calendar file."),
            code="smtp",
        )
    return event


def _calendar_email_send(message, event: ReferralEvent) -> list[str]:
    """Send after the commit; on refusal take the history entry back. Returns the refusal, if any."""
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("calendar e-mail for referral %s failed: %s", event.referral_id, type(error).__name__)
        with transaction.atomic():
            ReferralEvent.objects.filter(pk=event.pk).delete()
        return [type(error).__name__]
    return []
