"""Reads for talks at the Infopoint: the slots of a day and who is booked in them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils import timezone

from infopoint.lib.opening_hours import periods_on
from infopoint.lib.roles import GROUP_ADVISOR, Role, organisation_of
from infopoint.refused_lookups import scoped_get_or_404
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


def slot_times() -> list[str]:
    """Every "HH:MM" at which a slot starts on some weekday, in the order of the day."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    times = {start.strftime("%H:%M") for offset in range(7) for start in slot_starts(monday + timedelta(days=offset))}
    return sorted(times)


def _may_see(appointment: InfopointAppointment, user, role) -> bool:
    """Whose name a slot shows: the same rule as for changing a talk (appointment_get)."""
    if role != Role.ADVISOR:
        return True
    return appointment.organisation == organisation_of(user) or user.pk in (appointment.advisor_id, appointment.booked_by_id)


def day_view(*, day: date, advisor, user, role) -> list[dict]:
    """The advisor's slots of a day, each with the talk booked in it (cancelled talks free their slot).

    A talk of the other organisation's visitor shows as "booked", without the name (§ 35 SGB I)."""
    booked = {
        timezone.localtime(appointment.starts_at): appointment
        for appointment in InfopointAppointment.objects.filter(advisor=advisor, starts_at__date=day, cancelled_at__isnull=True).select_related(
            "visitor"
        )
    }
    now = timezone.now()
    slots = []
    for start in slot_starts(day):
        appointment = booked.get(start)
        visible = appointment is not None and _may_see(appointment, user, role)
        slots.append({"starts_at": start, "appointment": appointment, "visible": visible, "past": start < now})
    return slots


def bookable_advisors() -> QuerySet[User]:
    return User.objects.filter(groups__name=GROUP_ADVISOR, is_active=True).order_by("first_name", "last_name", "username")


def appointment_get(*, pk: int, user, role) -> InfopointAppointment:
    """A talk the user may change: advisors those of their organisation, their own and those they booked."""
    appointments = InfopointAppointment.objects.select_related("visitor", "advisor", "booked_by", "cancelled_by")
    if role == Role.ADVISOR:
        appointments = appointments.filter(Q(organisation=organisation_of(user)) | Q(advisor=user) | Q(booked_by=user))
    return scoped_get_or_404(appointments, user=user, pk=pk)
