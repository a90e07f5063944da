"""Writes for talks at the Infopoint: booking, cancelling and moving them."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infopoint.lib.roles import organisation_of
from referrals.appointments.selectors import slot_starts
from referrals.models import CancelReason, InfopointAppointment


def _check_slot(starts_at: datetime) -> None:
    local = timezone.localtime(starts_at)
    if local not in slot_starts(local.date()):
        raise ValidationError({"starts_at": _("This time is not a slot within the opening hours.")})
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": _("This slot lies in the past.")})


def _save_in_free_slot(appointment: InfopointAppointment) -> None:
    """Save, refusing a slot the advisor already has a talk in (the database decides, also under races)."""
    try:
        with transaction.atomic():
            appointment.save()
    except IntegrityError:
        raise ValidationError({"starts_at": _("This slot has just been booked by someone else; please choose another one.")}) from None


@transaction.atomic
def appointment_book(*, advisor, visitor, starts_at: datetime, purpose: str, actor) -> InfopointAppointment:
    _check_slot(starts_at)
    appointment = InfopointAppointment(
        advisor=advisor, visitor=visitor, starts_at=starts_at, purpose=purpose, booked_by=actor, organisation=organisation_of(actor) or ""
    )
    _save_in_free_slot(appointment)
    return appointment


@transaction.atomic
def appointment_cancel(*, appointment: InfopointAppointment, reason: str, actor) -> InfopointAppointment:
    """Cancel a talk with the reason; the row stays for the record and the slot becomes free."""
    appointment = InfopointAppointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.is_cancelled:
        raise ValidationError(_("This talk has already been cancelled."), code="cancelled")
    if reason not in CancelReason.values:
        raise ValidationError({"reason": _("Please say why the talk is cancelled.")})
    appointment.cancelled_at = timezone.now()
    appointment.cancelled_by = actor
    appointment.cancel_reason = reason
    appointment.full_clean()
    appointment.save()
    return appointment


@transaction.atomic
def appointment_move(*, appointment: InfopointAppointment, starts_at: datetime, advisor, actor) -> InfopointAppointment:
    """Move a talk to another free slot (of the same or another advisor)."""
    appointment = InfopointAppointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.is_cancelled:
        raise ValidationError(_("A cancelled talk cannot be moved; please book a new one."), code="cancelled")
    if advisor == appointment.advisor and starts_at == appointment.starts_at:
        raise ValidationError({"starts_at": _("The talk already takes place at this time.")})
    _check_slot(starts_at)
    appointment.starts_at = starts_at
    appointment.advisor = advisor
    _save_in_free_slot(appointment)
    return appointment
