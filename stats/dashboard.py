"""The monthly dashboard: every figure the team lead sees for one month, and how each is counted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from infopoint.lib.stuttgart import District
from intake.models import AgeBand, Channel, Clearing, Interpreter, Language, MigrationBackground, Service
from openarea.models import CardKind, CardStatus, UsageKind
from referrals.models import Benefit, NonTakeUpReason
from stats.building import correction_of, distribution, published, suppressed_column, target_line
from stats.counting import ALL, FUNNEL_STAGES, REFERRAL_STAGES, TARGET_AREAS
from stats.figures import Cell, Figure, Row, format_value, share, suppress_counts, total_needs_hiding
from stats.selectors import MonthCounts

AREA_LABELS = {"sgb2": "SGB II", "sgb12": "SGB XII"}


def area_target_per_year(area: str) -> int:
    return settings.INFOPOINT_TARGET_SGB2_PER_YEAR if area == "sgb2" else settings.INFOPOINT_TARGET_SGB12_PER_YEAR


def pro_rata(per_year: int | Decimal, months: int) -> Decimal:
    return (Decimal(per_year) * months / 12).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Headline:
    """One key figure at the top of the dashboard: value, target and whether it is reached."""

    label: str
    value: str
    target: str
    reached: bool | None  # None when the value is hidden (small cell) or there is no data yet
    explanation: str


def cumulative_new(year: dict[date, MonthCounts], area: str) -> list[int]:
    running, values = 0, []
    for month in sorted(year):
        running += year[month].get("advised.new_in_year", area)
        values.append(running)
    return values


def headlines(current: MonthCounts, year: dict[date, MonthCounts]) -> list[Headline]:
    months_so_far = len(year)
    items = []
    for area in TARGET_AREAS:
        so_far = cumulative_new(year, area)[-1]
        target = pro_rata(area_target_per_year(area), months_so_far)
        shown = published(so_far)
        items.append(
            Headline(
                label=_("People advised on %(area)s this year") % {"area": AREA_LABELS[area]},
                value=format_value(shown),
                target=_("Target by the end of this month: %(target)s (of %(year)s a year)")
                % {"target": format_value(target), "year": format_value(area_target_per_year(area))},
                reached=None if shown is None else Decimal(so_far) >= target,
                explanation=_("Different people advised on %(area)s from January to the end of this month.")
                % {"area": AREA_LABELS[area]},
            )
        )
    target_percent = settings.INFOPOINT_TARGET_APPLICATION_PERCENT
    applied = sum(month.get("applications", "sgb2") + month.get("applications", "sgb12") for month in year.values())
    advised = sum(cumulative_new(year, area)[-1] for area in TARGET_AREAS)
    rate = share(applied, advised)
    items.append(
        Headline(
            label=_("Application rate this year (SGB II and SGB XII)"),
            value=format_value(rate, "%"),
            target=_("Target: %(percent)s %%") % {"percent": target_percent},
            reached=None if rate is None else rate >= target_percent,
            explanation=_(
                "Applications for SGB II or SGB XII filed this year, divided by the people advised on them this year."
            ),
        )
    )
    migration_target = settings.INFOPOINT_TARGET_MIGRATION_PERCENT
    # The share as the migration figure publishes it: a raw share would give away a count that
    # the figure hides, and with it, through the total, the small cell that caused the hiding.
    yes_row = next(row for row in _migration_figure(current).rows if row.key == MigrationBackground.YES)
    migration = yes_row.cells[1].value
    items.append(
        Headline(
            label=_("Share with a migration background this month"),
            value=format_value(migration, "%"),
            target=_("Expected: at least %(percent)s %%") % {"percent": migration_target},
            reached=None if migration is None else migration >= migration_target,
            explanation=_("People who said they have a migration background, of all people with a contact this month."),
        )
    )
    return items


def month_figures(current: MonthCounts, year: dict[date, MonthCounts], last_year: MonthCounts) -> list[Figure]:
    figures = [
        _targets(current, year),
        cumulative_figure(year),
        distribution(
            current,
            key="contacts-by-channel",
            title=_("Contacts by channel"),
            counting=_(
                "Every contact in the month counts once: a visit, a call, an e-mail, a chat, a talk on tour. One person can have several contacts."
            ),
            metric="contacts.channel",
            choices=Channel.choices,
            column=_("Contacts"),
            total_label=_("All contacts"),
        ),
        distribution(
            current,
            key="contacts-by-service",
            title=_("Contacts by service area"),
            counting=_(
                "The service area the advisor recorded when the contact was finished (the concept's five service areas)."
            ),
            metric="contacts.service",
            choices=Service.choices,
            column=_("Contacts"),
            total_label=_("All contacts"),
        ),
        _applications(current),
        _funnel(current),
        _referrals_by_office(current),
        distribution(
            current,
            key="receipts-by-benefit",
            title=_("Applications taken in at the desk"),
            counting=_("Receipts issued in the month, by benefit; cancelled receipts are not counted."),
            metric="receipts.benefit",
            choices=Benefit.choices,
            column=_("Receipts"),
            total_label=_("All receipts"),
            keep_empty=False,
        ),
        distribution(
            current,
            key="receipts-forwarding",
            title=_("Receipts forwarded on time"),
            counting=_(
                "On time: forwarded to the office by the next working day after it was taken in (weekends and public holidays in Baden-Württemberg do not count)."
            ),
            metric="receipts.forwarding",
            choices=[
                ("on_time", _("forwarded on time")),
                ("late", _("forwarded late")),
                ("open", _("not forwarded yet")),
            ],
            column=_("Receipts"),
            total_label=_("All receipts"),
            with_share=_("Share"),
        ),
        _migration_figure(current),
        distribution(
            current,
            key="languages",
            title=_("Language of the conversation"),
            counting=_("Every contact in the month, by the language the conversation was held in."),
            metric="contacts.language",
            choices=Language.choices,
            column=_("Contacts"),
            total_label=_("All contacts"),
        ),
        distribution(
            current,
            key="interpreters",
            title=_("Interpreting"),
            counting=_("Every contact in the month, by whether and how an interpreter helped."),
            metric="contacts.interpreter",
            choices=Interpreter.choices,
            column=_("Contacts"),
            total_label=_("All contacts"),
        ),
        distribution(
            current,
            key="districts",
            title=_("Districts of Stuttgart"),
            counting=_("Different people with a contact in the month, by the district they live in, largest first."),
            metric="people.district",
            choices=District.choices,
            column=_("People"),
            total_label=_("All people"),
            by_size=True,
        ),
        distribution(
            current,
            key="age-bands",
            title=_("Age"),
            counting=_("Different people with a contact in the month, by age band."),
            metric="people.age_band",
            choices=AgeBand.choices,
            column=_("People"),
            total_label=_("All people"),
        ),
        distribution(
            current,
            key="clearing",
            title=_("Clearing: sent straight to the responsible office"),
            counting=_(
                "Contacts in the month that were clearing cases (people who already receive a benefit, people passing through, chamber members) and where they were sent."
            ),
            metric="contacts.clearing",
            choices=[choice for choice in Clearing.choices if choice[0]],
            column=_("Contacts"),
            total_label=_("All clearing cases"),
        ),
        distribution(
            current,
            key="non-take-up",
            title=_("Reasons for not applying"),
            counting=_(
                "Reasons learned in the month, from referrals closed because the visitor decided not to apply and from answers at call-backs or later visits; each referral counts once."
            ),
            metric="nontakeup.reason",
            choices=NonTakeUpReason.choices,
            column=_("Referrals"),
            total_label=_("All reasons"),
        ),
        distribution(
            current,
            key="yellow-cards-by-kind",
            title=_("Yellow cards by kind"),
            counting=_("Yellow cards handed in during the month."),
            metric="cards.kind",
            choices=CardKind.choices,
            column=_("Cards"),
            total_label=_("All cards"),
        ),
        distribution(
            current,
            key="yellow-cards-by-status",
            title=_("Yellow cards by status"),
            counting=_(
                "Yellow cards handed in during the month, by how far they have been dealt with (for a closed month: on the day it was closed)."
            ),
            metric="cards.status",
            choices=CardStatus.choices,
            column=_("Cards"),
            total_label=_("All cards"),
        ),
        distribution(
            current,
            key="kiosk-use",
            title=_("Use of the kiosks"),
            counting=_(
                "What visitors did on the kiosk PCs in the open area, counted anonymously per day; nobody's identity is recorded."
            ),
            metric="kiosk.use",
            choices=UsageKind.choices,
            column=_("Uses"),
        ),
        distribution(
            current,
            key="checks-bills-debts",
            title=_("Bills and debts"),
            counting=_(
                "Contacts in the month whose concerns include energy costs, rent debts or other debts; checks saved in the month whose result has a one-month claim (a high bill makes a benefit due for the month it is due in), and those that point to a loan for debts that threaten the home or the energy supply. One check can count in both rows; checks saved before bills were part of the check count in neither."
            ),
            metric="checks.bills",
            choices=[
                ("energy_or_debt_contact", _("Contacts about energy costs or debts")),
                ("one_month_claim", _("Checks with a one-month claim")),
                ("loan", _("Checks with a loan for debts")),
            ],
            column=_("Saved checks"),
        ),
        _load_per_post(current, year),
        _last_year(current, last_year),
    ]
    if current.closed:
        note = _(
            "Closed on %(date)s: these figures are published and do not change. Later changes in the case data are shown as corrections."
        ) % {"date": date_format(current.closed.closed_at, "DATE_FORMAT")}
        for figure in figures:
            figure.note = note
    return figures


def _migration_figure(current: MonthCounts) -> Figure:
    return distribution(
        current,
        key="migration-background",
        title=_("Migration background"),
        counting=_(
            "Different people with a contact in the month, as they described themselves; people who did not say are part of the total."
        ),
        metric="people.migration",
        choices=MigrationBackground.choices,
        column=_("People"),
        total_label=_("All people"),
        with_share=_("Share"),
    )


def _targets(current: MonthCounts, year: dict[date, MonthCounts]) -> Figure:
    months_so_far = len(year)
    rows = []
    for area in TARGET_AREAS:
        per_year = area_target_per_year(area)
        so_far = cumulative_new(year, area)[-1]
        rows.append(
            Row(
                area,
                _("People advised on %(area)s") % {"area": AREA_LABELS[area]},
                (
                    Cell(published(current.get("advised", area)), corrected=correction_of(current, "advised", area)),
                    Cell(pro_rata(per_year, 1), _("people")),
                    Cell(published(so_far)),
                    Cell(pro_rata(per_year, months_so_far), _("people")),
                ),
            )
        )
    return Figure(
        key="targets",
        title=_("People advised against the targets"),
        counting=_(
            "People advised: different people whose finished contact (not a clearing case) was about that area. "
            "In the month a person counts once; in the year to date a person counts once in the month of their first such contact. "
            "Targets a year: %(sgb2)s people on SGB II and %(sgb12)s on SGB XII, pro rata per month."
        )
        % {"sgb2": settings.INFOPOINT_TARGET_SGB2_PER_YEAR, "sgb12": settings.INFOPOINT_TARGET_SGB12_PER_YEAR},
        columns=(_("This month"), _("Target per month"), _("Year to date"), _("Target to date")),
        rows=rows,
        chart="",
    )


def cumulative_figure(year: dict[date, MonthCounts]) -> Figure:
    months = sorted(year)
    sgb2, sgb12 = cumulative_new(year, "sgb2"), cumulative_new(year, "sgb12")
    rows = []
    for index, month in enumerate(months):
        target = pro_rata(settings.INFOPOINT_TARGET_SGB2_PER_YEAR, index + 1)
        rows.append(
            Row(
                f"{month:%Y-%m}",
                date_format(month, "M"),
                (Cell(published(sgb2[index])), Cell(published(sgb12[index])), Cell(target, _("people"))),
            )
        )
    return Figure(
        key="advised-cumulative",
        title=_("People advised this year, month by month (cumulative)"),
        counting=_(
            "Different people advised on SGB II or SGB XII since January, each counted once in the month of their first such contact, against the pro-rata annual target."
        ),
        columns=(_("SGB II, cumulative"), _("SGB XII, cumulative"), _("Target, cumulative")),
        rows=rows,
        chart="lines",
    )


def application_rate_figure(*, key: str, title: str, counting: str, rows: list[Row], row_heading: str = "") -> Figure:
    """A rate beside the counts it is made of, charted alone against the target rate."""
    target = settings.INFOPOINT_TARGET_APPLICATION_PERCENT
    return Figure(
        key=key,
        title=title,
        counting=counting,
        columns=(_("Application rate"), _("Applications filed"), _("People advised")),
        rows=rows,
        row_heading=row_heading,
        chart="columns",
        chart_columns=1,
        target=target_line(_("Target: %(percent)s %%") % {"percent": target}, [Decimal(target)] * len(rows)),
    )


def _applications(current: MonthCounts) -> Figure:
    rows = []
    for area in TARGET_AREAS:
        applied, advised = current.get("applications", area), current.get("advised", area)
        cells = (
            Cell(share(applied, advised), "%"),
            Cell(published(applied), corrected=correction_of(current, "applications", area)),
            Cell(published(advised)),
        )
        rows.append(Row(area, AREA_LABELS[area], cells))
    return application_rate_figure(
        key="application-rate",
        title=_("Application rate"),
        counting=_(
            "Applications filed in the month divided by the people advised in the month. An application counts when a referral "
            'was moved to "application filed", when the visitor told us they applied, or when the desk issued a receipt; '
            "each person counts once per benefit and month."
        ),
        rows=rows,
    )


def _funnel(current: MonthCounts) -> Figure:
    labels = {
        "advised": _("advised"),
        "referred": _("referred to an office"),
        "appointment": _("appointment made"),
        "attended": _("attended the appointment"),
        "applied": _("applied"),
        "granted": _("granted"),
    }
    raw = [current.get("advised", ALL)] + [current.get("funnel", stage) for stage in FUNNEL_STAGES[1:]]
    shown = suppressed_column(raw)
    rows = [
        Row(
            stage,
            str(labels[stage]),
            (
                Cell(
                    value,
                    corrected=correction_of(
                        current, "advised" if stage == "advised" else "funnel", ALL if stage == "advised" else stage
                    ),
                ),
            ),
        )
        for stage, value in zip(FUNNEL_STAGES, shown, strict=True)
    ]
    return Figure(
        key="funnel",
        title=_("From advice to a decision"),
        counting=_(
            "Different people: advised in the month, then of the referrals made in the month how many people reached each step "
            "so far. Referrals of a recent month are still under way, so its later steps grow over the following weeks."
        ),
        columns=(_("People"),),
        rows=rows,
        chart="funnel",
    )


def _referrals_by_office(current: MonthCounts) -> Figure:
    stage_labels = {
        "referred": _("Referred"),
        "appointment": _("Appointment"),
        "attended": _("Attended"),
        "applied": _("Applied"),
        "granted": _("Granted"),
        "not_applying": _("Decided not to apply"),
    }
    offices = sorted(
        current.group("referrals.office.referred"), key=lambda name: -current.get("referrals.office.referred", name)
    )
    columns = {
        stage: suppress_counts(
            [current.get(f"referrals.office.{stage}", office) for office in offices], total_published=True
        )
        for stage in REFERRAL_STAGES
    }
    rows = [
        Row(
            office,
            office,
            tuple(
                Cell(columns[stage][index], corrected=correction_of(current, f"referrals.office.{stage}", office))
                for stage in REFERRAL_STAGES
            ),
        )
        for index, office in enumerate(offices)
    ]
    totals = tuple(
        Cell(_office_total([current.get(f"referrals.office.{stage}", office) for office in offices]))
        for stage in REFERRAL_STAGES
    )
    return Figure(
        key="referrals-by-office",
        title=_("Referrals by office and outcome"),
        counting=_(
            "Referrals made in the month, by the office they went to and the furthest step each has reached so far."
        ),
        columns=tuple(stage_labels[stage] for stage in REFERRAL_STAGES),
        rows=rows,
        total=Row("total", _("All referrals"), totals) if offices else None,
        chart="bars",
    )


def _office_total(values: list[int]) -> int | None:
    # Hidden like a distribution's total: three offices with one referral each must not show "3".
    return None if total_needs_hiding(values) else sum(values)


def _load_per_post(current: MonthCounts, year: dict[date, MonthCounts]) -> Figure:
    posts = current.get("posts") or settings.INFOPOINT_ADVISOR_POSTS
    per_year = settings.INFOPOINT_PEOPLE_PER_POST_PER_YEAR
    advised_month = current.get("advised", ALL)
    advised_year = cumulative_new(year, ALL)[-1]

    def per_post(people: int) -> Decimal:
        return (Decimal(people) / posts).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    return Figure(
        key="load-per-post",
        title=_("People advised per advisor post"),
        counting=_(
            "Different people advised (all areas, no clearing cases) divided by the advisor posts of the Infopoint "
            "(%(posts)s posts), against about %(per_year)s people per post a year. It describes the Infopoint's load, not a person's performance."
        )
        % {"posts": posts, "per_year": per_year},
        columns=(_("People per post"), _("Expected per post")),
        rows=[
            Row(
                "month",
                _("This month"),
                (
                    Cell(per_post(advised_month) if published(advised_month) is not None else None, _("people")),
                    Cell(pro_rata(per_year, 1), _("people")),
                ),
            ),
            Row(
                "year",
                _("Year to date"),
                (
                    Cell(per_post(advised_year) if published(advised_year) is not None else None, _("people")),
                    Cell(pro_rata(per_year, len(year)), _("people")),
                ),
            ),
        ],
        chart="",
    )


def _last_year(current: MonthCounts, last_year: MonthCounts) -> Figure:
    measures = [
        ("contacts", "", _("Contacts")),
        ("people", "", _("Different people")),
        ("advised", "sgb2", _("People advised on SGB II")),
        ("advised", "sgb12", _("People advised on SGB XII")),
        ("applications", ALL, _("Applications filed")),
    ]
    rows = [
        Row(
            f"{metric}-{subgroup}" if subgroup else metric,
            label,
            (Cell(published(current.get(metric, subgroup))), Cell(published(last_year.get(metric, subgroup)))),
        )
        for metric, subgroup, label in measures
    ]
    return Figure(
        key="same-month-last-year",
        title=_("Compared with the same month last year"),
        counting=_(
            "The same counts for this month and for the same month a year earlier (as published if that month is closed)."
        ),
        columns=(date_format(current.month, "F Y"), date_format(last_year.month, "F Y")),
        rows=rows,
        chart="columns",
    )
