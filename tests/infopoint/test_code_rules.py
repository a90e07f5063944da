"""Static guards over the project's Python code (security.md C3, E3).

Each rule reads the source with ``ast`` (not a plain grep, so strings and comments do not
count) and fails with the file, the line and what to do instead. Every rule is also run
against a small bad example, so that a rule that silently stopped finding anything fails.

- mass assignment: no ``fields = "__all__"`` and no ``exclude`` in any form or admin
  class (nor in ``modelform_factory`` & co.): a new model field must never become
  editable by accident;
- no user-controlled keyword expansion: ``**request.…`` nowhere, ``**form.cleaned_data``
  only into our services (keyword-only parameters), never into ORM calls, model
  constructors or ``Q``;
- no ``.extra(``; raw SQL (``RawSQL``, ``.raw``, ``cursor.execute``) never built from a
  request value;
- ``order_by`` never with a value from the request (sorting by a field the user names
  lets them probe any column, Django CVE-2021-35042 and later); map the choice through an
  UPPER_CASE allowlist instead (``SORT_FIELDS.get(choice, "name")``).

"Value from the request" means an expression mentioning ``request`` or a local name that
was assigned from one (one level of data flow within the function).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "node_modules", ".tools", ".git", ".data", "staticfiles", "media", "tests", "__pycache__"}
ORM_CALLS = {
    "filter", "exclude", "get", "create", "get_or_create", "update_or_create", "update", "annotate", "alias",
    "aggregate", "values", "values_list", "order_by", "extra", "raw", "bulk_create", "bulk_update", "defer", "only",
}  # fmt: skip
FORM_FACTORIES = {"modelform_factory", "modelformset_factory", "inlineformset_factory", "generic_inlineformset_factory"}
RAW_SQL_CALLS = {"RawSQL", "raw", "execute", "executemany"}


def project_files() -> list[Path]:
    files = []
    for path in ROOT.rglob("*.py"):
        if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts):
            files.append(path)
    return sorted(files)


def _is_allowlist_lookup(node: ast.AST) -> bool:
    """``SORT_FIELDS.get(choice, "name")`` or ``SORT_FIELDS[choice]``: the result is one of our constants."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        mapping = node.func.value
        defaults_constant = all(not _mentions_name(arg) for arg in node.args[1:])
        return isinstance(mapping, ast.Name) and mapping.id.isupper() and defaults_constant
    if isinstance(node, ast.Subscript):
        return isinstance(node.value, ast.Name) and node.value.id.isupper()
    return False


def _mentions_name(node: ast.AST) -> bool:
    return any(isinstance(inner, ast.Name) for inner in ast.walk(node))


def _mentions_request(node: ast.AST, tainted: set[str]) -> bool:
    if _is_allowlist_lookup(node):
        return False
    if isinstance(node, ast.Name) and (node.id == "request" or node.id in tainted):
        return True
    if isinstance(node, ast.Attribute) and node.attr == "request":
        return True
    return any(_mentions_request(child, tainted) for child in ast.iter_child_nodes(node))


def _mentions_cleaned_data(node: ast.AST) -> bool:
    return any(isinstance(inner, ast.Attribute) and inner.attr == "cleaned_data" for inner in ast.walk(node))


def _call_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return ""


def _is_orm_target(call: ast.Call) -> bool:
    name = _call_name(call)
    # A capitalised callee is a class: a model constructor or Q(...).
    return name in ORM_CALLS or name[:1].isupper()


