"""Downloads of the statistics: one figure as CSV or XLSX, all figures as one workbook, the monthly report as PDF."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from infopoint.lib.pdf import pdf_response
from stats import selectors
from stats.dashboard import headlines, month_figures
from stats.exports import XLSX_CONTENT_TYPE, figure_csv, figures_xlsx
from stats.months import FIRST_YEAR, MonthInvalid, parse_month
from stats.views.dashboard import month_counts_for_dashboard, year_counts_for_view
from stats.year import year_figures

ALL_FIGURES = "all"


def _month(month: str):
    try:
        first_day = parse_month(month)
    except MonthInvalid as error:
        raise Http404(str(error)) from error
    if first_day > selectors.current_month():
        raise Http404(_("This month has not begun yet."))
    return first_day


def _download(figures, *, figure: str, fmt: str, heading: str, filename: str) -> HttpResponse:
    if figure != ALL_FIGURES:
        figures = [candidate for candidate in figures if candidate.key == figure]
        if not figures:
            raise Http404(_("There is no such figure."))
    if fmt == "csv":
        if len(figures) != 1:
            raise Http404(_("A CSV file holds one figure; download all figures as an Excel workbook."))
        response = HttpResponse(figure_csv(figures[0]), content_type="text/csv; charset=utf-8")
        extension = "csv"
    else:
        response = HttpResponse(figures_xlsx(figures, heading=heading), content_type=XLSX_CONTENT_TYPE)
        extension = "xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}-{figure}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def month_export(request, month: str, figure: str, fmt: str):
    first_day = _month(month)
    figures = month_figures(*month_counts_for_dashboard(first_day))
    heading = _("Infopoint Sozialleistungen – statistics for %(month)s") % {"month": date_format(first_day, "F Y")}
    return _download(figures, figure=figure, fmt=fmt, heading=heading, filename=f"infopoint-statistik-{first_day:%Y-%m}")


@require_safe
def year_export(request, year: int, figure: str, fmt: str):
    current_month = selectors.current_month()
    if not FIRST_YEAR <= year <= current_month.year:
        raise Http404(_("There are no figures for this year."))
    figures = year_figures(*year_counts_for_view(year, current_month))
    heading = _("Infopoint Sozialleistungen – statistics for %(year)s") % {"year": year}
    return _download(figures, figure=figure, fmt=fmt, heading=heading, filename=f"infopoint-statistik-{year}")


@require_safe
def month_report(request, month: str):
    """The monthly report for the city council: key figures, every chart with its table, how each is counted."""
    first_day = _month(month)
    current, year, last_year = month_counts_for_dashboard(first_day)
    context = {
        "month": first_day,
        "closed": current.closed,
        "headlines": headlines(current, year),
        "figures": month_figures(current, year, last_year),
        "created_at": timezone.localtime(),
    }
    return pdf_response("stats/report.html", context, filename=f"infopoint-monatsbericht-{first_day:%Y-%m}.pdf")
