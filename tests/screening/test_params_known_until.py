"""Dated values that know where they end (issue 20): known_until, provisional families, drafts."""

from datetime import date

import pytest

from screening.rules import params
from screening.rules.params import ParameterError, _spec

SPECS, _DIGEST = params.load()

# The families whose values are fixed per period, and the last day their source covers.
PERIODIC = {
    "common.regelbedarf": date(2026, 12, 31),  # RBSFV 2026; a Neuermittlung for 2027 is announced, not enacted
    "common.geringfuegigkeitsgrenze": date(2027, 12, 31),  # MiLoV5 fixes the Mindestlohn for 2026 and 2027
    "family.kindergeld": date(2026, 12, 31),  # SteFeG: 2025 and 2026
    "family.kinderzuschlag": date(2026, 12, 31),  # Höchstbetrag per Existenzminimumbericht, yearly
    "family.unterhaltsvorschuss": date(2026, 12, 31),  # 7. MindestunterhaltsVO: 2025 and 2026
    "wohngeld.formel": date(2026, 12, 31),  # 2. WoGFortV: 2025 and 2026 (§ 43 WoGG, every two years)
    "wohngeld.hoechstbetraege": date(2026, 12, 31),
    "wohngeld.mindestwerte": date(2026, 12, 31),
    "wohngeld.heizkosten_klima": date(2026, 12, 31),
    "local.stuttgart.mietobergrenze": date(2026, 12, 31),  # table 2025/2026
    "local.stuttgart.mietenstufe": date(2026, 12, 31),  # WoGV Anlage with the Fortschreibung 2025
    "alg1.lohnsteuer_grob": date(2026, 12, 31),
    "bills.heizspiegel_zu_hoch": date(2026, 12, 31),
}


def _raw(**changes):
    raw = {
        "description": "x", "citation": "§ 1", "unit": "Euros", "reference_period": "Month",
        "verified_on": date(2026, 1, 1), "known_until": date(2026, 12, 31),
        "values": [{"valid_from": date(2025, 1, 1), "value": "1.00", "reference": "§ 1", "status": "verified"}],
    }  # fmt: skip
    raw.update(changes)
    return raw


@pytest.mark.parametrize(("name", "known_until"), sorted(PERIODIC.items()))
def test_every_periodic_family_knows_where_its_source_ends(name, known_until):
    assert SPECS[name].known_until == known_until


def test_every_spec_states_known_until_even_if_open_ended():
    with pytest.raises(ParameterError, match="known_until"):
        _spec("x", {k: v for k, v in _raw().items() if k != "known_until"}, "test.yaml")
    assert _spec("x", _raw(known_until=None), "test.yaml").known_until is None


def test_a_value_is_provisional_only_after_its_known_until():
    spec = _spec("x", _raw(), "test.yaml")
    assert not spec.provisional_at(date(2026, 12, 31))
    assert spec.provisional_at(date(2027, 1, 1))
    assert spec.entry_at(date(2027, 1, 1)).value == spec.entry_at(date(2026, 12, 31)).value


def test_a_draft_is_never_law_until_its_promulgation_is_recorded():
    draft = {"valid_from": date(2027, 1, 1), "value": "2.00", "reference": "BT-Drs. 21/8284", "status": "draft"}
    spec = _spec("x", _raw(values=[*_raw()["values"], draft]), "test.yaml")
    assert spec.entry_at(date(2027, 2, 1)).value == 1
    assert spec.entry_at(date(2027, 2, 1), include_drafts=True).value == 2
    assert [d.reference for d in spec.drafts] == ["BT-Drs. 21/8284"]

    enacted = {**draft, "promulgated": {"date": date(2026, 12, 20), "reference": "BGBl. 2026 I Nr. 400"}}
    spec = _spec("x", _raw(values=[*_raw()["values"], enacted]), "test.yaml")
    entry = spec.entry_at(date(2027, 2, 1))
    assert entry.value == 2 and entry.status == "verified"
    assert "BGBl. 2026 I Nr. 400" in entry.reference and spec.drafts == ()


@pytest.mark.parametrize(
    ("promulgated", "message"),
    [({"reference": "BGBl. 2026 I Nr. 1"}, "date"), ({"date": date(2026, 12, 1), "reference": "Pressemitteilung"}, "BGBl")],
)
def test_a_promulgation_needs_its_date_and_bgbl_reference(promulgated, message):
    draft = {"valid_from": date(2027, 1, 1), "value": "2.00", "reference": "BT-Drs. 21/8284", "status": "draft", "promulgated": promulgated}
    with pytest.raises(ParameterError, match=message):
        _spec("x", _raw(values=[*_raw()["values"], draft]), "test.yaml")


def test_the_law_block_names_what_was_carried_on():
    p = params.params_at(date(2027, 1, 15))
    p["common.regelbedarf"]
    p["sgb2.altersgrenze_bg_kind"]
    law = p.law_json()
    assert law["complete"] is False
    assert law["provisional"] == [
        {
            "family": "regelbedarf",
            "parameter": "common.regelbedarf",
            "description": "Regelbedarfsstufen 1–6",
            "used_values_from": "2026-01-01",
            "known_until": "2026-12-31",
        }
    ]


def test_values_used_inside_a_scope_count_for_its_programmes():
    p = params.params_at(date(2027, 1, 15))
    with p.tracking("wohngeld"):
        p["wohngeld.formel"]
        with p.tracking("kiz"):
            p["family.kinderzuschlag"]
    p["common.regelbedarf"]
    assert p.used_by == {"wohngeld": {"wohngeld.formel", "family.kinderzuschlag"}, "kiz": {"family.kinderzuschlag"}}


def test_the_overview_lists_every_parameter_with_its_state():
    rows = {row.name: row for row in params.law_overview(date(2027, 1, 15))}
    assert set(rows) == set(SPECS)
    assert rows["common.regelbedarf"].status == "provisional"
    assert rows["common.geringfuegigkeitsgrenze"].status == "verified"
    assert rows["local.stuttgart.mietobergrenze"].status == "provisional"
    today = {row.name: row for row in params.law_overview(date(2026, 12, 7))}
    assert today["common.regelbedarf"].status == "verified"
    assert today["local.stuttgart.mietobergrenze"].status == "unverified"
    assert today["common.geringfuegigkeitsgrenze"].next.valid_from == date(2027, 1, 1)