def _tainted_names(function: ast.AST) -> set[str]:
    """Local names assigned (directly or via another tainted name) from the request."""
    tainted: set[str] = set()
    changed = True
    while changed:
        changed = False
        for node in ast.walk(function):
            targets: list[ast.AST] = []
            value = None
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
                targets, value = [node.target], node.value
            elif isinstance(node, ast.NamedExpr):
                targets, value = [node.target], node.value
            elif isinstance(node, (ast.For, ast.comprehension)):
                targets, value = [node.target], node.iter
            if value is None or not _mentions_request(value, tainted):
                continue
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name) and name.id not in tainted and name.id != "request":
                        tainted.add(name.id)
                        changed = True
    return tainted


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def find_violations(source: str, filename: str = "<example>") -> list[str]:
    tree = ast.parse(source, filename=filename)
    found: list[str] = []

    def report(node: ast.AST, rule: str) -> None:
        found.append(f"{filename}:{node.lineno}: {rule}")

    # Mass assignment: class attributes and form factories.
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                targets = statement.targets if isinstance(statement, ast.Assign) else (
                    [statement.target] if isinstance(statement, ast.AnnAssign) else []
                )
                value = getattr(statement, "value", None)
                for target in targets:
                    if not isinstance(target, ast.Name):
                        continue
                    if target.id == "fields" and isinstance(value, ast.Constant) and value.value == "__all__":
                        report(statement, 'fields = "__all__" exposes every model field: list the fields the form may change')
                    if target.id == "exclude":
                        report(statement, "exclude = ... makes every new model field editable: list the allowed fields instead")
        if isinstance(node, ast.Call) and _call_name(node) in FORM_FACTORIES:
            for keyword in node.keywords:
                if keyword.arg == "exclude" or (
                    keyword.arg == "fields" and isinstance(keyword.value, ast.Constant) and keyword.value.value == "__all__"
                ):
                    report(node, f"{_call_name(node)}({keyword.arg}=...) without an explicit field list: name the fields")

    # Data flow from the request, per function (module level has no request).
    scopes = list(_functions(tree)) or [tree]
    seen: set[int] = set()
    for scope in scopes:
        tainted = _tainted_names(scope)
        for node in ast.walk(scope):
            if not isinstance(node, ast.Call) or id(node) in seen:
                continue
            seen.add(id(node))
            name = _call_name(node)
            for keyword in node.keywords:
                if keyword.arg is not None:
                    continue
                # A form's cleaned data holds only its declared fields (the form is the allowlist).
                if _mentions_cleaned_data(keyword.value):
                    if _is_orm_target(node):
                        report(node, f"{name}(**{ast.unparse(keyword.value)}): form data expanded into an ORM call; pass the fields by name")
                elif _mentions_request(keyword.value, tainted):
                    report(node, f"**{ast.unparse(keyword.value)}: request data must not become keyword arguments; pass named values")
            if name == "extra" and isinstance(node.func, ast.Attribute):
                report(node, ".extra() is deprecated and injection-prone: use annotate() with expressions")
            if name == "order_by" and any(_mentions_request(arg, tainted) for arg in [*node.args, *(k.value for k in node.keywords)]):
                report(node, "order_by() with a value from the request: map the choice to a fixed allowlist of fields")
            if name in RAW_SQL_CALLS and node.args and _mentions_request(node.args[0], tainted):
                report(node, f"{name}() with SQL built from the request: use query parameters")
            if name in RAW_SQL_CALLS and node.args and isinstance(node.args[0], ast.JoinedStr):
                if any(_mentions_request(value, tainted) for value in node.args[0].values):
                    report(node, f"{name}(f\"...\") with request values in the SQL text: use query parameters")
    return sorted(set(found))


def _violations_in_project() -> list[str]:
    found = []
    for path in project_files():
        found += find_violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    return found


def test_the_project_has_python_files_to_check():
    names = {str(path.relative_to(ROOT)) for path in project_files()}
    assert {"intake/forms.py", "intake/views.py", "infopoint/admin.py", "stats/counting.py"} <= names
    assert not any(name.startswith(("tests/", ".venv/")) for name in names)


def test_no_mass_assignment_no_request_expansion_no_raw_sql_from_the_request():
    violations = _violations_in_project()
    assert violations == [], "Security rules broken (see tests/infopoint/test_code_rules.py):\n" + "\n".join(violations)


