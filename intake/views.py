import json
import re
import uuid

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from infopoint.lib.audit import log_read, log_reads
from infopoint.lib.opening_hours import opening_hours_table, opening_status, weekly_periods
from infopoint.lib.pdf import pdf_response
from infopoint.lib.roles import Role, organisation_of
from intake import selectors, services
from intake.converters import VisitorCodeConverter
from intake.forms import (
    EventForm,
    FollowUpForm,
    NoteForm,
    VisitFinishForm,
    VisitorProfileForm,
    VisitorSearchForm,
    WalkInForm,
)
from intake.models import Clearing, ConsentScope, Visitor, VisitStatus
from intake.subject_access import subject_access_json, subject_access_pdf
from openarea.receipts.selectors import receipts_of_visitor
from referrals.models import OfficeKind
from referrals.selectors import office_for_kind, referrals_of_visitor
from screening.local_value_selectors import local_entries
from screening.selectors_law import law_families_ending

CLEARING_OFFICES = {
    Clearing.ALREADY_SGB2: OfficeKind.JOBCENTER,
    Clearing.ALREADY_SGB12: OfficeKind.SOZIALAMT,
    Clearing.ALREADY_WOHNGELD: OfficeKind.WOHNGELDSTELLE,
    Clearing.HOMELESS: OfficeKind.HOUSING_EMERGENCY,
    Clearing.CHAMBER: OfficeKind.CHAMBER,
}


CONTACTS_SHOWN = 20
# Issue 20: the team lead is told this many days before a family of legal values runs out.
LAW_NOTICE_DAYS = 30


def _home_context(form=None):
    now = timezone.localtime()
    week = weekly_periods()  # read once for both the status and the table
    return {
        "today": now,
        "overview": selectors.day_overview(day=now.date()),
        "opening": opening_status(now, week),
        "opening_hours": opening_hours_table(week),
        "walk_in_form": form or WalkInForm(initial={"token": uuid.uuid4()}),
        "search_form": VisitorSearchForm(),
        "search_results": [],
        "searched": False,
    }


@require_safe
def home(request):
    """Today at the Infopoint: the waiting list (by name, never by number) and the day's figures."""
    context = _home_context()
    if request.role in (Role.ADVISOR, Role.ADMIN):
        context["follow_ups_due"] = selectors.follow_ups_due(user=request.user)
    if request.role in (Role.TEAMLEAD, Role.ADMIN):
        # Issue 20: legal values whose source runs out soon (or ran out and is carried on).
        today = context["today"].date()
        context["law_ending"] = law_families_ending(today, LAW_NOTICE_DAYS, local=local_entries(today))
    return render(request, "intake/home.html", context)


@require_safe
def waiting_list(request):
    """The waiting list alone, polled by every desk (htmx) so that it stays current."""
    return render(request, "intake/_waiting.html", {"overview": selectors.day_overview(day=timezone.localdate())})


@require_POST
def walk_in(request):
    """Record a walk-in in seconds; the visitor appears on every desk's waiting list."""
    form = WalkInForm(request.POST)
    if not form.is_valid():
        return render(request, "intake/home.html", _home_context(form), status=400)
    visit = services.walk_in_record(actor=request.user, **form.cleaned_data)
    if visit.clearing:
        office = office_for_kind(kind=CLEARING_OFFICES[visit.clearing]) if visit.clearing in CLEARING_OFFICES else None
        where = f"{office.name}, {office.address}" + (f", {office.phone}" if office.phone else "") if office else _("see the offices list")
        messages.info(request, _("Clearing (%(case)s): please send the person to %(where)s.") % {"case": visit.get_clearing_display(), "where": where})
        return redirect("intake:home")
    if visit.status == VisitStatus.IN_CONVERSATION:
        return redirect("intake:visit-finish", pk=visit.pk)
    messages.success(request, _("%(name)s is on the waiting list.") % {"name": visit.visitor.display_name})
    return redirect("intake:home")


