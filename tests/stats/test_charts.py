"""The SVG charts of the statistics: accessible, self-contained, one mark per published cell."""

from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
from django.utils import translation

from stats.charts import render_chart
from stats.figures import Cell, Figure, Row, Target
from stats.svg import nice_scale

NS = {"svg": "http://www.w3.org/2000/svg"}
MONTHS = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun"]


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


def channels(chart="bars") -> Figure:
    return Figure(
        key="contacts-by-channel",
        title="Kontakte nach Zugangsweg",
        counting="Jeder Besuch zählt einmal.",
        columns=("Kontakte",),
        rows=[
            Row("walk_in", "Persönlich", (Cell(1234),)),
            Row("phone", "Telefon", (Cell(31),)),
            Row("email", "E-Mail", (Cell(None),)),
            Row("sgb12", "Sozialhilfe / Grundsicherung (SGB XII) nach dem Vierten Kapitel", (Cell(0),)),
        ],
        chart=chart,
    )


def months(chart="columns", *, series=1, target=None) -> Figure:
    rows = [
        Row(
            f"2026-{index + 1:02}",
            label,
            tuple(Cell(None if index == 3 else 40 + 7 * index + column) for column in range(series)),
        )
        for index, label in enumerate(MONTHS)
    ]
    return Figure(
        key=f"advised-{chart}-{series}",
        title="Beratene Personen je Monat",
        counting="Personen mit mindestens einer Beratung.",
        columns=("2026", "2025")[:series],
        rows=rows,
        chart=chart,
        target=target,
    )


def funnel() -> Figure:
    stages = [("advised", "Beraten", 480), ("referred", "Weitergeleitet", 312), ("granted", "Bewilligt", None)]
    return Figure(
        key="funnel",
        title="Vom Rat zur Leistung",
        counting="Jede Person zählt in jeder erreichten Stufe.",
        columns=("Personen",),
        rows=[Row(key, label, (Cell(value),)) for key, label, value in stages],
        chart="funnel",
    )


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))  # noqa: S314 - our own output


def marks(svg: ET.Element, css_class: str) -> list[ET.Element]:
    return [node for node in svg.iter() if css_class in node.get("class", "").split()]


def texts(svg: ET.Element) -> list[str]:
    return [node.text for node in svg.iter(f"{{{NS['svg']}}}text")]


ALL_KINDS = [
    channels("bars"),
    months("columns", series=2, target=Target("Ziel", (50,) * 6)),
    months("lines", series=2),
    funnel(),
]


@pytest.mark.parametrize("figure", ALL_KINDS, ids=lambda figure: figure.chart)
def test_every_chart_is_a_labelled_image(figure):
    svg = parse(render_chart(figure))

    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find("svg:title", NS).get("id") == title_id
    assert svg.find("svg:title", NS).text == figure.title
    assert svg.find("svg:desc", NS).get("id") == desc_id
    assert svg.get("width") == "100%"
    assert svg.get("viewBox").startswith("0 0 640 ")


@pytest.mark.parametrize("figure", ALL_KINDS, ids=lambda figure: figure.chart)
def test_every_chart_is_self_contained_and_csp_safe(figure):
    markup = str(render_chart(figure))

    assert "http" not in markup.replace("http://www.w3.org/2000/svg", "")
    assert "style=" not in markup
    assert "<style" not in markup
    assert "<script" not in markup


def test_bars_draw_one_bar_per_published_cell_and_write_suppressed_cells_as_less_than_three():
    svg = parse(render_chart(channels()))

    assert len(marks(svg, "stats-chart__bar")) == 3  # 1.234, 31 and 0; the suppressed e-mail has none
    assert "< 3" in texts(svg)
    assert {"1.234", "31", "0"} <= set(texts(svg))


def test_bars_description_lists_every_value():
    desc = parse(render_chart(channels())).find("svg:desc", NS).text

    assert "Persönlich: 1.234; Telefon: 31; E-Mail: < 3;" in desc
    assert "Sozialhilfe / Grundsicherung (SGB XII) nach dem Vierten Kapitel: 0." in desc


def test_a_long_label_is_shortened_in_the_chart_but_complete_in_the_tooltip():
    svg = parse(render_chart(channels()))
    label = "Sozialhilfe / Grundsicherung (SGB XII) nach dem Vierten Kapitel"

    drawn = [text for text in texts(svg) if text and text.startswith(("Sozialhilfe", "Grundsicherung"))]
    assert drawn and all(len(text) < len(label) for text in drawn)
    assert any(label in (node.text or "") for node in svg.iter(f"{{{NS['svg']}}}title"))


def test_gridlines_are_numbered_in_german_from_zero_to_a_nice_maximum():
    svg = parse(render_chart(channels()))

    assert len(marks(svg, "stats-chart__grid")) in range(4, 7)  # 0 plus 3–5 steps
    assert {"0", "250", "500", "750", "1.000", "1.250"} <= set(texts(svg))


