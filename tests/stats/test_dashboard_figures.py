"""The dashboard's figures and headlines: targets, cumulative line, rates, funnel, and no identifiers."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from stats.dashboard import headlines, month_figures
from stats.selectors import MonthCounts, months_counts
from tests.stats.conftest import MARCH, NAMES, NOTE_TEXT, RECEIPT_NAMES

MONTHS = [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)]


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def march(stats_data):
    year = months_counts(MONTHS[:3])
    last_year = months_counts([date(2025, 3, 1)])[date(2025, 3, 1)]
    return year[MARCH], year, last_year


def by_key(figures):
    return {figure.key: figure for figure in figures}


def column(figure, index=0):
    return {row.key: row.cells[index].value for row in figure.rows}


def synthetic_year(per_month):
    """MonthCounts for January to April 2026 from lists of four numbers per (metric, subgroup)."""
    return {
        month: MonthCounts(month, {key: values[index] for key, values in per_month.items()})
        for index, month in enumerate(MONTHS)
    }


def test_targets_show_the_pro_rata_target(march, settings, english):
    settings.INFOPOINT_TARGET_SGB2_PER_YEAR = 850
    settings.INFOPOINT_TARGET_SGB12_PER_YEAR = 850
    current, year, last_year = march

    targets = by_key(month_figures(current, year, last_year))["targets"]

    sgb2 = targets.rows[0]
    assert sgb2.key == "sgb2"
    assert sgb2.cells[1].value == Decimal("70.8")
    assert sgb2.cells[1].display == "70.8 people"
    assert sgb2.cells[3].value == Decimal("212.5")  # three months of 850 a year
    # Anna and Emil in March (2 is hidden); Emil in January and Anna in March so far (2, hidden).
    assert sgb2.cells[0].value is None
    assert sgb2.cells[0].display == "< 3"


def test_cumulative_line_sums_the_people_new_in_the_year(settings):
    settings.INFOPOINT_TARGET_SGB2_PER_YEAR = 850
    year = synthetic_year(
        {("advised.new_in_year", "sgb2"): [10, 5, 0, 7], ("advised.new_in_year", "sgb12"): [3, 0, 1, 0]}
    )

    figure = by_key(month_figures(year[MONTHS[-1]], year, year[MONTHS[-1]]))["advised-cumulative"]

    assert [row.key for row in figure.rows] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert column(figure, 0) == {"2026-01": 10, "2026-02": 15, "2026-03": 15, "2026-04": 22}
    assert column(figure, 1) == {"2026-01": 3, "2026-02": 3, "2026-03": 4, "2026-04": 4}
    assert column(figure, 2) == {
        "2026-01": Decimal("70.8"),
        "2026-02": Decimal("141.7"),
        "2026-03": Decimal("212.5"),
        "2026-04": Decimal("283.3"),
    }


def test_application_rate_per_area_hides_rates_built_on_small_counts():
    year = synthetic_year(
        {
            ("applications", "sgb2"): [0, 0, 0, 5],
            ("advised", "sgb2"): [0, 0, 0, 20],
            ("applications", "sgb12"): [0, 0, 0, 2],
            ("advised", "sgb12"): [0, 0, 0, 10],
        }
    )
    current = year[MONTHS[-1]]

    figure = by_key(month_figures(current, year, current))["application-rate"]

    assert column(figure, 0) == {"sgb2": Decimal("25.0"), "sgb12": None}
    assert column(figure, 1) == {"sgb2": 5, "sgb12": None}
    assert column(figure, 2) == {"sgb2": 20, "sgb12": 10}
    assert figure.target.values == (Decimal(20), Decimal(20))


def test_headline_application_rate_is_for_the_year_to_date(settings, english):
    settings.INFOPOINT_TARGET_APPLICATION_PERCENT = 20
    year = synthetic_year(
        {
            ("applications", "sgb2"): [3, 0, 2, 1],
            ("applications", "sgb12"): [1, 0, 0, 0],
            ("advised.new_in_year", "sgb2"): [10, 5, 0, 7],
            ("advised.new_in_year", "sgb12"): [3, 0, 0, 5],
        }
    )

    items = headlines(year[MONTHS[-1]], year)

    assert [item.value for item in items[:2]] == ["22", "8"]
    rate = items[2]
    assert rate.value == "23.3 %"  # 7 applications of 30 people
    assert rate.reached is True
    assert items[0].target == "Target by the end of this month: 283.3 (of 850 a year)"
    assert items[0].reached is False


def test_headline_migration_share_does_not_give_away_a_hidden_count(english):
    # The migration figure hides "no" (1) and then "yes" (5) so that the total cannot reveal
    # the 1; a share of 5 in 16 would give the 5 back and, with it, the 1.
    current = MonthCounts(
        MARCH,
        {
            ("people", ""): 16,
            ("people.migration", "yes"): 5,
            ("people.migration", "no"): 1,
            ("people.migration", "not_said"): 10,
        },
    )

    migration_figure = by_key(month_figures(current, {MARCH: current}, current))["migration-background"]
    migration = headlines(current, {MARCH: current})[3]

    assert column(migration_figure) == {"yes": None, "no": None, "not_said": 10}
    assert migration.value == "–"
    assert migration.reached is None


def test_headline_migration_share_when_nothing_is_hidden(english):
    current = MonthCounts(MARCH, {("people", ""): 20, ("people.migration", "yes"): 12, ("people.migration", "no"): 8})

    migration = headlines(current, {MARCH: current})[3]

    assert migration.value == "60.0 %"
    assert migration.reached is True


def test_funnel_runs_from_advice_to_a_decision(march):
    current, year, last_year = march

    funnel = by_key(month_figures(current, year, last_year))["funnel"]

    assert [row.key for row in funnel.rows] == ["advised", "referred", "appointment", "attended", "applied", "granted"]
    # Four people advised, five people referred; the later steps are 1 or 2 people each.
    assert column(funnel) == {
        "advised": 4,
        "referred": 5,
        "appointment": None,
        "attended": None,
        "applied": None,
        "granted": None,
    }


def test_referrals_by_office_hide_a_total_that_would_reveal_ones():
    current = MonthCounts(
        MARCH,
        {
            ("referrals.office.referred", "Jobcenter Mitte"): 5,
            ("referrals.office.referred", "Sozialamt Mitte"): 4,
            ("referrals.office.referred", "Wohngeldstelle"): 3,
            ("referrals.office.not_applying", "Jobcenter Mitte"): 1,
            ("referrals.office.not_applying", "Sozialamt Mitte"): 1,
            ("referrals.office.not_applying", "Wohngeldstelle"): 1,
        },
    )

    figure = by_key(month_figures(current, {MARCH: current}, current))["referrals-by-office"]

    assert [row.key for row in figure.rows] == ["Jobcenter Mitte", "Sozialamt Mitte", "Wohngeldstelle"]
    assert column(figure, 0) == {"Jobcenter Mitte": 5, "Sozialamt Mitte": 4, "Wohngeldstelle": 3}
    assert column(figure, 5) == {"Jobcenter Mitte": None, "Sozialamt Mitte": None, "Wohngeldstelle": None}
    assert figure.total.cells[0].value == 12
    assert figure.total.cells[5].value is None


def test_every_published_count_on_the_dashboard_is_zero_or_at_least_three(march):
    current, year, last_year = march

    for figure in month_figures(current, year, last_year):
        rows = figure.rows + ([figure.total] if figure.total else [])
        for row in rows:
            for cell in row.cells:
                if cell.unit == "" and cell.value is not None:
                    assert cell.value == 0 or cell.value >= 3, (figure.key, row.key, cell)


def test_figures_on_the_hand_built_month(march, english):
    current, year, last_year = march

    figures = by_key(month_figures(current, year, last_year))

    assert column(figures["contacts-by-channel"]) == {
        "walk_in": 4,
        "phone": None,
        "email": None,
        "chat": 0,
        "on_tour": 0,
        "group_event": 0,
    }
    assert figures["contacts-by-channel"].total.cells[0].value == 7
    assert column(figures["kiosk-use"])["form_printed"] == 5
    assert column(figures["kiosk-use"])["quick_check_started"] == 7
    assert figures["receipts-forwarding"].total.cells[0].value == 4
    assert column(figures["receipts-forwarding"]) == {"on_time": None, "late": None, "open": None}
    assert figures["same-month-last-year"].rows[0].cells[0].value == 7
    assert figures["same-month-last-year"].rows[0].cells[1].value == 0


IDENTIFIERS = [*(name for name, _code in NAMES.values()), *(code for _name, code in NAMES.values()), *RECEIPT_NAMES]


def every_text(figures, items) -> list[str]:
    texts = []
    for figure in figures:
        texts += [figure.key, figure.title, figure.counting, figure.note, *figure.columns]
        if figure.target:
            texts.append(figure.target.label)
        texts += [label for label, _url in figure.export_links]
        for row in figure.rows + ([figure.total] if figure.total else []):
            texts += [row.key, row.label]
            texts += [cell.display for cell in row.cells] + [cell.corrected_display for cell in row.cells]
    for item in items:
        texts += [item.label, item.value, item.target, item.explanation]
    return texts


@pytest.mark.parametrize("language", ["de", "en"])
def test_no_figure_holds_a_name_a_code_or_a_note(march, language):
    current, year, last_year = march

    with translation.override(language):
        texts = every_text(month_figures(current, year, last_year), headlines(current, year))

    text = "\n".join(texts).casefold()
    for identifier in [*IDENTIFIERS, NOTE_TEXT, "Kanarienvogel", "Bergmolch", "Antragsteller"]:
        assert identifier.casefold() not in text
    # Each of the fixture's first names is distinctive too.
    for first_name in ("annegret", "bendix", "cemil", "dorothea", "emilian", "fritzi", "ginevra"):
        assert first_name not in text
