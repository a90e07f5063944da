"""The state of the law read from the dated parameters (pure; no database)."""

from datetime import date

from screening.rules.params import Entry, Spec
from screening.selectors_law import filter_rows, law_families_ending, law_rows, next_change_date, next_changes


def spec(name, *, known_until=None, entries=None, family="", drafts=()):
    entries = entries or [Entry(date(2025, 1, 1), None, "1.00", "§ 1 Test", "verified")]
    return Spec(name=name, description=f"Beschreibung {name}", citation="§ 1", unit="Euros", reference_period="Month",
                verified_on=date(2026, 11, 25), entries=tuple(entries), known_until=known_until, family=family,
                drafts=tuple(drafts))  # fmt: skip


SPECS = {
    "wohngeld.formel": spec("formel", known_until=date(2026, 12, 31), family="wohngeld"),
    "wohngeld.hoechstbetraege": spec("hoechstbetraege", known_until=date(2026, 12, 31), family="wohngeld"),
    "common.regelbedarf": spec("regelbedarf", known_until=date(2026, 12, 31), entries=[
        Entry(date(2026, 1, 1), None, "563.00", "RBSFV 2026", "verified"),
        Entry(date(2027, 1, 1), None, "563.00", "Platzhalter", "unverified"),
    ]),
    "local.stuttgart.mietobergrenze": spec("mietobergrenze", entries=[Entry(date(2025, 1, 1), None, ["563.00"], "GRDrs", "unverified")]),
    "family.kindergeld": spec("kindergeld"),
}  # fmt: skip


def test_a_family_ending_within_30_days_is_named_once_with_its_end():
    endings = law_families_ending(date(2026, 12, 7), 30, specs=SPECS)
    assert [(e.family, e.known_until, e.passed) for e in endings] == [
        ("regelbedarf", date(2026, 12, 31), False),
        ("wohngeld", date(2026, 12, 31), False),
    ]
    assert endings[1].name == "Wohngeld"


def test_a_family_past_its_end_is_still_named_as_passed():
    endings = law_families_ending(date(2027, 1, 15), 30, specs=SPECS)
    assert {e.family for e in endings} == {"regelbedarf", "wohngeld"}
    assert all(e.passed for e in endings)


def test_no_family_is_named_long_before_its_end_or_without_one():
    assert law_families_ending(date(2026, 11, 30), 30, specs=SPECS) == []


def test_status_is_provisional_past_known_until_and_unverified_for_unconfirmed_values():
    rows = {row.name: row for row in law_rows(as_of=date(2027, 1, 15), specs=SPECS)}
    assert rows["wohngeld.formel"].status == "provisional"
    assert rows["common.regelbedarf"].status == "provisional"
    assert rows["local.stuttgart.mietobergrenze"].status == "unverified"
    assert rows["family.kindergeld"].status == "verified"
    before = {row.name: row for row in law_rows(as_of=date(2026, 12, 7), specs=SPECS)}
    assert before["common.regelbedarf"].status == "verified"
    assert before["common.regelbedarf"].valid_from == date(2026, 1, 1)


def test_a_draft_applies_only_once_promulgated():
    draft = Entry(date(2027, 1, 1), None, "9.00", "BT-Drs. 21/8284", "draft")
    specs = {"wohngeld.formel": spec("formel", entries=[Entry(date(2025, 1, 1), None, "1.00", "§ 1", "verified")], drafts=[draft])}
    [row] = law_rows(as_of=date(2027, 1, 15), specs=specs)
    assert row.value == "1.00" and row.status == "verified"


def test_the_next_change_is_the_next_first_of_january_or_july():
    assert next_change_date(date(2026, 12, 7)) == date(2027, 1, 1)
    assert next_change_date(date(2027, 1, 1)) == date(2027, 7, 1)
    assert next_change_date(date(2027, 7, 1)) == date(2028, 1, 1)


def test_next_changes_lists_new_entries_and_families_not_yet_known():
    rows = law_rows(as_of=date(2026, 12, 7), specs=SPECS)
    changes = next_changes(rows, as_of=date(2026, 12, 7), specs=SPECS)
    assert [(c.row.name, c.status) for c in changes.changes] == [("common.regelbedarf", "unverified")]
    assert {row.name for row in changes.unknown} == {"wohngeld.formel", "wohngeld.hoechstbetraege", "common.regelbedarf"}


def test_the_filters_keep_unverified_or_ending_values():
    rows = law_rows(as_of=date(2026, 12, 7), specs=SPECS)
    assert {r.name for r in filter_rows(rows, show="unverified", as_of=date(2026, 12, 7))} == {"local.stuttgart.mietobergrenze"}
    assert {r.name for r in filter_rows(rows, show="ending", as_of=date(2026, 12, 7))} == {"wohngeld.formel", "wohngeld.hoechstbetraege", "common.regelbedarf"}
    assert filter_rows(rows, show="ending", as_of=date(2026, 10, 1)) == []
