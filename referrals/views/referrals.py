"""Offices, the follow-up list, and one referral: creating it, its page, its status and outcome."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from infopoint.forms import errors_to_form
from infopoint.lib.audit import log_read
from infopoint.lib.print_options import PAPER_SIZES, default_print_language
from infopoint.lib.request_params import optional_pk
from intake.selectors import visit_for_screening
from referrals import mail, selectors, services
from referrals.forms import OutcomeForm, ReferralForm, ReferralMoveForm
from referrals.models import ADVICE_OFFICE_KINDS, PROGRAM_BENEFITS, Benefit
from screening.labels import OFFICE_KINDS

FOLLOW_UPS_PER_PAGE = 50


@require_safe
def office_list(request):
    return render(request, "referrals/office_list.html", {"offices": selectors.office_list()})


@require_safe
def follow_up_list(request):
    """The advisor's open referrals: overdue ones first, then by date."""
    page = selectors.follow_up_page(user=request.user, number=request.GET.get("page"), per_page=FOLLOW_UPS_PER_PAGE)
    return render(request, "referrals/follow_up_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
def referral_new(request, visit):
    """One click from a contact: the form comes pre-filled with the office responsible for the
    visitor's district and the chosen benefit."""
    visit = visit_for_screening(pk=visit, user=request.user, role=request.role)
    run_pk = optional_pk(request, "run")
    # The saved check the referral comes from, if it belongs to the contact.
    run = visit.screening_runs.filter(pk=run_pk).first() if run_pk else None
    if request.method == "POST":
        form = ReferralForm(request.POST)
        if form.is_valid():
            referral = services.referral_create(actor=request.user, visitor=visit.visitor, visit=visit, screening_run=run, **form.cleaned_data)
            messages.success(request, _("The referral has been saved."))
            return redirect("referrals:referral-detail", pk=referral.pk)
        return render(request, "referrals/referral_form.html", {"form": form, "visit": visit, "run": run}, status=400)
    asked = request.GET.get("benefit", "")
    benefit = PROGRAM_BENEFITS.get(asked) or (asked if asked in Benefit.values else Benefit.SGB2)
    office = _advice_office(request.GET.get("office_kind", ""), visit.visitor.district)
    office = office or _route_office(run, asked, benefit, visit.visitor.district) or selectors.proposed_office(benefit=benefit, district=visit.visitor.district)
    form = ReferralForm(
        initial={"benefit": benefit, "office": office, "appointment_place": office.address if office else "", "token": uuid.uuid4()}
    )
    return render(request, "referrals/referral_form.html", {"form": form, "visit": visit, "run": run, "proposed": office})


def _advice_office(kind: str, district: str):
    """From a debt in a saved check: the debt advice, energy advice or tenants' association for the
    district (None for any other kind, or if the directory has no such office)."""
    return selectors.office_for_kind(kind=kind, district=district) if kind in ADVICE_OFFICE_KINDS else None


def _route_office(run, program: str, benefit: str, district: str):
    """From a saved check: the office its route names for this benefit (None if the benefit is
    not in the route, or the check was saved before routes existed)."""
    route = (run.result or {}).get("route") if run else None
    claim = next((claim for claim in (route or {}).get("claims", []) if claim["program"] == program), None)
    if claim is None or claim.get("office") not in OFFICE_KINDS:
        return None
    return selectors.proposed_office_for_route(benefit=benefit, office_kind=OFFICE_KINDS[claim["office"]], district=district)


def detail_page(request, referral, move_form=None, status=200, outcome_form=None):
    log_read(actor=request.user, instance=referral, purpose="referral-detail")
    context = {
        "referral": referral,
        "languages": settings.LANGUAGES,
        "default_language": default_print_language(referral.visit),
        "paper_sizes": PAPER_SIZES,
        "history": selectors.referral_history(referral=referral),
        "move_form": move_form or ReferralMoveForm(referral=referral),
        "outcome_form": outcome_form or OutcomeForm(initial={"token": uuid.uuid4()}),
        "calendar_token": uuid.uuid4(),
        "outcomes": referral.outcomes.select_related("recorded_by"),
        "calendar_email": mail.calendar_email_address(referral.visitor),
    }
    return render(request, "referrals/referral_detail.html", context, status=status)


@require_safe
def referral_detail(request, pk):
    return detail_page(request, selectors.referral_get(pk=pk, user=request.user, role=request.role))


@require_POST
def referral_move(request, pk):
    referral = selectors.referral_get(pk=pk, user=request.user, role=request.role)
    form = ReferralMoveForm(request.POST, referral=referral)
    if not form.is_valid():
        return detail_page(request, referral, form, status=400)
    try:
        services.referral_move(referral=referral, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        errors_to_form(error, form)
        return detail_page(request, referral, form, status=400)
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
            errors_to_form(error, form)
    if form.errors:
        return detail_page(request, referral, status=400, outcome_form=form)
    messages.success(request, _("The outcome has been recorded."))
    return redirect("referrals:referral-detail", pk=referral.pk)
