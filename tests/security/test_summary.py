"""The security summary of `make test` shows only what tests reported in this run."""

from tests import summary


def test_a_figure_no_test_reported_is_shown_as_not_run(monkeypatch):
    monkeypatch.setattr(summary, "_figures", summary.Counter())
    monkeypatch.setattr(summary, "_reported", set())
    line = summary.summary_line()
    assert line.startswith("Security summary: ")
    assert "URL × role pairs checked (GET and POST): not run" in line
    assert "pages axe-checked: not run" in line


def test_reported_figures_add_up(monkeypatch):
    monkeypatch.setattr(summary, "_figures", summary.Counter())
    monkeypatch.setattr(summary, "_reported", set())
    summary.record("urls_roles", 90)
    summary.record("urls_roles", 6)
    summary.record("forms_fuzzed")
    summary.record("forms_fuzzed")
    summary.record("fuzz_examples", 400)
    summary.record("faults_survived", 2)
    line = summary.summary_line()
    assert "96 URL × role pairs checked (GET and POST)" in line
    assert "2 forms fuzzed (400 examples)" in line
    assert "2 faults survived" in line
    assert "pages with payloads rendered inert: not run" in line


def test_admin_forms_are_counted_among_the_forms_fuzzed(monkeypatch):
    monkeypatch.setattr(summary, "_figures", summary.Counter())
    monkeypatch.setattr(summary, "_reported", set())
    for _ in range(3):
        summary.record("forms_fuzzed")
    summary.record("admin_forms_fuzzed")
    summary.record("fuzz_examples", 600)
    assert "3 forms fuzzed (600 examples), 1 of them admin forms" in summary.summary_line()


def test_replayed_kiosk_forms_and_429s_are_in_the_line(monkeypatch):
    monkeypatch.setattr(summary, "_figures", summary.Counter())
    monkeypatch.setattr(summary, "_reported", set())
    assert "kiosk posts refused with 429: not run" in summary.summary_line()
    summary.record("kiosk_replays", 9)
    summary.record("kiosk_429", 20)
    line = summary.summary_line()
    assert "9 replayed kiosk forms sent to the start page" in line
    assert "20 kiosk posts refused with 429" in line
