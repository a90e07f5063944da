"""Reads of the forms catalogue, for staff and for visitors (kiosk and, later, /info/)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from openarea.models import PrintableForm
from openarea.models.catalogue import allowed_domains, online_url_allowed
from referrals.models import Benefit, OfficeKind

security_log = logging.getLogger("infopoint.security")


def printable_form_list() -> QuerySet[PrintableForm]:
    """Every form for staff, active ones first."""
    return PrintableForm.objects.select_related("office").order_by("-is_active", "order", "title_de")


def printable_form_get(*, pk: int) -> PrintableForm:
    return get_object_or_404(PrintableForm.objects.select_related("office"), pk=pk)


@dataclass(frozen=True)
class VisitorForm:
    """A form as a visitor sees it: texts in their language, with the language each text is really in."""

    slug: str
    title: str
    title_language: str
    who_needs_it: str
    who_needs_it_language: str
    guide: str
    guide_language: str
    benefit: str
    office_kind: str
    office_name: str
    office_address: str
    has_pdf: bool
    online_url: str


def _shown_url(form: PrintableForm, domains: frozenset[str]) -> str:
    # An address nobody has checked could send a visitor to the wrong place; one off the
    # allow-list (also one saved before the list existed, or whose domain was taken off it)
    # is never offered.
    if not form.online_url or not form.online_url_checked or not online_url_allowed(form.online_url, domains):
        return ""
    return form.online_url


def _for_visitor(form: PrintableForm, language: str, domains: frozenset[str]) -> VisitorForm:
    title, title_language = form.text("title", language)
    who, who_language = form.text("who_needs_it", language)
    guide, guide_language = form.text("guide", language)
    return VisitorForm(
        slug=form.slug,
        title=title,
        title_language=title_language,
        who_needs_it=who,
        who_needs_it_language=who_language,
        guide=guide,
        guide_language=guide_language,
        benefit=str(Benefit(form.benefit).label),
        office_kind=str(OfficeKind(form.office_kind).label),
        office_name=form.office.name if form.office and form.office.is_active else "",
        office_address=form.office.address if form.office and form.office.is_active else "",
        has_pdf=bool(form.pdf),
        online_url=_shown_url(form, domains),
    )


def _active() -> QuerySet[PrintableForm]:
    return PrintableForm.objects.filter(is_active=True).select_related("office").order_by("order", "title_de")


def forms_for_visitors(language: str) -> list[VisitorForm]:
    """Active forms, display-ready in the visitor's language (German where a text is missing)."""
    domains = allowed_domains()
    return [_for_visitor(form, language, domains) for form in _active()]


def form_for_visitors(*, slug: str, language: str) -> VisitorForm:
    return _for_visitor(get_object_or_404(_active(), slug=slug), language, allowed_domains())


def active_form_with_pdf(*, slug: str) -> PrintableForm:
    form = get_object_or_404(_active(), slug=slug)
    if not form.pdf:
        raise Http404
    return form


def active_form_online_url(*, slug: str) -> str:
    form = get_object_or_404(_active(), slug=slug)
    url = _shown_url(form, allowed_domains())
    if not url:
        if form.online_url and form.online_url_checked:
            security_log.warning("online address refused", extra={"event": "online_url_refused", "form": form.slug})
        raise Http404
    return url
