"""Static guard for bulk writes on audited models (issue 10), in the style of test_code_rules.py.

The runtime guard (infopoint/lib/audited_bulk.py) refuses an unlogged bulk write when it runs;
this rule finds it in the code before a rarely taken path runs in production:

- ``Model.objects….update(…)``, ``.bulk_create(…)`` and ``.bulk_update(…)`` on a model
  registered with auditlog stand inside ``with audited_bulk("…")`` (or, in demo and benchmark
  code only, ``with bulk_without_audit("…")``); an ``update()`` that names only fields the
  registration excludes (a kiosk's heartbeat) needs neither;
- ``bulk_without_audit`` appears only in the demo data and the benchmarks.
"""

from __future__ import annotations

import ast

import pytest
from auditlog.registry import auditlog

from infopoint.lib.audited_bulk import _audited_field_names
from tests.infopoint.test_code_rules import ROOT, project_files

BULK_CALLS = {"update", "bulk_create", "bulk_update"}
CONTEXTS = {"audited_bulk", "bulk_without_audit"}
UNAUDITED_ALLOWED_IN = ("infopoint/demo_history.py", "infopoint/demo/", "benchmarks/")
# The builders of the demo history run only inside demo_history_create's
# ``with bulk_without_audit("demo data")``; called from anywhere else the runtime guard refuses them.
CONTEXT_FROM_THE_CALLER = ("infopoint/demo/",)


def _audited_models() -> dict:
    return {model.__name__: model for model in auditlog.get_models()}


def _root_model_name(node: ast.AST) -> str | None:
    """``Visitor`` for ``Visitor.objects.filter(...).update``: the class a manager chain starts at."""
    saw_objects = False
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            saw_objects = saw_objects or node.attr in {"objects", "_default_manager"}
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id if saw_objects else None
        else:
            return None


def _context_names(with_node: ast.With) -> set[str]:
    names = set()
    for item in with_node.items:
        call = item.context_expr
        if isinstance(call, ast.Call):
            func = call.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


def find_bulk_violations(source: str, filename: str = "<example>") -> list[str]:
    tree = ast.parse(source, filename=filename)
    audited = _audited_models()
    found: list[str] = []
    unaudited_allowed = filename.startswith(UNAUDITED_ALLOWED_IN)

    def visit(node: ast.AST, contexts: frozenset[str]) -> None:
        if isinstance(node, ast.With):
            contexts = contexts | _context_names(node)
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "bulk_without_audit" and not unaudited_allowed:
                found.append(f"{filename}:{node.lineno}: bulk_without_audit() outside the demo data: use audited_bulk('<why>')")
            if name in BULK_CALLS and isinstance(func, ast.Attribute):
                model = audited.get(_root_model_name(func.value) or "")
                if model is not None and not contexts & CONTEXTS:
                    fields = [keyword.arg for keyword in node.keywords if keyword.arg]
                    only_unaudited_fields = name == "update" and fields and not _audited_field_names(model, fields)
                    if not only_unaudited_fields:
                        found.append(
                            f"{filename}:{node.lineno}: {model.__name__}.objects….{name}() writes no audit entries: "
                            "save row by row or wrap it in `with audited_bulk('<why>'):`"
                        )
        for child in ast.iter_child_nodes(node):
            visit(child, contexts)

    visit(tree, frozenset({"bulk_without_audit"}) if filename.startswith(CONTEXT_FROM_THE_CALLER) else frozenset())
    return sorted(set(found))


def test_no_unlogged_bulk_write_on_an_audited_model_in_the_project():
    found = []
    for path in project_files():
        found += find_bulk_violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == [], "Bulk writes on audited models without audited_bulk:\n" + "\n".join(found)


BAD_EXAMPLES = [
    "def f():\n    Visitor.objects.filter(pk=1).update(name='x')\n",
    "def f(notes):\n    CaseNote.objects.bulk_create(notes)\n",
    "def f(cards):\n    YellowCard.objects.bulk_update(cards, ['text'])\n",
    "def f():\n    KioskDevice.objects.filter(pk=1).update(last_seen_at=now, name='x')\n",
    "def f(rows):\n    with bulk_without_audit('demo data'):\n        Visitor.objects.bulk_create(rows)\n",
    "def f(rows):\n    with transaction.atomic():\n        Visit.objects.bulk_create(rows)\n",
]


@pytest.mark.parametrize("source", BAD_EXAMPLES)
def test_the_rule_finds_its_bad_example(source):
    assert find_bulk_violations(source, "intake/services.py"), source


GOOD_EXAMPLES = [
    "def f(rows):\n    with audited_bulk('import'):\n        Visitor.objects.bulk_create(rows)\n",
    "def f():\n    with transaction.atomic(), audited_bulk('postpone'):\n        FollowUp.objects.filter(pk=1).update(due_on=day)\n",
    "def f():\n    KioskDevice.objects.filter(pk=1).update(last_seen_at=now)\n",
    "def f():\n    KioskUsage.objects.filter(day=d).update(count=F('count') + 1)\n",
    "def f(figures):\n    MonthlyFigure.objects.bulk_create(figures)\n",
    "def f(data):\n    data.update(name='x')\n",
]


@pytest.mark.parametrize("source", GOOD_EXAMPLES)
def test_safe_code_is_not_reported(source):
    assert find_bulk_violations(source, "intake/services.py") == []


def test_demo_code_may_write_invented_rows_without_entries():
    source = "def f(rows):\n    with bulk_without_audit('demo data'):\n        Visitor.objects.bulk_create(rows)\n"
    assert find_bulk_violations(source, "infopoint/demo/people.py") == []
