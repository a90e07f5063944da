from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from infopoint.lib.audit import log_read
from infopoint.lib.pdf import pdf_response
from intake.selectors import visit_for_screening, visitor_by_code
from referrals import appointments, selectors, services
from referrals.forms import OutcomeForm, ReferralForm, ReferralMoveForm
from referrals.ics import appointment_ics
from referrals.models import PROGRAM_BENEFITS, Benefit, TalkPurpose
from referrals.slip import slip_context

FOLLOW_UPS_PER_PAGE = 50


@require_safe
def office_list(request):
    return render(request, "referrals/office_list.html", {"offices": selectors.office_list()})


@require_safe
def follow_up_list(request):
    """The advisor's open referrals: overdue ones first, then by date."""
    page = Paginator(selectors.follow_up_list(user=request.user), FOLLOW_UPS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "referrals/follow_up_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
def referral_new(request, visit):
    """One click from a contact: the form comes pre-filled with the office responsible for the
    visitor's district and the chosen benefit."""
    visit = visit_for_screening(pk=visit, user=request.user, role=request.role)
    run = _screening_run(request, visit)
    if request.method == "POST":
        form = ReferralForm(request.POST)
        if form.is_valid():
            referral = services.referral_create(actor=request.user, visitor=visit.visitor, visit=visit, screening_run=run, **form.cleaned_data)
            messages.success(request, _("The referral has been saved."))
            return redirect("referrals:referral-detail", pk=referral.pk)
        return render(request, "referrals/referral_form.html", {"form": form, "visit": visit, "run": run}, status=400)
    asked = request.GET.get("benefit", "")
    benefit = PROGRAM_BENEFITS.get(asked) or (asked if asked in Benefit.values else Benefit.SGB2)
    office = selectors.proposed_office(benefit=benefit, district=visit.visitor.district)
    form = ReferralForm(initial={"benefit": benefit, "office": office, "appointment_place": office.address if office else ""})
    return render(request, "referrals/referral_form.html", {"form": form, "visit": visit, "run": run, "proposed": office})


def _screening_run(request, visit):
    """The saved check the referral comes from (?run= or the form's hidden field), if it belongs to the contact."""
    pk = request.GET.get("run") or request.POST.get("run")
    if not pk or not str(pk).isdigit():
        return None
    return visit.screening_runs.filter(pk=int(pk)).first()


def _errors_to_form(error: ValidationError, form) -> None:
    """A service's refusal shown at the field it concerns (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


def _detail_page(request, referral, move_form=None, status=200, outcome_form=None):
    log_read(actor=request.user, instance=referral, purpose="referral-detail")
    visit_language = referral.visit.language if referral.visit else ""
    context = {
        "referral": referral,
        "languages": settings.LANGUAGES,
        "default_language": visit_language if visit_language in dict(settings.LANGUAGES) else "de",
        "changes": referral.status_changes.select_related("changed_by"),
        "move_form": move_form or ReferralMoveForm(referral=referral),
        "outcome_form": outcome_form or OutcomeForm(),
        "outcomes": referral.outcomes.select_related("recorded_by"),
    }
    return render(request, "referrals/referral_detail.html", context, status=status)


@require_safe
def referral_detail(request, pk):
    return _detail_page(request, selectors.referral_get(pk=pk, user=request.user, role=request.role))


@require_safe
def referral_slip(request, pk):
    """The appointment slip: German, then the visitor's language, and the note for the office."""
    referral = selectors.referral_get(pk=pk, user=request.user, role=request.role)
    language = request.GET.get("lang", "de")
    if language not in dict(settings.LANGUAGES):
        language = "de"
    log_read(actor=request.user, instance=referral, purpose="referral-slip-print")
    return pdf_response("referrals/slip.html", slip_context(referral, language), filename=f"infopoint-termin-{referral.pk}.pdf")


@require_safe
def referral_ics(request, pk):
    referral = selectors.referral_get(pk=pk, user=request.user, role=request.role)
    if referral.appointment_at is None:
        messages.error(request, _("There is no appointment to put in a calendar yet."))
        return redirect("referrals:referral-detail", pk=referral.pk)
    log_read(actor=request.user, instance=referral, purpose="referral-calendar-export")
    response = HttpResponse(appointment_ics(referral, host=request.get_host().split(":")[0]), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="infopoint-termin-{referral.pk}.ics"'
    return response


@require_POST
def referral_move(request, pk):
    referral = selectors.referral_get(pk=pk, user=request.user, role=request.role)
    form = ReferralMoveForm(request.POST, referral=referral)
    if not form.is_valid():
        return _detail_page(request, referral, form, status=400)
    try:
        services.referral_move(referral=referral, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        _errors_to_form(error, form)
        return _detail_page(request, referral, form, status=400)
    messages.success(request, _("The status has been changed."))
    return redirect("referrals:referral-detail", pk=referral.pk)


@require_POST
def referral_outcome(request, pk):
    """The quick question after a call-back or at the next visit: what came of it?"""
    referral = selectors.referral_get(pk=pk, user=request.user, role=request.role)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.referral_outcome_record(referral=referral, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(error, form)
    if form.errors:
        return _detail_page(request, referral, status=400, outcome_form=form)
    messages.success(request, _("The outcome has been recorded."))
    return redirect("referrals:referral-detail", pk=referral.pk)


@require_safe
def appointment_day(request):
    """One advisor's day at the Infopoint: booked talks and free half-hour slots."""
    try:
        day = date.fromisoformat(request.GET.get("day", "")) if request.GET.get("day") else timezone.localdate()
    except ValueError:
        messages.error(request, _("Please enter the day as a date."))
        day = timezone.localdate()
    advisors = appointments.bookable_advisors()
    advisor = advisors.filter(pk=request.GET.get("advisor")).first() if str(request.GET.get("advisor", "")).isdigit() else None
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
        "slots": appointments.day_view(day=day, advisor=advisor),
        "purposes": TalkPurpose.choices,
    }
    return render(request, "referrals/appointment_day.html", context)


@require_POST
def appointment_book(request):
    if not request.POST.get("visitor"):
        messages.error(request, _("Open the day view from a visitor's page to book a talk for them."))
        return redirect("referrals:appointment-day")
    visitor = visitor_by_code(code=request.POST["visitor"], user=request.user, role=request.role)
    advisor = appointments.bookable_advisors().filter(pk=request.POST.get("advisor") if str(request.POST.get("advisor", "")).isdigit() else None).first()
    purpose = request.POST.get("purpose") if request.POST.get("purpose") in TalkPurpose.values else TalkPurpose.FOLLOW_UP
    try:
        starts_at = datetime.fromisoformat(request.POST.get("starts_at", ""))
        if advisor is None or timezone.is_naive(starts_at):
            raise ValueError
    except ValueError:
        messages.error(request, _("Please choose an advisor and a free slot."))
        return redirect(f"{reverse('referrals:appointment-day')}?visitor={visitor.code}")
    try:
        appointments.appointment_book(advisor=advisor, visitor=visitor, starts_at=starts_at, purpose=purpose, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The appointment has been booked."))
    day = timezone.localtime(starts_at).date().isoformat()
    return redirect(f"{reverse('referrals:appointment-day')}?day={day}&advisor={advisor.pk}&visitor={visitor.code}")
