"""Small-cell suppression (security.md H4), checked on generated counts with hypothesis.

A published cell is 0 or at least 3. Where a total is published, subtracting the published
cells from it must not reveal a hidden cell: zero is always published, so an office knows
every hidden cell is at least 1; one hidden cell alone, or hidden cells that can only be 1
each, would give the exact number away.
"""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from intake.models import Channel, MigrationBackground
from stats.building import distribution
from stats.figures import SMALL_CELL_LIMIT, share, suppress_counts, total_needs_hiding
from stats.selectors import MonthCounts

# Small counts dominate on purpose: that is where suppression has work to do.
count = st.one_of(st.integers(0, 4), st.integers(0, 60))
row_group = st.lists(count, min_size=1, max_size=9)


def is_publishable(value) -> bool:
    return value is None or value == 0 or value >= SMALL_CELL_LIMIT


def hidden_cell_is_derivable(raw: list[int], shown: list[int | None], total: int) -> bool:
    """Could someone work out a hidden cell from the published total and the published cells?"""
    hidden = [value for value, cell in zip(raw, shown, strict=True) if cell is None]
    if not hidden:
        return False
    rest = total - sum(cell for cell in shown if cell is not None)
    assert rest == sum(hidden)
    # Each hidden cell is at least 1 (zeros are published): it is pinned down exactly when
    # it is alone or when the hidden cells can only be 1 each.
    return len(hidden) == 1 or rest == len(hidden)


@settings(max_examples=200)
@given(row_group, st.booleans())
def test_every_published_cell_is_zero_or_at_least_three(values, total_published):
    shown = suppress_counts(values, total_published=total_published)

    assert len(shown) == len(values)
    assert all(is_publishable(cell) for cell in shown)
    # Suppression hides, it never changes a number.
    assert all(cell is None or cell == value for cell, value in zip(shown, values, strict=True))


@settings(max_examples=200)
@given(row_group)
def test_with_a_published_total_no_cell_or_at_least_two_are_hidden(values):
    if total_needs_hiding(values):
        return
    shown = suppress_counts(values, total_published=True)
    hidden = [cell for cell in shown if cell is None]

    assert len(hidden) != 1


@settings(max_examples=200)
@given(row_group)
def test_a_published_total_never_gives_a_hidden_cell_away(values):
    total = sum(values)
    if total_needs_hiding(values):
        return
    shown = suppress_counts(values, total_published=True)

    assert is_publishable(total)
    assert not hidden_cell_is_derivable(values, shown, total)


def test_three_people_of_one_each_are_not_revealed_by_their_total():
    assert total_needs_hiding([1, 1, 1, 0])


def test_two_hidden_ones_beside_a_published_cell_get_a_second_hiding():
    shown = suppress_counts([1, 1, 5, 9], total_published=True)

    assert shown == [None, None, None, 9]


def test_a_lone_small_cell_hides_the_next_smallest_cell():
    assert suppress_counts([2, 7, 4, 0], total_published=True) == [None, 7, None, 0]


def test_without_a_total_only_the_small_cells_are_hidden():
    assert suppress_counts([2, 7, 4, 0], total_published=False) == [None, 7, 4, 0]


@settings(max_examples=200)
@given(st.integers(0, 50), st.integers(0, 50))
def test_a_share_is_never_built_on_one_or_two(part, whole):
    value = share(part, whole)

    if 0 < part < SMALL_CELL_LIMIT or 0 < whole < SMALL_CELL_LIMIT or whole == 0:
        assert value is None
    else:
        assert value is not None
        assert abs(value - Decimal(part) * 100 / Decimal(whole)) <= Decimal("0.05")


def test_a_share_of_a_hidden_cell_is_hidden():
    assert share(None, 10) is None
    assert share(5, None) is None


CHANNELS = [code for code, _label in Channel.choices]
MIGRATION = [code for code, _label in MigrationBackground.choices] + ["none"]


@st.composite
def month_counts(draw, metric: str, subgroups: list[str]) -> MonthCounts:
    values = draw(st.lists(count, min_size=len(subgroups), max_size=len(subgroups)))
    counts = {(metric, code): value for code, value in zip(subgroups, values, strict=True)}
    corrected = draw(st.dictionaries(st.sampled_from(subgroups), count, max_size=3))
    corrections = {(metric, code): value for code, value in corrected.items() if value != counts[(metric, code)]}
    return MonthCounts(date(2026, 3, 1), counts, corrections=corrections)


def check_figure(figure, counts: MonthCounts, metric: str, *, with_total: bool) -> None:
    raw = counts.group(metric)
    every_cell = [cell for row in figure.rows for cell in row.cells]
    if figure.total is not None:
        every_cell += list(figure.total.cells)
    for cell in every_cell:
        if cell.unit == "":
            assert is_publishable(cell.value)
            assert is_publishable(cell.corrected)
    shown = [row.cells[0].value for row in figure.rows]
    raw_values = [raw.get(row.key, 0) for row in figure.rows]
    assert sum(raw_values) == sum(raw.values())
    if with_total:
        total = figure.total.cells[0].value
        assert total is None or total == sum(raw_values)
        if total is not None:
            assert not hidden_cell_is_derivable(raw_values, shown, total)
    for row in figure.rows:
        if len(row.cells) > 1:
            percent = row.cells[1].value
            assert percent is None or row.cells[0].value is not None
            if 0 < raw.get(row.key, 0) < SMALL_CELL_LIMIT:
                assert percent is None


@settings(max_examples=200, deadline=None)
@given(month_counts("contacts.channel", CHANNELS))
def test_a_distribution_with_a_total_publishes_no_small_or_derivable_cell(counts):
    figure = distribution(
        counts,
        key="channels",
        title="Contacts by channel",
        counting="",
        metric="contacts.channel",
        choices=Channel.choices,
        column="Contacts",
        total_label="All contacts",
    )

    check_figure(figure, counts, "contacts.channel", with_total=True)


@settings(max_examples=200, deadline=None)
@given(month_counts("people.migration", MIGRATION))
def test_a_distribution_with_shares_publishes_no_share_of_a_small_cell(counts):
    figure = distribution(
        counts,
        key="migration",
        title="Migration background",
        counting="",
        metric="people.migration",
        choices=MigrationBackground.choices,
        column="People",
        total_label="All people",
        with_share="Share",
    )

    check_figure(figure, counts, "people.migration", with_total=True)
    if figure.total.cells[0].value is None:
        assert figure.total.cells[1].value is None


@settings(max_examples=200, deadline=None)
@given(month_counts("kiosk.use", ["form_printed", "quick_check_started", "feedback_given"]))
def test_a_distribution_without_a_total_hides_each_small_cell(counts):
    figure = distribution(
        counts, key="kiosk", title="Kiosk", counting="", metric="kiosk.use", column="Uses", keep_empty=False
    )

    assert figure.total is None
    check_figure(figure, counts, "kiosk.use", with_total=False)
