"""What leaves the Infopoint about a referral: the slip, the calendar file, the calendar e-mail.

Each of them is an export of a person's data and goes into the read-access log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from infopoint.forms import FormTokenField
from infopoint.lib.audit import log_read
from infopoint.lib.pdf import pdf_response
from infopoint.lib.print_options import requested_paper_size, requested_print_language
from referrals import selectors, services
from referrals.ics import appointment_ics
from referrals.slip import slip_context


@require_safe
def referral_slip(request, pk):
    """The appointment slip: German, then the visitor's language, and the note for the office; A4 or A5."""
    referral = selectors.referral_get(pk=pk, user=request.user, role=request.role)
    log_read(actor=request.user, instance=referral, purpose="referral-slip-print")
    context = slip_context(referral, requested_print_language(request), paper=requested_paper_size(request))
    return pdf_response("referrals/slip.html", context, filename=f"infopoint-termin-{referral.pk}.pdf")


@require_safe
def referral_ics(request, pk):
    referral = selectors.referral_get(pk=pk, user=request.user, role=request.role)
    if referral.appointment_at is None:
        messages.error(request, _("There is no appointment to put in a calendar yet."))
        return redirect("referrals:referral-detail", pk=referral.pk)
    log_read(actor=request.user, instance=referral, purpose="referral-calendar-export")
    response = HttpResponse(appointment_ics(referral, host=_host(request)), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="infopoint-termin-{referral.pk}.ics"'
    return response


@require_POST
@transaction.non_atomic_requests
def referral_ics_send(request, pk):
    """Send the calendar file to the e-mail address the visitor gave for call-backs.

    Not in the request's transaction: the service commits the history entry itself and sends
    the mail after that commit, so that it can still tell the advisor when the mail server refuses."""
    referral = selectors.referral_get(pk=pk, user=request.user, role=request.role)
    log_read(actor=request.user, instance=referral, purpose="referral-calendar-email")
    try:
        token = FormTokenField().clean(request.POST.get("token"))
        services.referral_calendar_send(referral=referral, actor=request.user, host=_host(request), token=token)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The calendar file has been sent to the visitor by e-mail."))
    return redirect("referrals:referral-detail", pk=referral.pk)


def _host(request) -> str:
    return request.get_host().split(":")[0]