def test_columns_draw_one_column_per_published_month_and_the_target_line():
    figure = months("columns", target=Target("Ziel (anteilig)", (50, 50, 55, 55, 60, 60)))
    svg = parse(render_chart(figure))

    assert len(marks(svg, "stats-chart__bar")) == 5  # April is suppressed
    assert "< 3" in texts(svg)
    assert len(marks(svg, "stats-chart__target")) == 1
    assert "Ziel (anteilig)" in texts(svg)  # the legend
    assert "Ziel (anteilig): Jan: 50; Feb: 50" in svg.find("svg:desc", NS).text


def test_the_target_is_part_of_the_scale():
    figure = months("columns", target=Target("Ziel", (300,) * 6))
    svg = parse(render_chart(figure))

    assert "300" in texts(svg)


def test_columns_without_a_target_have_no_target_line():
    svg = parse(render_chart(months("columns")))

    assert marks(svg, "stats-chart__target") == []


def test_two_data_columns_are_grouped_columns_with_a_legend():
    svg = parse(render_chart(months("columns", series=2)))

    assert len(marks(svg, "stats-chart__bar")) == 10  # two per month, none for April
    assert texts(svg).count("< 3") == 2
    assert {"2026", "2025"} <= set(texts(svg))
    desc = svg.find("svg:desc", NS).text
    assert "2026 – Jan: 40; Feb: 47" in desc and "2025 – Jan: 41" in desc


def test_lines_draw_a_line_and_a_marker_per_published_point_with_distinct_dashes():
    svg = parse(render_chart(months("lines", series=2)))

    lines = marks(svg, "stats-chart__line")
    assert len(lines) == 2
    assert len({line.get("stroke-dasharray") for line in lines}) == 2  # never colour alone
    assert len(marks(svg, "stats-chart__point")) == 10
    assert texts(svg).count("< 3") == 2
    # The suppressed April breaks the line instead of joining March to May.
    assert all(line.get("d").count("M") == 2 for line in lines)


def test_funnel_shows_the_count_and_the_share_of_the_first_stage():
    svg = parse(render_chart(funnel()))

    assert len(marks(svg, "stats-chart__bar")) == 2
    assert {"480 (100,0 %)", "312 (65,0 %)", "< 3"} <= set(texts(svg))
    assert "Weitergeleitet: 312 (65,0 %" in svg.find("svg:desc", NS).text


def test_decimal_percentages_are_written_the_german_way():
    figure = Figure(
        key="shares",
        title="Anteil mit Termin",
        counting="Anteil der Weiterleitungen mit Termin.",
        columns=("Anteil",),
        rows=[
            Row("jc", "Jobcenter", (Cell(Decimal("12.5"), "%"),)),
            Row("sa", "Sozialamt", (Cell(Decimal("87.25"), "%"),)),
        ],
    )
    svg = parse(render_chart(figure))

    assert {"12,5 %", "87,3 %", "100 %"} <= set(texts(svg))
    assert "Jobcenter: 12,5 %" in svg.find("svg:desc", NS).text


def test_two_figures_on_one_page_have_unique_ids():
    page = f"<div>{render_chart(channels())}{render_chart(months('columns'))}{render_chart(funnel())}</div>"
    ids = [node.get("id") for node in ET.fromstring(page).iter() if node.get("id")]  # noqa: S314

    assert len(ids) == 6
    assert len(ids) == len(set(ids))


def test_labels_are_escaped():
    figure = channels()
    figure.rows[0] = Row("walk_in", '"><script>alert(1)</script>', (Cell(5),))
    markup = str(render_chart(figure))

    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup


def test_an_arabic_label_reads_right_to_left_and_keeps_its_place():
    figure = channels()
    figure.rows[0] = Row("walk_in", "زيارة شخصية", (Cell(5),))
    with translation.override("ar"):
        svg = parse(render_chart(figure))

    arabic = next(node for node in svg.iter(f"{{{NS['svg']}}}text") if node.text == "زيارة شخصية")
    german = next(node for node in svg.iter(f"{{{NS['svg']}}}text") if node.text == "Telefon")
    assert arabic.get("direction") == "rtl" and arabic.get("text-anchor") == "start"
    assert german.get("direction") is None and german.get("text-anchor") == "end"
    assert arabic.get("x") == german.get("x")
    assert svg.get("direction") == "ltr"


def test_a_table_only_figure_or_one_without_rows_has_no_chart():
    assert render_chart(channels(chart="")) == ""
    assert render_chart(Figure(key="empty", title="Leer", counting="–", columns=("Kontakte",))) == ""


def test_an_unknown_chart_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="pie"):
        render_chart(channels(chart="pie"))


@pytest.mark.parametrize(
    ("largest", "integer", "maximum", "step"),
    [
        (1234, True, 1250, 250),
        (120, True, 125, 25),
        (7, True, 8, 2),
        (3, True, 3, 1),
        (0, True, 4, 1),
        (Decimal("87.3"), False, 100, 20),
        (Decimal("12.5"), False, Decimal("12.5"), Decimal("2.5")),
    ],
)
def test_the_scale_ends_at_a_nice_number_in_three_to_five_steps(largest, integer, maximum, step):
    scale = nice_scale(largest, integer=integer)

    assert (scale.maximum, scale.step) == (maximum, step)
    assert 3 <= len(scale.ticks) - 1 <= 5 or largest < 3
