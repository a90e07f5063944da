"""The public web pages under /info/<lang>/: what the Infopoint offers, for anyone, without log-in.

They work without JavaScript, have no idle reset and no "ask for advice" (nobody is in the
room to come over); the quick check is the kiosk's, in views/quick_check.py.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from openarea.catalogue import downloads
from openarea.catalogue import selectors as catalogue
from openarea.decorators import public_page
from openarea.surfaces import PUBLIC
from openarea.views.kiosk import visitor_page_context
from referrals.selectors import offices_for_visitors

# Official online calculators; only addresses checked by staff belong here (no data leaves the Infopoint).
ONLINE_CALCULATORS = [
    ("KiZ-Lotse (Kinderzuschlag) – Bundesagentur für Arbeit", "https://www.arbeitsagentur.de/familie-und-kinder/kiz-lotse"),
]


@login_not_required
@require_safe
def root(request):
    return redirect("info:start", lang="de")


@public_page
@require_safe
def start(request, lang):
    return render(request, "openarea/public/start.html", {**visitor_page_context(PUBLIC), "calculators": ONLINE_CALCULATORS})


@public_page
@require_safe
def offices(request, lang):
    return render(request, "openarea/visitor/offices.html", {**visitor_page_context(PUBLIC), "offices": offices_for_visitors()})


@public_page
@require_safe
def forms(request, lang):
    context = {**visitor_page_context(PUBLIC), "forms": catalogue.forms_for_visitors(lang)}
    return render(request, "openarea/public/forms.html", context)


@public_page
@require_safe
def form_detail(request, lang, slug):
    context = {**visitor_page_context(PUBLIC), "form": catalogue.form_for_visitors(slug=slug, language=lang)}
    return render(request, "openarea/public/form_detail.html", context)


@public_page
@require_safe
def form_pdf(request, lang, slug):
    """The blank form as published by the office; public, like on the offices' own sites (a download)."""
    return downloads.form_pdf_response(catalogue.active_form_with_pdf(slug=slug), attachment=True)
