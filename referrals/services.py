"""Writes for referrals: creating one and moving it through its lifecycle."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infopoint.lib.roles import organisation_of
from referrals import lifecycle
from referrals.models import Referral, ReferralStatusChange


@transaction.atomic
def referral_create(*, actor, visitor, office, benefit: str, visit=None, screening_run=None, **details) -> Referral:
    """A new referral in status "planned"; data is handed over only with a dated consent."""
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
        possible = ", ".join(str(lifecycle.STATUS_LABELS[s]) for s in lifecycle.allowed_next(referral.status))
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
