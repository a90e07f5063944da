"""The year overview: the year row adds the months up without giving a hidden month away."""

from datetime import date

from stats.selectors import MonthCounts
from stats.year import year_figures

MONTHS = [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]


def year_of(per_month):
    return {
        month: MonthCounts(month, {key: values[index] for key, values in per_month.items()})
        for index, month in enumerate(MONTHS)
    }


def summary(year):
    return next(figure for figure in year_figures(year, {}) if figure.key == "year-months")


def test_year_row_does_not_reveal_a_hidden_month():
    year = year_of({("contacts", ""): [2, 10, 0], ("applications", "all"): [20, 30, 40]})

    figure = summary(year)

    contacts = [row.cells[0].value for row in figure.rows]
    assert contacts == [None, None, 0]  # the 2 is hidden, and February with it
    assert figure.total.cells[0].value == 12
    assert [row.cells[4].value for row in figure.rows] == [20, 30, 40]
    assert figure.total.cells[4].value == 90


def test_year_row_hides_a_total_of_ones():
    year = year_of({("contacts", ""): [1, 1, 1]})

    figure = summary(year)

    assert [row.cells[0].value for row in figure.rows] == [None, None, None]
    assert figure.total.cells[0].value is None


def test_year_row_counts_people_advised_once_in_the_year():
    year = year_of({("advised", "sgb2"): [10, 8, 6], ("advised.new_in_year", "sgb2"): [10, 3, 2]})

    figure = summary(year)

    assert [row.cells[2].value for row in figure.rows] == [10, 8, 6]
    assert figure.total.cells[2].value == 15