BAD_EXAMPLES = {
    "fields_all": (
        "class VisitorForm(forms.ModelForm):\n    class Meta:\n        model = Visitor\n        fields = '__all__'\n",
        'fields = "__all__"',
    ),
    "exclude_in_form": (
        "class VisitorForm(forms.ModelForm):\n    class Meta:\n        model = Visitor\n        exclude = ['code']\n",
        "exclude = ...",
    ),
    "exclude_in_admin": ("class VisitorAdmin(admin.ModelAdmin):\n    exclude = ('code',)\n", "exclude = ..."),
    "factory_all": ("Form = modelform_factory(Visitor, fields='__all__')\n", "modelform_factory(fields=...)"),
    "request_get_expansion": ("def view(request):\n    return Visitor.objects.filter(**request.GET.dict())\n", "**request.GET.dict()"),
    "request_post_into_service": ("def view(request):\n    services.visit_open(**request.POST)\n", "**request.POST"),
    "tainted_expansion": (
        "def view(request):\n    wanted = request.GET.dict()\n    return Visit.objects.filter(**wanted)\n",
        "**wanted",
    ),
    "cleaned_data_into_orm": (
        "def view(request, form):\n    Visitor.objects.create(**form.cleaned_data)\n",
        "create(**form.cleaned_data)",
    ),
    "cleaned_data_into_model": ("def view(request, form):\n    Visitor(**form.cleaned_data).save()\n", "Visitor(**form.cleaned_data)"),
    "cleaned_data_into_q": ("def view(request, form):\n    return Q(**form.cleaned_data)\n", "Q(**form.cleaned_data)"),
    "extra": ("def view(request):\n    return Visit.objects.extra(select={'x': '1'})\n", ".extra()"),
    "order_by_request": ("def view(request):\n    return Visit.objects.order_by(request.GET['o'])\n", "order_by()"),
    "order_by_tainted": (
        "def view(request):\n    sort = request.GET.get('o', 'id')\n    key = '-' + sort\n    return Visit.objects.order_by(key)\n",
        "order_by()",
    ),
    "raw_sql_fstring": (
        "def view(request):\n    name = request.POST['name']\n    cursor.execute(f\"SELECT * FROM v WHERE n = '{name}'\")\n",
        "execute(",
    ),
    "rawsql_concat": (
        "def view(request):\n    return Visit.objects.annotate(x=RawSQL('SELECT ' + request.GET['c'], []))\n",
        "RawSQL()",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_EXAMPLES))
def test_each_rule_finds_its_bad_example(case):
    source, expected = BAD_EXAMPLES[case]
    violations = find_violations(source)
    assert violations, f"the rule for {case} found nothing in:\n{source}"
    assert any(expected.split("(")[0] in violation for violation in violations), violations


GOOD_EXAMPLES = [
    # Our services take keyword-only parameters: a form's cleaned data may be passed on.
    "def view(request, form):\n    services.follow_up_add(actor=request.user, **form.cleaned_data)\n",
    "def view(request):\n    form = NoteForm(request.POST)\n    services.note_add(actor=request.user, **form.cleaned_data)\n",
    "def view(request):\n    return Visit.objects.filter(advisor=request.user).order_by('-arrived_at')\n",
    "def view(request):\n    sort = SORT_FIELDS.get(request.GET.get('o'), 'name')\n    return Office.objects.order_by(sort)\n",
    "def view(request):\n    return Office.objects.order_by(SORT_FIELDS[request.GET['o']])\n",
    "def view(request):\n    cursor.execute('SELECT 1 WHERE %s', [request.GET.get('x')])\n",
    "class OfficeAdmin(admin.ModelAdmin):\n    fields = ['name', 'address']\n",
    "def clean(receipt):\n    receipt.full_clean(exclude=['number'])\n",
]


@pytest.mark.parametrize("source", GOOD_EXAMPLES)
def test_safe_code_is_not_reported(source):
    assert find_violations(source) == []
