"""One outcome form for all open referrals of a visitor (a call-back or their next visit)."""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from infopoint.forms import errors_to_form
from infopoint.lib.audit import log_reads
from intake.selectors import visitor_by_code
from referrals import selectors, services
from referrals.forms import OutcomeRowForm, OutcomeSourceForm


@require_http_methods(["GET", "POST"])
def visitor_outcomes(request, code):
    """The same question for every open referral, recorded in one go: all rows or none."""
    visitor = visitor_by_code(code=code, user=request.user, role=request.role)
    referrals = selectors.open_referrals_of_visitor(visitor=visitor, user=request.user, role=request.role)
    log_reads(actor=request.user, instances=referrals, purpose="referral-outcomes-of-visitor")
    data = request.POST if request.method == "POST" else None
    rows = [OutcomeRowForm(data, referral=referral) for referral in referrals]
    source_form = OutcomeSourceForm(data, initial={"token": uuid.uuid4()})
    if request.method == "POST" and (_recorded_before(request, visitor, source_form) or _record(request, rows, source_form)):
        return redirect(visitor)
    context = {"visitor": visitor, "rows": rows, "source_form": source_form}
    return render(request, "referrals/visitor_outcomes.html", context, status=400 if request.method == "POST" else 200)


def _recorded_before(request, visitor, source_form) -> bool:
    """The same form sent again (double click, reload): its referrals may be closed by now and
    missing from the rows, so the first submission's outcomes are looked up by the form's token."""
    token = source_form.fields["token"].clean(source_form.data.get("token"))
    outcomes = selectors.outcomes_of_group_form(visitor=visitor, user=request.user, role=request.role, token=token)
    if outcomes:
        _report_recorded(request, len(outcomes))
    return bool(outcomes)


def _report_recorded(request, count: int) -> None:
    messages.success(
        request,
        ngettext("The outcome of %(count)s referral has been recorded.", "The outcomes of %(count)s referrals have been recorded.", count)
        % {"count": count},
    )


def _record(request, rows, source_form) -> bool:
    if not (source_form.is_valid() & all([row.is_valid() for row in rows])):
        return False
    answers = [(row.referral, row.cleaned_data["answer"], row.cleaned_data["reason"]) for row in rows if row.cleaned_data["answer"]]
    if not answers:
        source_form.add_error(None, _("Please record an answer for at least one referral."))
        return False
    try:
        outcomes = services.referral_outcomes_record(
            answers=answers, source=source_form.cleaned_data["source"], actor=request.user, token=source_form.cleaned_data["token"]
        )
    except services.OutcomesRefused as refused:
        for row in rows:
            if row.referral.pk in refused.errors:
                errors_to_form(refused.errors[row.referral.pk], row)
        return False
    _report_recorded(request, len(outcomes))
    return True
