"""Talks at the Infopoint itself: half-hour slots within the opening hours, per advisor."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infopoint.lib.opening_hours import periods_on
from infopoint.lib.roles import GROUP_ADVISOR, organisation_of
from referrals.models import InfopointAppointment


def slot_starts(day: date) -> list[datetime]:
    """Every half-hour start within the opening hours of a day, aware in local time."""
    zone = timezone.get_current_timezone()
    starts = []
    for opens, closes in periods_on(day):
        moment = datetime.combine(day, opens, tzinfo=zone)
        while (moment + InfopointAppointment.SLOT).time() <= closes:
            starts.append(moment)
            moment += InfopointAppointment.SLOT
    return starts


def day_view(*, day: date, advisor) -> list[dict]:
    booked = {
        timezone.localtime(appointment.starts_at): appointment
        for appointment in InfopointAppointment.objects.filter(advisor=advisor, starts_at__date=day).select_related("visitor")
    }
    now = timezone.now()
    return [{"starts_at": start, "appointment": booked.get(start), "past": start < now} for start in slot_starts(day)]


def bookable_advisors():
    return User.objects.filter(groups__name=GROUP_ADVISOR, is_active=True).order_by("first_name", "last_name", "username")


@transaction.atomic
def appointment_book(*, advisor, visitor, starts_at: datetime, purpose: str, actor) -> InfopointAppointment:
    local = timezone.localtime(starts_at)
    if local not in slot_starts(local.date()):
        raise ValidationError(_("This time is not a slot within the opening hours."))
    if starts_at < timezone.now():
        raise ValidationError(_("This slot lies in the past."))
    appointment = InfopointAppointment(
        advisor=advisor, visitor=visitor, starts_at=starts_at, purpose=purpose, booked_by=actor, organisation=organisation_of(actor) or ""
    )
    try:
        with transaction.atomic():
            appointment.save()
    except IntegrityError:
        raise ValidationError(_("This slot has just been booked by someone else; please choose another one.")) from None
    return appointment
