"""The team lead's statistics: the monthly dashboard, the year view, closing a month."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from stats import page_cache, selectors, services
from stats.counting import next_month
from stats.dashboard import headlines, month_figures
from stats.months import FIRST_YEAR, MonthInvalid, parse_month
from stats.year import YEAR_GROUPS, year_figures

# What the cumulative year line and the comparison need of months other than the one shown.
YEAR_LINE_GROUPS = ("advised", "applications")
LAST_YEAR_GROUPS = ("contacts", "people", "advised_in_month", "applications")


def previous_month(month: date) -> date:
    return date(month.year - 1, 12, 1) if month.month == 1 else date(month.year, month.month - 1, 1)


def dashboard_months(month: date) -> tuple[list[date], date]:
    """The earlier months of the shown month's year (the cumulative line) and last year's month."""
    return [date(month.year, number, 1) for number in range(1, month.month)], date(month.year - 1, month.month, 1)


def month_counts_for_dashboard(month: date, closed: dict | None = None):
    """The shown month in full, the earlier months of its year for the cumulative line, last year's month.

    Closed months are read from their frozen figures, all in one query (``closed``: the
    ClosedMonth rows of these months if the caller has read them already). The shown month,
    if open, is always counted afresh. The other months are closed as a rule; if they are
    still open, their live counts are reused by every worker for a few minutes
    (INFOPOINT_STATS_CACHE_SECONDS): past months change rarely, and the year line would
    otherwise recount the whole year on every page view.
    """
    seconds = settings.INFOPOINT_STATS_CACHE_SECONDS
    earlier, last_year_month = dashboard_months(month)
    if closed is None:
        closed = selectors.closed_months([month, *earlier, last_year_month])
    counts = selectors.frozen_counts(closed)
    if month not in counts:
        counts |= selectors.open_counts([month])
    counts |= selectors.open_counts([m for m in earlier if m not in counts], YEAR_LINE_GROUPS, cache_seconds=seconds)
    if last_year_month not in counts:
        counts |= selectors.open_counts([last_year_month], LAST_YEAR_GROUPS, cache_seconds=seconds)
    year = {each: counts[each] for each in [*earlier, month]}
    return counts[month], year, counts[last_year_month]


def _export_links(figure_key: str, month: date) -> list[tuple[str, str]]:
    kwargs = {"month": f"{month:%Y-%m}", "figure": figure_key}
    return [
        (_("CSV"), reverse("stats:month-export", kwargs={**kwargs, "fmt": "csv"})),
        (_("Excel (XLSX)"), reverse("stats:month-export", kwargs={**kwargs, "fmt": "xlsx"})),
    ]


@require_safe
def dashboard(request):
    """/stats/ and its month picker (?month=2026-10): the current month unless another is asked for."""
    picked = request.GET.get("month")
    if picked is None:
        return _render_month(request, selectors.current_month())
    try:
        month = parse_month(picked)
    except MonthInvalid as error:
        return _render_month(request, selectors.current_month(), picker_error=str(error), picker_value=picked, status=400)
    return redirect("stats:month", month=f"{month:%Y-%m}")


@require_safe
def month_view(request, month: str):
    try:
        first_day = parse_month(month)
    except MonthInvalid as error:
        return _render_month(request, selectors.current_month(), picker_error=str(error), picker_value=month, status=404)
    return _render_month(request, first_day)


def _render_month(request, month: date, *, picker_error: str = "", picker_value: str = "", status: int = 200):
    current_month = selectors.current_month()
    if month > current_month:
        picker_error = picker_error or _("%(month)s has not begun yet; here is the current month.") % {"month": date_format(month, "F Y")}
        picker_value = picker_value or f"{month:%Y-%m}"
        month = current_month
    earlier, last_year_month = dashboard_months(month)
    read_months = [month, *earlier, last_year_month]
    closed = selectors.closed_months(read_months)
    shown_closed = closed.get(month)
    key = page_cache.section_key(month, read_months, closed) if shown_closed else None
    section = page_cache.cached_section(key) if key else None
    figures = None
    if section is None:
        current, year, last_year = month_counts_for_dashboard(month, closed)
        figures = month_figures(current, year, last_year)
        for figure in figures:
            figure.export_links = _export_links(figure.key, month)
        html = render_to_string("stats/_month_figures.html", {"headlines": headlines(current, year), "figures": figures})
        section = {"html": html, "corrections_count": len(current.corrections)}
        if key:
            page_cache.store_section(key, section, page_cache.section_seconds(read_months, closed))
    context = {
        "month": month,
        "month_value": f"{month:%Y-%m}",
        "picker_value": picker_value or f"{month:%Y-%m}",
        "picker_error": picker_error,
        "previous_month": previous_month(month) if previous_month(month).year >= FIRST_YEAR else None,
        "next_month": next_month(month) if next_month(month) <= current_month else None,
        "closed": shown_closed,
        "is_open": shown_closed is None,
        "can_close": shown_closed is None and selectors.is_complete(month),
        "is_running": month == current_month,
        # Rendered from stats/_month_figures.html (autoescaped there), possibly by another worker.
        "figures_section": mark_safe(section["html"]),  # noqa: S308
        "figures": figures,
        "corrections_count": section["corrections_count"],
    }
    return render(request, "stats/month.html", context, status=status)


@require_POST
def month_close(request, month: str):
    try:
        first_day = parse_month(month)
        services.month_close(month=first_day, actor=request.user)
    except (MonthInvalid, services.MonthNotClosable) as error:
        messages.error(request, str(error))
        return redirect("stats:dashboard") if isinstance(error, MonthInvalid) else redirect("stats:month", month=month)
    messages.success(request, _("%(month)s is closed: its figures are published and will not change.") % {"month": date_format(first_day, "F Y")})
    return redirect("stats:month", month=month)


@require_POST
def month_corrections(request, month: str):
    try:
        first_day = parse_month(month)
    except MonthInvalid as error:
        messages.error(request, str(error))
        return redirect("stats:dashboard")
    if selectors.closed_month(first_day) is None:
        messages.error(request, _("Only a closed month can have later corrections; an open month is always counted afresh."))
        return redirect("stats:month", month=month)
    differing = services.corrections_record(month=first_day)
    if differing:
        messages.info(request, _("%(count)s figure(s) differ from what was published; they are marked as corrected later.") % {"count": differing})
    else:
        messages.success(request, _("No corrections: the case data still gives the published figures."))
    return redirect("stats:month", month=month)


def year_counts_for_view(year: int, current_month: date):
    """The months of a year so far (all twelve for a past year) and the same months a year earlier."""
    last = 12 if year < current_month.year else current_month.month
    months = [date(year, number, 1) for number in range(1, last + 1)]
    year_counts = selectors.months_counts(months, YEAR_GROUPS)
    last_year = selectors.months_counts([date(year - 1, number, 1) for number in range(1, last + 1)], ("contacts",))
    return year_counts, last_year


@require_safe
def year_view(request, year: int | None = None):
    current_month = selectors.current_month()
    if year is None:
        return redirect("stats:year", year=current_month.year)
    if not FIRST_YEAR <= year <= current_month.year:
        messages.error(request, _("There are no figures for %(year)s; here is the current year.") % {"year": year})
        return redirect("stats:year", year=current_month.year)
    year_counts, last_year = year_counts_for_view(year, current_month)
    months = sorted(year_counts)
    figures = year_figures(year_counts, last_year)
    for figure in figures:
        figure.export_links = [
            (label, reverse("stats:year-export", kwargs={"year": year, "figure": figure.key, "fmt": fmt}))
            for label, fmt in ((_("CSV"), "csv"), (_("Excel (XLSX)"), "xlsx"))
        ]
    context = {
        "year": year,
        "previous_year": year - 1 if year - 1 >= FIRST_YEAR else None,
        "next_year": year + 1 if year + 1 <= current_month.year else None,
        "headlines": headlines(year_counts[months[-1]], year_counts),
        "figures": figures,
        "closed_count": sum(1 for counts in year_counts.values() if counts.closed),
        "month_count": len(months),
        "months": months,
    }
    return render(request, "stats/year.html", context)
