"""The forms catalogue on the kiosk: list, guide, print the PDF, open the online application.

Printing and opening an online application are counted anonymously (which form, how
often per day) through counting redirects; nothing about the visitor is recorded.
"""

from csp.decorators import csp_replace
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from openarea.catalogue import downloads, selectors
from openarea.decorators import kiosk_only
from openarea.models import UsageKind
from openarea.services import kiosk_use_record


@kiosk_only
@require_safe
def forms(request):
    return render(request, "openarea/kiosk/forms.html", {"forms": selectors.forms_for_visitors(get_language())})


@kiosk_only
@require_safe
def form_detail(request, slug):
    return render(request, "openarea/kiosk/form_detail.html", {"form": selectors.form_for_visitors(slug=slug, language=get_language())})


@kiosk_only
@require_safe
def form_print(request, slug):
    """Count one print, then hand over the PDF (the page's script prints it from a hidden frame)."""
    form = selectors.active_form_with_pdf(slug=slug)
    kiosk_use_record(kind=UsageKind.FORM_PRINTED, key=form.slug)
    return redirect("kiosk:form-pdf", slug=form.slug)


@kiosk_only
@require_safe
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})
def form_pdf(request, slug):
    """The PDF inline, so that the kiosk page prints it from its hidden frame (see catalogue/downloads.py)."""
    return downloads.form_pdf_response(selectors.active_form_with_pdf(slug=slug), attachment=False)


@kiosk_only
@require_safe
def form_online(request, slug):
    """Count one opening of the online application, then go to the official address."""
    url = selectors.active_form_online_url(slug=slug)
    kiosk_use_record(kind=UsageKind.ONLINE_APPLICATION_OPENED, key=slug)
    return redirect(url)