@require_POST
def visit_take(request, pk):
    visit = get_object_or_404(selectors.visits_for_day(day=timezone.localdate()), pk=pk)
    if not services.visit_take(visit=visit, actor=request.user):
        messages.warning(request, _("Another desk has already taken this visitor."))
        return redirect("intake:home")
    return redirect("intake:visit-finish", pk=visit.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def visit_finish(request, pk):
    """After the conversation: service, concerns, interpreter, duration and outcome."""
    visit = selectors.visit_of_advisor(pk=pk, user=request.user, role=request.role)
    if visit.status == VisitStatus.WAITING:
        messages.warning(request, _("Please take the visitor from the waiting list first."))
        return redirect("intake:home")
    if request.role != Role.ADMIN and visit.advisor_id not in (None, request.user.pk):
        messages.warning(request, _("Only the advisor who had the conversation can record it."))
        return redirect(visit.visitor.get_absolute_url())
    log_read(actor=request.user, instance=visit.visitor, purpose="visit-finish")
    form = VisitFinishForm(request.POST if request.method == "POST" else None, instance=visit)
    if request.method == "POST" and form.is_valid():
        services.visit_finish(visit=visit, actor=request.user, cleaned=form.cleaned_data)
        messages.success(request, _("The contact has been recorded."))
        return redirect(visit.visitor.get_absolute_url())
    return render(request, "intake/visit_finish.html", {"visit": visit, "form": form}, status=400 if form.errors else 200)


def _visitor_page(request, visitor, *, profile_form=None, note_form=None, follow_up_form=None, status=200):
    log_read(actor=request.user, instance=visitor, purpose="visitor-detail")
    organisation = organisation_of(request.user) if request.role == Role.ADVISOR else None
    referrals = referrals_of_visitor(visitor=visitor, user=request.user, role=request.role)
    visits = selectors.visits_of_visitor(visitor=visitor, organisation=organisation)
    # The latest contacts; a regular with over a hundred gets the rest on asking (?contacts=all).
    show_all = request.GET.get("contacts") == "all"
    visits = list(visits if show_all else visits[: CONTACTS_SHOWN + 1])
    context = {
        "visitor": visitor,
        "visits": visits[:CONTACTS_SHOWN] if not show_all else visits,
        "more_visits": not show_all and len(visits) > CONTACTS_SHOWN,
        "notes": selectors.notes_for(visitor=visitor, user=request.user, role=request.role),
        "follow_ups": selectors.follow_ups_for(visitor=visitor, user=request.user, role=request.role),
        "referrals": referrals,
        "open_referral_count": sum(1 for referral in referrals if not referral.is_finished),
        "receipts": receipts_of_visitor(visitor=visitor, user=request.user, role=request.role),
        "profile_form": profile_form or VisitorProfileForm(instance=visitor),
        "note_form": note_form or NoteForm(initial={"token": uuid.uuid4()}),
        "follow_up_form": follow_up_form or FollowUpForm(initial={"token": uuid.uuid4()}),
    }
    return render(request, "intake/visitor_detail.html", context, status=status)


@require_safe
def visitor_detail(request, code):
    """The whole history of one visitor on one screen: contacts, checks, notes, follow-ups."""
    visitor = selectors.visitor_by_code(code=code, user=request.user, role=request.role)
    return _visitor_page(request, visitor)


@require_POST
def visit_open(request, code):
    visitor = selectors.visitor_by_code(code=code, user=request.user, role=request.role)
    language = visitor.languages[0] if visitor.languages else "de"
    services.visit_open(visitor=visitor, actor=request.user, language=language)
    messages.success(request, _("%(name)s is on the waiting list.") % {"name": visitor.display_name})
    return redirect("intake:home")


@require_POST
def visitor_update(request, code):
    visitor = selectors.visitor_by_code(code=code, user=request.user, role=request.role)
    form = VisitorProfileForm(request.POST, instance=selectors.visitor_by_code(code=code, user=request.user, role=request.role))
    if not form.is_valid():
        return _visitor_page(request, visitor, profile_form=form, status=400)
    services.visitor_update(visitor=visitor, actor=request.user, cleaned=form.cleaned_data)
    messages.success(request, _("The visitor's details have been saved."))
    return redirect(visitor)


def _history_allowed(visitor, form) -> bool:
    """Notes and follow-ups outlive the day: only with the visitor's consent to keep the history."""
    if visitor.consent_scope == ConsentScope.DAY_ONLY:
        form.add_error(None, _("Please first record the visitor's consent to keep the case history."))
        return False
    return True


@require_POST
def note_add(request, code):
    visitor = selectors.visitor_by_code(code=code, user=request.user, role=request.role)
    form = NoteForm(request.POST)
    if not form.is_valid() or not _history_allowed(visitor, form):
        return _visitor_page(request, visitor, note_form=form, status=400)
    services.note_add(visitor=visitor, actor=request.user, text=form.cleaned_data["text"], token=form.cleaned_data["token"])
    return redirect(visitor)


@require_POST
def follow_up_add(request, code):
    visitor = selectors.visitor_by_code(code=code, user=request.user, role=request.role)
    form = FollowUpForm(request.POST)
    if not form.is_valid() or not _history_allowed(visitor, form):
        return _visitor_page(request, visitor, follow_up_form=form, status=400)
    services.follow_up_add(visitor=visitor, actor=request.user, **form.cleaned_data)
    return redirect(visitor)


@require_POST
def follow_up_done(request, pk):
    follow_up = selectors.follow_up_get(pk=pk, user=request.user, role=request.role)
    services.follow_up_done(follow_up=follow_up, actor=request.user)
    if request.POST.get("back") == "home":
        return redirect("intake:home")
    return redirect(follow_up.visitor)


@require_POST
def visitor_erase(request, code):
    """Right to erasure: only with the confirmation box ticked."""
    visitor = selectors.visitor_by_code(code=code, user=request.user, role=request.role)
    if request.POST.get("confirm") != "on":
        messages.error(request, _("Please confirm that the personal data is to be erased."))
        return redirect(visitor)
    services.visitor_erase(visitor=visitor, actor=request.user)
    messages.success(request, _("The personal data has been erased; only anonymous counts remain."))
    return redirect("intake:home")


@require_POST
def visitor_merge(request, code):
    """Merge a duplicate (given by its code) into this visitor, after confirmation."""
    keep = selectors.visitor_by_code(code=code, user=request.user, role=request.role)
    other_code = request.POST.get("duplicate", "").strip().upper()
    valid_code = re.fullmatch(VisitorCodeConverter.regex, other_code) is not None
    if request.POST.get("confirm") != "on" or not valid_code or other_code == keep.code:
        messages.error(request, _("Please enter the code of the duplicate and confirm the merge."))
        return redirect(keep)
    duplicate = Visitor.objects.filter(code=other_code).first()
    if duplicate is None:
        messages.error(request, _("There is no visitor with the code %(code)s.") % {"code": other_code})
        return redirect(keep)
    services.visitor_merge(keep=keep, duplicate=duplicate, actor=request.user)
    messages.success(request, _("The visitor %(code)s has been merged into this one.") % {"code": other_code})
    return redirect(keep)


@require_POST
def visitor_search(request):
    """Search by POST so that names never appear in URLs or access logs (security.md E6)."""
    form = VisitorSearchForm(request.POST)
    results = selectors.visitor_search(query=form.cleaned_data["query"], user=request.user, role=request.role) if form.is_valid() else []
    log_reads(actor=request.user, instances=results, purpose="visitor-search")
    context = _home_context()
    context.update(search_form=form, search_results=results, searched=True)
    return render(request, "intake/home.html", context, status=200 if form.is_valid() else 400)


@require_safe
def visitor_sheet(request, code):
    """The sheet a visitor takes home: their code (to be found again) and how to reach us."""
    visitor = selectors.visitor_by_code(code=code, user=request.user, role=request.role)
    log_read(actor=request.user, instance=visitor, purpose="visitor-sheet-print")
    context = {"visitor": visitor, "printed_at": timezone.localtime(), "opening_hours": opening_hours_table()}
    return pdf_response("intake/visitor_sheet.html", context, filename=f"infopoint-{visitor.code}.pdf")


@require_http_methods(["GET", "HEAD", "POST"])
def events(request):
    """Group events, Infopoint on Tour and sensitisation sessions: recorded and listed."""
    form = EventForm(request.POST if request.method == "POST" else None, initial={"token": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        services.event_record(actor=request.user, cleaned=form.cleaned_data)
        messages.success(request, _("The event has been recorded."))
        return redirect("intake:events")
    context = {"form": form, "events": selectors.recent_events()}
    return render(request, "intake/events.html", context, status=400 if form.errors else 200)


@require_safe
def visitor_export_json(request, code):
    """Data-subject access (Art. 15 GDPR): everything stored about the visitor, machine readable."""
    visitor = selectors.visitor_by_code(code=code, user=request.user, role=request.role)
    log_read(actor=request.user, instance=visitor, purpose="subject-access-json")
    # < > & escaped as \u003c … so that no browser could ever take the file for HTML (security.md E4).
    text = json.dumps(subject_access_json(visitor), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="auskunft-{visitor.code}.json"'
    return response


@require_safe
def visitor_export_pdf(request, code):
    """Data-subject access (Art. 15 GDPR): the same as a German PDF."""
    visitor = selectors.visitor_by_code(code=code, user=request.user, role=request.role)
    log_read(actor=request.user, instance=visitor, purpose="subject-access-pdf")
    response = HttpResponse(subject_access_pdf(visitor), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="auskunft-{visitor.code}.pdf"'
    return response
