from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from infopoint.lib.audit import log_read
from infopoint.lib.pdf import pdf_response
from infopoint.lib.roles import Role, organisation_of
from infopoint.lib.stuttgart import is_open_at, opening_hours_table
from intake import selectors


@require_safe
def home(request):
    """Today at the Infopoint: the waiting list (by name, never by number) and the day's figures."""
    now = timezone.localtime()
    overview = selectors.day_overview(day=now.date())
    return render(
        request,
        "intake/home.html",
        {"today": now, "overview": overview, "is_open": is_open_at(now), "opening_hours": opening_hours_table()},
    )


@require_safe
def visitor_detail(request, code):
    visitor = selectors.visitor_by_code(code=code)
    log_read(actor=request.user, instance=visitor, purpose="visitor-detail")
    organisation = organisation_of(request.user) if request.role == Role.ADVISOR else None
    visits = selectors.visits_of_visitor(visitor=visitor, organisation=organisation)
    return render(request, "intake/visitor_detail.html", {"visitor": visitor, "visits": visits})


@require_safe
def visitor_sheet(request, code):
    """The sheet a visitor takes home: their code (to be found again) and how to reach us."""
    visitor = selectors.visitor_by_code(code=code)
    log_read(actor=request.user, instance=visitor, purpose="visitor-sheet-print")
    context = {"visitor": visitor, "printed_at": timezone.localtime(), "opening_hours": opening_hours_table()}
    return pdf_response("intake/visitor_sheet.html", context, filename=f"infopoint-{visitor.code}.pdf")
