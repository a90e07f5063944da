"""Staff pages of the local values (issue 20): the list, a new record, the second person's confirmation."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from infopoint.forms import errors_to_form
from screening import local_value_selectors as selectors
from screening import local_value_services as services
from screening.local_value_forms import LocalValueForm, describe
from screening.local_values import PARAMETER_LABELS
from screening.rules.local_values import LOCAL_PARAMETERS


@require_safe
def local_value_list(request):
    rows = selectors.local_value_overview(today=timezone.localdate())
    sections = [
        {
            "row": row,
            "fallback": [(entry, describe(row.name, entry.value)) for entry in row.fallback],
            "records": [(record, describe(row.name, record.value)) for record in row.records],
        }
        for row in rows
    ]
    return render(request, "screening/local_values.html", {"sections": sections, "user_pk": request.user.pk})


def _parameter(request) -> str:
    name = request.POST.get("parameter") or request.GET.get("parameter")
    return name if name in LOCAL_PARAMETERS else LOCAL_PARAMETERS[0]


@require_http_methods(["GET", "POST"])
def local_value_new(request):
    parameter = _parameter(request)
    others = [(name, PARAMETER_LABELS[name]) for name in LOCAL_PARAMETERS if name != parameter]
    if request.method != "POST":
        form = LocalValueForm(parameter=parameter, initial={"token": uuid.uuid4()})
        return render(request, "screening/local_value_new.html", {"form": form, "others": others})
    form = LocalValueForm(request.POST, parameter=parameter)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record = services.local_value_enter(
                actor=request.user,
                parameter=parameter,
                valid_from=data["valid_from"],
                valid_to=data.get("valid_to"),
                value=form.value(),
                source_document=data["source_document"],
                source_url=data.get("source_url") or "",
                token=data.get("token"),
            )
        except ValidationError as error:
            errors_to_form(error, form)
        else:
            messages.success(
                request,
                _("The value has been recorded. It applies once a second person (team lead or administration) has confirmed it."),
            )
            return redirect(f"{_list_url()}#record-{record.pk}")
    else:
        # The figures are checked too, so that every mistake shows at once at its field.
        for name, field_errors in services.value_refusals(parameter, form.value()).items():
            if name in form.fields and name not in form.errors:
                form.add_error(name, field_errors)
    return render(request, "screening/local_value_new.html", {"form": form, "others": others}, status=400)


def _list_url():
    return reverse("screening:local-values")


@require_http_methods(["GET", "POST"])
def local_value_confirm(request, pk):
    record = selectors.local_value_get(pk=pk)
    error = None
    if request.method == "POST":
        withdraw = request.POST.get("action") == "withdraw"
        try:
            if withdraw:
                services.local_value_withdraw(actor=request.user, record=record)
            else:
                services.local_value_confirm(actor=request.user, record=record)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, _("The record has been withdrawn.") if withdraw else _("The value is confirmed and is used from now on."))
            return redirect(f"{_list_url()}#record-{record.pk}")
    context = {
        "record": record,
        "label": PARAMETER_LABELS[record.parameter],
        "value_rows": describe(record.parameter, record.value),
        "own": record.entered_by_id == request.user.pk,
        "error": error,
    }
    return render(request, "screening/local_value_confirm.html", context, status=400 if error else 200)
