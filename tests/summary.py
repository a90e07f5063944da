"""The security figures printed at the end of ``make test`` (issue 10).

Tests report what they really checked with ``record(name, n)``; the hook in
``tests/conftest.py`` prints the totals. Nothing here is hard-coded: a figure that no test
reported is shown as "not run", so a skipped or deselected suite cannot look checked.

Names in use: ``urls_roles`` (URL × role pairs of the access matrix, each with GET and POST),
``forms_fuzzed`` (one per form fuzzed), ``admin_forms_fuzzed`` (the admin's among them), ``fuzz_examples`` (requests the fuzzing sent),
``payload_pages`` (pages, prints, PDFs and exports checked for inert payloads),
``pages_axe`` (pages checked with axe), ``faults_survived`` (fault scenarios survived).
``kiosk_replays`` (kiosk forms sent again after "Fertig", refused), ``kiosk_429`` (kiosk posts refused by a rate limit).
Issue 21 (catalogue, sessions, logging): ``hostile_pdfs_refused``, ``offlist_urls_refused``,
``refused_lookups_logged``, ``csp_reports_counted``, ``sessions_ended``.
``pages_axe`` (pages checked with axe), ``faults_survived`` (fault scenarios survived),
``statements_refused_app_role`` (issue 21: statements the app's database role tried and was refused).
"""

from __future__ import annotations

from collections import Counter

_figures: Counter[str] = Counter()
_reported: set[str] = set()


def record(name: str, n: int = 1) -> None:
    """Add ``n`` to the figure ``name`` (call it once the check has passed)."""
    if n < 0:
        raise ValueError(f"a security figure only grows, not by {n}")
    _figures[name] += n
    _reported.add(name)


def figure(name: str) -> int | None:
    """The total of ``name``, or None when no test reported it in this run."""
    return _figures[name] if name in _reported else None


def reset() -> None:
    _figures.clear()
    _reported.clear()


def _part(name: str, text: str) -> str:
    value = figure(name)
    return text % value if value is not None else text.replace("%d ", "") + ": not run"


def summary_line() -> str:
    parts = [
        _part("urls_roles", "%d URL × role pairs checked (GET and POST)"),
        _part("forms_fuzzed", "%d forms fuzzed"),
    ]
    examples = figure("fuzz_examples")
    if examples is not None and figure("forms_fuzzed") is not None:
        parts[-1] += f" ({examples} examples)"
    if figure("admin_forms_fuzzed") is not None and figure("forms_fuzzed") is not None:
        parts[-1] += f", {figure('admin_forms_fuzzed')} of them admin forms"
    parts += [
        _part("payload_pages", "%d pages with payloads rendered inert"),
        _part("pages_axe", "%d pages axe-checked"),
        _part("faults_survived", "%d faults survived"),
        _part("query_params_fuzzed", "%d query parameters fuzzed"),  # page × parameter pairs (issue 21)
        _part("outage_cases", "%d outage cases"),  # database stopped, restarted, frozen; session lost after a commit
        _part("hostile_pdfs_refused", "%d hostile PDFs refused"),
        _part("offlist_urls_refused", "%d off-list online addresses refused"),
        _part("refused_lookups_logged", "%d refused look-ups logged"),
        _part("csp_reports_counted", "%d CSP reports counted"),
        _part("sessions_ended", "%d sessions ended by deactivation"),
    ]
    parts.append(_part("kiosk_replays", "%d replayed kiosk forms sent to the start page"))
    parts.append(_part("kiosk_429", "%d kiosk posts refused with 429"))
    refused = figure("statements_refused_app_role")
    parts.append(f"statements refused to the app role: {refused if refused is not None else 'not run'}")
    return "Security summary: " + ", ".join(parts)
