"""The screening at the counter: household form, live result, saved runs, comparison, printout."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from infopoint.forms import FormTokenField
from infopoint.lib.audit import log_read, log_reads
from infopoint.lib.pdf import pdf_response
from infopoint.lib.print_options import default_print_language, requested_print_language
from infopoint.lib.request_params import optional_pk, parse_pk
from intake import selectors as intake_selectors
from screening import forms, selectors, services
from screening.local_value_selectors import household_with_place
from screening.presentation import bills_view, compare_routes, compare_runs, input_changes, result_view
from screening.printout import printout_context
from screening.rules import evaluate_json

FORM_PAGE = "screening/household.html"
FORM_PARTIAL = "screening/_household_form.html"


def _form_context(form, *, copied_from=None, result=None, visit=None, token=None):
    return {
        "form": form,
        "token": token or uuid.uuid4(),
        "copied_from": copied_from,
        "visit": visit,
        "view": result_view(result, district=visit.visitor.district if visit else "") if result is not None else None,
        "bills": bills_view(result, district=visit.visitor.district if visit else "") if result is not None else None,
        "bill_kinds": forms.BILL_KINDS,
        "debt_kinds": forms.DEBT_KINDS,
        "debt_threats": forms.DEBT_THREATS,
        "relations": forms.RELATIONS,
        "income_kinds": forms.INCOME_KINDS,
        "trainings": forms.TRAININGS,
        "residences": forms.RESIDENCES,
        "benefits": forms.BENEFITS,
        "pension_types": forms.PENSION_TYPES,
        "tenures": forms.TENURES,
        "able_options": forms.ABLE_TO_WORK,
        "early_pension_options": forms.EARLY_PENSION,
    }


def _visit(request):
    """The contact the check belongs to (?visit= or the form's hidden field), if visible to the advisor."""
    pk = optional_pk(request, "visit")
    return intake_selectors.visit_for_screening(pk=pk, user=request.user, role=request.role) if pk else None


def _copied_from(request):
    pk = optional_pk(request, "from", post_name="copied_from")
    return selectors.run_get(pk=pk, user=request.user, role=request.role) if pk else None


@require_http_methods(["GET", "HEAD", "POST"])
def household_new(request):
    """The form. POST actions add or remove rows, or save; htmx gets the form fragment back."""
    today = timezone.localdate()
    copied_from = _copied_from(request)
    visit = _visit(request) or (copied_from.visit if copied_from else None)
    if copied_from is not None and request.method != "POST":
        log_read(actor=request.user, instance=copied_from, purpose="screening-run-copy")
    if request.method != "POST":
        form = forms.from_contract(copied_from.input_data, today) if copied_from else forms.blank(today)
        result = evaluate_json(household_with_place(form_data)) if (form_data := _valid_data(form, today)) else None
        return render(request, FORM_PAGE, _form_context(form, copied_from=copied_from, result=result, visit=visit))
    form = forms.from_post(request.POST, today)
    # The one-time token stays the same while the form is being edited (row actions, errors).
    token = FormTokenField().clean(request.POST.get("token"))
    action = request.POST.get("action", "calculate")
    if _apply_row_action(form, action):
        form.errors.clear()  # a new row is not an error
        template = FORM_PARTIAL if request.htmx else FORM_PAGE
        return render(request, template, _form_context(form, copied_from=copied_from, visit=visit, token=token))
    if action == "save" and form.is_valid:
        run = services.screening_run_create(
            household=form.data, actor=request.user, copied_from=copied_from, visit=visit, token=token
        )
        if request.htmx:
            return HttpResponseClientRedirect(run.get_absolute_url())
        return redirect(run)
    result = evaluate_json(household_with_place(form.data)) if form.is_valid else None
    if request.htmx:
        # htmx swaps only successful responses: the form comes back with its errors at the fields.
        return render(request, FORM_PARTIAL, _form_context(form, copied_from=copied_from, result=result, visit=visit, token=token))
    status = 200 if form.is_valid else 400
    return render(
        request, FORM_PAGE, _form_context(form, copied_from=copied_from, result=result, visit=visit, token=token), status=status
    )


def _valid_data(form, today):
    """For a copied run: the prefilled form's data, if it is valid."""
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, value in form.flat_values().items():
        if isinstance(value, list):
            query.setlist(name, value)
        else:
            query[name] = value
    parsed = forms.from_post(query, today)
    return parsed.data if parsed.is_valid else None


def _apply_row_action(form, action: str) -> bool:
    """Structural edits: add/remove a person or an income row. True if one was applied."""
    parts = action.split(":")
    try:
        if parts[0] == "add_member":
            form.add_member(parts[1] if len(parts) > 1 and parts[1] in ("partner", "child", "relative") else "child")
        elif parts[0] == "remove_member":
            form.remove_member(int(parts[1]))
        elif parts[0] == "add_income":
            form.add_income(int(parts[1]))
        elif parts[0] == "remove_income":
            form.remove_income(int(parts[1]), int(parts[2]))
        else:
            return form.apply_row_action(parts)
    except (IndexError, ValueError):
        return False
    return True


@require_POST
def calculate(request):
    """The live result (htmx): recalculated as the advisor types; errors go to their fields."""
    form = forms.from_post(request.POST, timezone.localdate(), live=True)
    result = evaluate_json(household_with_place(form.data)) if form.is_valid else None
    context = _form_context(form, result=result)
    # Out-of-band updates of every field's error slot: new messages appear, fixed ones vanish.
    rendered = {name for name in request.POST if name not in ("action", "csrfmiddlewaretoken", "copied_from", "token")}
    rendered -= {name for name in rendered if name.endswith("-relation") and request.POST.get(name) == "self"}
    context["error_slots"] = [(name, form.errors.get(name, "")) for name in sorted(rendered | (set(form.errors) & rendered))]
    return render(request, "screening/_result.html", context)


@require_safe
def run_list(request):
    """Saved checks to reopen: the advisor's own, newest first (organisation-scoped)."""
    runs = selectors.recent_runs(user=request.user, role=request.role, limit=50)
    log_reads(actor=request.user, instances=runs, purpose="screening-run-list")
    return render(request, "screening/run_list.html", {"runs": runs})


@require_safe
def run_detail(request, pk):
    run = selectors.run_get(pk=pk, user=request.user, role=request.role)
    log_read(actor=request.user, instance=run, purpose="screening-run-detail")
    default_language = default_print_language(run.visit)
    return render(
        request,
        "screening/run_detail.html",
        {"run": run, "referral_run": run if run.visit_id else None, "view": result_view(run.result, district=run.visit.visitor.district if run.visit else ""), "bills": bills_view(run.result, district=run.visit.visitor.district if run.visit else ""), "languages": settings.LANGUAGES, "default_language": default_language},
    )


@require_safe
def run_compare(request, pk):
    run = selectors.run_get(pk=pk, user=request.user, role=request.role)
    other_pk = parse_pk(request.GET.get("with") or run.copied_from_id)
    if other_pk is None:
        raise Http404
    other = selectors.run_get(pk=other_pk, user=request.user, role=request.role)
    log_read(actor=request.user, instance=run, purpose="screening-run-compare")
    log_read(actor=request.user, instance=other, purpose="screening-run-compare")
    return render(
        request,
        "screening/run_compare.html",
        {
            "run": run,
            "other": other,
            "routes": compare_routes(other.result, run.result),
            "rows": compare_runs(other.result, run.result),
            "changes": input_changes(other.input_data, run.input_data),
        },
    )


@require_safe
def run_print(request, pk):
    """The visitor's sheet: German, then the visitor's language (any of the six)."""
    run = selectors.run_get(pk=pk, user=request.user, role=request.role)
    log_read(actor=request.user, instance=run, purpose="screening-run-print")
    context = printout_context(run, requested_print_language(request))
    return pdf_response("screening/printout.html", context, filename=f"infopoint-ersteinschaetzung-{run.pk}.pdf")
