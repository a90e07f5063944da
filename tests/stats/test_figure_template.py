"""The figure include: heading, chart, how it is counted, and the table behind "Show as table"."""

import re

import pytest
import tinyhtml5  # the HTML parser WeasyPrint brings along
from django.template.loader import render_to_string
from django.utils import translation

from stats.figures import Cell, Figure, Row


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


def contacts(**overrides) -> Figure:
    values = {
        "key": "contacts-by-channel",
        "title": "Kontakte nach Zugangsweg",
        "counting": "Jeder Besuch zählt einmal.",
        "columns": ("Oktober", "November"),
        "row_heading": "Zugangsweg",
        "rows": [
            Row("walk_in", "Persönlich", (Cell(12, corrected=14), Cell(20))),
            Row("email", "E-Mail", (Cell(None), Cell(5))),
        ],
        "total": Row("total", "Summe", (Cell(15), Cell(25))),
        "note": "Oktober abgeschlossen am 3. November 2026.",
    }
    return Figure(**{**values, **overrides})


SVG = "{http://www.w3.org/2000/svg}svg"


def render(figure, **context):
    html = render_to_string("stats/_figure.html", {"figure": figure, **context})
    return tinyhtml5.parse(html, namespace_html_elements=False).find("body")


def text_of(node) -> str:
    return re.sub(r"\s+", " ", "".join(node.itertext())).strip()


def by_class(node, css_class):
    return [child for child in node.iter() if css_class in child.get("class", "").split()]


def cell_texts(row) -> list[str]:
    return [text_of(cell) for cell in row if cell.tag in ("th", "td")]


def test_it_shows_the_heading_the_chart_and_how_it_is_counted():
    section = render(contacts()).find("section")

    assert section.get("id") == "figure-contacts-by-channel"
    heading = section.find("h2")
    assert text_of(heading) == "Kontakte nach Zugangsweg"
    assert section.get("aria-labelledby") == heading.get("id")
    assert section.find(f".//{SVG}").get("role") == "img"
    assert text_of(by_class(section, "stats-figure__counting")[0]) == "So wird gezählt: Jeder Besuch zählt einmal."
    assert text_of(by_class(section, "stats-figure__note")[0]) == "Oktober abgeschlossen am 3. November 2026."


def test_the_table_has_headers_rows_and_the_total_in_the_footer():
    table = render(contacts()).find(".//details//table")

    assert text_of(table.find("caption")) == "Kontakte nach Zugangsweg"
    headers = table.findall("thead/tr/th")
    assert [(th.get("scope"), text_of(th)) for th in headers] == [
        ("col", "Zugangsweg"),
        ("col", "Oktober"),
        ("col", "November"),
    ]
    rows = table.findall("tbody/tr")
    assert [row.find("th").get("scope") for row in rows] == ["row", "row"]
    assert cell_texts(rows[1]) == ["E-Mail", "< 3", "5"]
    assert cell_texts(table.find("tfoot/tr")) == ["Summe", "15", "25"]


def test_a_corrected_cell_of_a_closed_month_is_marked():
    first_row = render(contacts()).find(".//tbody/tr")

    october, november = first_row.findall("td")
    assert by_class(october, "stats-correction")
    assert cell_texts(first_row)[1] == "12 *(nachträglich korrigiert: 14)"
    assert not by_class(november, "stats-correction")


def test_the_table_is_behind_a_show_as_table_toggle():
    details = render(contacts()).find(".//details")

    assert text_of(details.find("summary")) == "Als Tabelle anzeigen"
    assert "open" not in details.attrib


def test_a_table_only_figure_shows_its_table_open_and_no_chart():
    page = render(contacts(chart=""))

    assert page.find(f".//{SVG}") is None
    assert "open" in page.find(".//details").attrib


def test_export_links_are_listed_under_the_table():
    page = render(contacts(), export_links=[("CSV", "/stats/export.csv"), ("Excel", "/stats/export.xlsx")])

    links = by_class(page, "stats-figure__exports")[0].findall(".//a")
    assert [(text_of(link), link.get("href")) for link in links] == [
        ("CSV", "/stats/export.csv"),
        ("Excel", "/stats/export.xlsx"),
    ]


def test_without_export_links_there_is_no_list():
    assert by_class(render(contacts()), "stats-figure__exports") == []


@pytest.mark.parametrize(("level", "tag"), [(3, "h3"), ("h4", "h4"), ("script", "h2")])
def test_the_heading_level_can_be_chosen_but_stays_a_heading(level, tag):
    section = render(contacts(), heading_level=level).find("section")

    assert text_of(section.find(tag)) == "Kontakte nach Zugangsweg"


def test_a_figure_without_rows_says_so_instead_of_an_empty_chart():
    page = render(contacts(rows=[], total=None))

    assert page.find(f".//{SVG}") is None and page.find(".//table") is None
    assert "Noch keine Zahlen für diesen Zeitraum." in text_of(page)
