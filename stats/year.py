"""The year view: twelve months side by side, the year to date against the targets, last year beside it."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stats.building import published, target_line
from stats.counting import ALL, TARGET_AREAS
from stats.dashboard import AREA_LABELS, application_rate_figure, cumulative_figure, pro_rata
from stats.figures import Cell, Figure, Row, share, suppress_counts, total_needs_hiding
from stats.selectors import MonthCounts

# What the year view needs of an open month; closed months bring all their figures anyway.
YEAR_GROUPS = ("contacts", "people", "advised", "applications", "referrals", "receipts")


def year_figures(year: dict[date, MonthCounts], last_year: dict[date, MonthCounts]) -> list[Figure]:
    months = sorted(year)
    return (
        [
            _summary(year),
            _advised_per_month(year),
            cumulative_figure(year),
            _contacts_against_last_year(year, last_year),
            _applications_per_month(year),
        ]
        if months
        else []
    )


def _month_label(month: date) -> str:
    return date_format(month, "M")


def _summary(year: dict[date, MonthCounts]) -> Figure:
    measures = [
        ("contacts", "", _("Contacts")),
        ("people", "", _("Different people")),
        ("advised", "sgb2", _("Advised on SGB II")),
        ("advised", "sgb12", _("Advised on SGB XII")),
        ("applications", ALL, _("Applications filed")),
        ("funnel", "referred", _("People referred")),
    ]
    months = sorted(year)
    columns, totals = [], []
    for metric, subgroup, _label in measures:
        values = [year[month].get(metric, subgroup) for month in months]
        if metric == "advised":
            # Over the year a person counts once: the sums of "first contact this year" give
            # different people. That total is no sum of the cells, so they are hidden one by one.
            total = sum(year[month].get("advised.new_in_year", subgroup) for month in months)
            columns.append([published(value) for value in values])
            totals.append(Cell(published(total)))
        else:
            # The year row adds the months up: suppressed as a group, so that the year minus
            # the published months never gives a hidden month away.
            hide_total = total_needs_hiding(values)
            columns.append(suppress_counts(values, total_published=not hide_total))
            totals.append(Cell(None if hide_total else sum(values)))
    rows = [
        Row(f"{month:%Y-%m}", date_format(month, "F"), tuple(Cell(column[index]) for column in columns))
        for index, month in enumerate(months)
    ]
    return Figure(
        key="year-months",
        title=_("The months side by side"),
        counting=_(
            "Each month as on the monthly dashboard (closed months as published). In the year row people advised count once "
            "in the year; contacts, different people per month, applications and referrals are added up."
        ),
        columns=tuple(label for _metric, _subgroup, label in measures),
        rows=rows,
        total=Row("year", _("Year to date"), tuple(totals)),
        chart="",
        row_heading=_("Month"),
    )


def _advised_per_month(year: dict[date, MonthCounts]) -> Figure:
    months = sorted(year)
    rows = [
        Row(
            f"{month:%Y-%m}",
            _month_label(month),
            tuple(Cell(published(year[month].get("advised", area))) for area in TARGET_AREAS),
        )
        for month in months
    ]
    per_month = pro_rata(settings.INFOPOINT_TARGET_SGB2_PER_YEAR, 1)
    return Figure(
        key="year-advised",
        title=_("People advised per month"),
        counting=_(
            "Different people advised on SGB II and on SGB XII in each month, against the target of one twelfth of the annual target."
        ),
        columns=tuple(AREA_LABELS[area] for area in TARGET_AREAS),
        rows=rows,
        row_heading=_("Month"),
        chart="columns",
        target=target_line(_("Target per month"), [per_month] * len(rows)),
    )


def _contacts_against_last_year(year: dict[date, MonthCounts], last_year: dict[date, MonthCounts]) -> Figure:
    previous = {month.month: counts for month, counts in last_year.items()}
    rows = []
    for month in sorted(year):
        before = previous.get(month.month)
        rows.append(
            Row(
                f"{month:%Y-%m}",
                _month_label(month),
                (
                    Cell(published(year[month].get("contacts"))),
                    Cell(published(before.get("contacts")) if before else 0),
                ),
            )
        )
    first = min(year)
    return Figure(
        key="year-contacts",
        title=_("Contacts compared with last year"),
        counting=_("Every contact per month, this year and in the same month a year earlier."),
        columns=(str(first.year), str(first.year - 1)),
        rows=rows,
        row_heading=_("Month"),
        chart="columns",
    )


def _applications_per_month(year: dict[date, MonthCounts]) -> Figure:
    rows = []
    for month in sorted(year):
        counts = year[month]
        applied = sum(counts.get("applications", area) for area in TARGET_AREAS)
        advised = sum(counts.get("advised", area) for area in TARGET_AREAS)
        cells = (Cell(share(applied, advised), "%"), Cell(published(applied)), Cell(published(advised)))
        rows.append(Row(f"{month:%Y-%m}", _month_label(month), cells))
    return application_rate_figure(
        key="year-application-rate",
        title=_("Application rate per month"),
        counting=_(
            "Applications for SGB II or SGB XII filed in the month divided by the people advised on them in the month."
        ),
        rows=rows,
        row_heading=_("Month"),
    )
