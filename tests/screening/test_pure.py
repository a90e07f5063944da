"""The rules package stays pure: no Django, no database, no clock."""

import ast
import subprocess
import sys
from pathlib import Path

import screening.rules

RULES = Path(screening.rules.__file__).parent
FORBIDDEN_CALLS = {"today", "now", "utcnow"}


def test_importing_the_engine_loads_no_django():
    code = "import sys, screening.rules; sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=RULES.parent.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_no_rule_reads_the_clock_or_uses_floats_for_money():
    for path in RULES.glob("*.py"):
        if path.name == "__main__.py":
            continue  # the command line supplies "today" as the default as_of
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_CALLS:
                raise AssertionError(f"{path.name}:{node.lineno} reads the clock ({node.attr})")
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "float":
                raise AssertionError(f"{path.name}:{node.lineno} uses float()")
            if isinstance(node, ast.Constant) and isinstance(node.value, float):
                raise AssertionError(f"{path.name}:{node.lineno} has a float literal")
