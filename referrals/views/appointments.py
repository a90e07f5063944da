"""Talks at the Infopoint: the day view per advisor, booking a slot, cancelling and moving a talk."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from infopoint.forms import errors_to_form
from infopoint.lib.audit import log_read
from infopoint.lib.request_params import parse_moment, parse_pk, query_day
from intake.selectors import visitor_by_code
from referrals.appointments import selectors, services
from referrals.forms import AppointmentCancelForm, AppointmentMoveForm
from referrals.models import TalkPurpose


def _day_url(*, day: date, advisor, visitor=None) -> str:
    url = f"{reverse('referrals:appointment-day')}?day={day.isoformat()}&advisor={advisor.pk}"
    return f"{url}&visitor={visitor.code}" if visitor else url


@require_safe
def appointment_day(request):
    """One advisor's day at the Infopoint: booked talks and free half-hour slots."""
    day, refused = query_day(request, "day", timezone.localdate())
    if refused:
        messages.error(request, refused)
    advisors = selectors.bookable_advisors()
    advisor_pk = parse_pk(request.GET.get("advisor"))
    advisor = advisors.filter(pk=advisor_pk).first() if advisor_pk else None
    advisor = advisor or request.user
    visitor = None
    if request.GET.get("visitor"):
        visitor = visitor_by_code(code=request.GET["visitor"], user=request.user, role=request.role)
    context = {
        "day": day,
        "previous_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1),
        "advisor": advisor,
        "advisors": advisors,
        "visitor": visitor,
        "slots": selectors.day_view(day=day, advisor=advisor, user=request.user, role=request.role),
        "purposes": TalkPurpose.choices,
    }
    return render(request, "referrals/appointment_day.html", context)


@require_POST
def appointment_book(request):
    if not request.POST.get("visitor"):
        messages.error(request, _("Open the day view from a visitor's page to book a talk for them."))
        return redirect("referrals:appointment-day")
    visitor = visitor_by_code(code=request.POST["visitor"], user=request.user, role=request.role)
    advisor_pk = parse_pk(request.POST.get("advisor"))
    advisor = selectors.bookable_advisors().filter(pk=advisor_pk).first()
    purpose = request.POST.get("purpose") if request.POST.get("purpose") in TalkPurpose.values else TalkPurpose.FOLLOW_UP
    starts_at = parse_moment(request.POST.get("starts_at", ""))
    if advisor is None or starts_at is None:
        messages.error(request, _("Please choose an advisor and a free slot."))
        return redirect(f"{reverse('referrals:appointment-day')}?visitor={visitor.code}")
    try:
        services.appointment_book(advisor=advisor, visitor=visitor, starts_at=starts_at, purpose=purpose, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The appointment has been booked."))
    return redirect(_day_url(day=timezone.localtime(starts_at).date(), advisor=advisor, visitor=visitor))


def _detail_page(request, appointment, *, cancel_form=None, move_form=None, status=200):
    log_read(actor=request.user, instance=appointment, purpose="infopoint-appointment-detail")
    local = timezone.localtime(appointment.starts_at)
    context = {
        "appointment": appointment,
        "cancel_form": cancel_form or AppointmentCancelForm(),
        "move_form": move_form
        or AppointmentMoveForm(
            initial={"advisor": appointment.advisor, "day": local.date(), "time": local.strftime("%H:%M")},
            advisors=selectors.bookable_advisors(),
        ),
        "day_url": _day_url(day=local.date(), advisor=appointment.advisor),
    }
    return render(request, "referrals/appointment_detail.html", context, status=status)


@require_safe
def appointment_detail(request, pk):
    """One talk, to cancel it or move it to another free slot."""
    return _detail_page(request, selectors.appointment_get(pk=pk, user=request.user, role=request.role))


@require_POST
def appointment_cancel(request, pk):
    appointment = selectors.appointment_get(pk=pk, user=request.user, role=request.role)
    form = AppointmentCancelForm(request.POST)
    if form.is_valid():
        try:
            services.appointment_cancel(appointment=appointment, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            errors_to_form(error, form)
    if form.errors:
        return _detail_page(request, appointment, cancel_form=form, status=400)
    messages.success(request, _("The talk has been cancelled; the slot is free again."))
    return redirect(_day_url(day=timezone.localtime(appointment.starts_at).date(), advisor=appointment.advisor))


@require_POST
def appointment_move(request, pk):
    appointment = selectors.appointment_get(pk=pk, user=request.user, role=request.role)
    form = AppointmentMoveForm(request.POST, advisors=selectors.bookable_advisors())
    if form.is_valid():
        try:
            appointment = services.appointment_move(
                appointment=appointment, starts_at=form.cleaned_data["starts_at"], advisor=form.cleaned_data["advisor"], actor=request.user
            )
        except ValidationError as error:
            _slot_errors_to_form(error, form)
    if form.errors:
        return _detail_page(request, appointment, move_form=form, status=400)
    messages.success(request, _("The talk has been moved."))
    return redirect(_day_url(day=timezone.localtime(appointment.starts_at).date(), advisor=appointment.advisor))


def _slot_errors_to_form(error: ValidationError, form) -> None:
    """The service speaks of the start time; the form asks for it as a time on a day."""
    if hasattr(error, "error_dict") and "starts_at" in error.error_dict:
        form.add_error("time", error.error_dict.pop("starts_at"))
    if not hasattr(error, "error_dict") or error.error_dict:
        errors_to_form(error, form)
