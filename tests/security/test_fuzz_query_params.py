"""Every query parameter of every GET page, and every path parameter, sent hostile values: never a 500.

Issue 21 found 500s for ``?day=9999-12-31`` / ``0001-01-01`` (appointments, receipt list,
forwarding sheet), ``?draft=%00`` on the receipt form and ``/verify/%00``. The parameters each
view reads are declared in QUERY_PARAMETERS; ``test_the_registry_names_every_parameter_a_view_reads``
reads the source of every view module for ``request.GET`` and fails when one is missing, so a new
parameter is fuzzed without anyone remembering to list it. Each page is opened as every role
that may open it (infopoint/lib/access.py).
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse

from infopoint.lib.access import rule_for
from infopoint.lib.roles import Role
from tests import summary
from tests.infopoint.test_access_matrix import ALL_PATTERNS, OWN_PATTERNS, _own_urls, sample_kwargs  # noqa: F401 (fixture)

# URL name → the query parameters its view (or a helper it calls) reads.
QUERY_PARAMETERS: dict[str, tuple[str, ...]] = {
    "referrals:appointment-day": ("day", "advisor", "visitor"),
    "referrals:follow-up-list": ("page",),
    "referrals:referral-new": ("benefit", "office_kind", "run"),
    "referrals:referral-slip": ("lang", "paper"),
    "stats:dashboard": ("month",),
    "screening:new": ("visit", "from"),
    "screening:law": ("as_of", "show"),
    "screening:local-value-new": ("parameter",),
    "screening:rescreen": ("page",),
    "screening:run-compare": ("with",),
    "screening:run-print": ("lang",),
    "openarea:receipt-list": ("day", "overdue"),
    "openarea:receipt-new": ("visit", "draft", "benefit"),
    "openarea:receipt-informal-new": ("visit", "variant"),
    "openarea:power-of-attorney": ("lang",),
    "openarea:forwarding-sheet": ("day",),
    "openarea:card-list": ("status", "kind", "page"),
    "intake:visitor-detail": ("contacts",),
    "kiosk:advice": ("topic",),
    "kiosk:accessibility": ("sent",),
    "info:accessibility": ("sent",),
    # Django's own: the log-in's next address, the admin's search, page and ordering.
    "login": ("next",),
    "admin:intake_visitor_changelist": ("q", "p", "o"),
    "admin:auth_user_changelist": ("q", "p", "o", "is_active__exact"),
}
# Forms bound to request.GET: their fields are query parameters of the page named here.
GET_FORMS = {"CardFilterForm": "openarea:card-list"}
# Query parameters read by shared helpers (not by a view module); each must be fuzzed somewhere.
HELPER_MODULES = ("infopoint/lib/print_options.py", "infopoint/lib/request_params.py")

HOSTILE = [
    "9999-12-31", "0001-01-01", "2026-02-30", "2026-13-01", "1999-12-31", "2101-01-01", "20261231",
    "\x00", "%00", "abc\x00def", "\x1b[31m", "\r\nSet-Cookie: x=1",
    "-1", "0", str(10**20), "1e9", "NaN", "٣", "²",
    "A" * 5000, "Ünïcödé \u200fمرحبا 𝕏 😀", "\u202egnp.exe", "' OR 1=1 --", "{{7*7}}", "../../etc/passwd", " ",
]  # fmt: skip
ACCEPTED = {200, 302, 400, 404}


def _name(namespace: str, pattern) -> str:
    return f"{namespace}:{pattern.name}" if namespace else pattern.name


def _rule(name: str):
    return rule_for(*name.rsplit(":", 1)) if ":" in name else rule_for("", name)


def _read_names(source: str) -> set[str]:
    found = set(re.findall(r"""request\.GET(?:\.get\(|\[)\s*["']([^"']+)["']""", source))
    found |= set(re.findall(r"""optional_pk\(\s*request\s*,\s*["']([^"']+)["']""", source))
    found |= set(re.findall(r"""query_(?:day|choice)\(\s*request\s*,\s*["']([^"']+)["']""", source))
    return found


def _registered() -> set[str]:
    return {parameter for parameters in QUERY_PARAMETERS.values() for parameter in parameters}


def test_the_registry_names_every_parameter_a_view_reads():
    """Each view module's request.GET reads are registered for one of that module's pages."""
    by_module: dict[str, set[str]] = {}
    for namespace, pattern in ALL_PATTERNS:
        module = getattr(pattern.callback, "__module__", "")
        by_module.setdefault(module, set()).update(QUERY_PARAMETERS.get(_name(namespace, pattern), ()))
    missing = []
    for module_name, registered in sorted(by_module.items()):
        if not module_name.split(".")[0] in ("intake", "referrals", "screening", "openarea", "stats", "infopoint"):
            continue
        source = inspect.getsource(sys.modules[module_name])
        for parameter in sorted(_read_names(source) - registered):
            missing.append(f"{module_name}: ?{parameter}=")
        for form in re.findall(r"(\w+Form)\(request\.GET", source):
            assert form in GET_FORMS, f"{module_name} binds {form} to request.GET: add it to GET_FORMS"
    for relative in HELPER_MODULES:
        source = (Path(settings.BASE_DIR) / relative).read_text()
        missing += [f"{relative}: ?{parameter}=" for parameter in sorted(_read_names(source) - _registered())]
    assert missing == [], "query parameters read but not fuzzed: add them to QUERY_PARAMETERS"


def test_forms_bound_to_the_query_have_every_field_registered():
    from openarea.feedback.forms import CardFilterForm

    forms = {"CardFilterForm": CardFilterForm}
    for form, name in GET_FORMS.items():
        assert set(forms[form].base_fields) <= set(QUERY_PARAMETERS[name]), form


def test_the_registry_names_only_pages_that_exist():
    existing = {_name(namespace, pattern) for namespace, pattern in ALL_PATTERNS}
    assert set(QUERY_PARAMETERS) - existing == set()


def _urls_by_name(kwargs) -> dict[str, str]:
    return dict(_own_urls(kwargs))


@pytest.mark.django_db
def test_no_hostile_query_value_makes_a_500(clients_by_role, sample_kwargs):  # noqa: F811
    urls = _urls_by_name(sample_kwargs)
    failures, fuzzed, requests = [], 0, 0
    for name, parameters in QUERY_PARAMETERS.items():
        url = urls[name] if name in urls else reverse(name)
        roles = [role for role in clients_by_role if role in _rule(name).roles]
        assert roles, name
        for parameter in parameters:
            for role in roles:
                client = clients_by_role[role]
                for value in HOSTILE:
                    response = client.get(url, {parameter: value})
                    requests += 1
                    if response.status_code not in ACCEPTED or b"Traceback" in response.content:
                        failures.append(f"GET {url}?{parameter}={value[:30]!r} as {role}: {response.status_code}")
            fuzzed += 1
        # All of the page's parameters hostile at once, as the least privileged role.
        response = clients_by_role[roles[0]].get(url, dict.fromkeys(parameters, "9999-12-31\x00"))
        requests += 1
        if response.status_code not in ACCEPTED:
            failures.append(f"GET {url} with every parameter hostile as {roles[0]}: {response.status_code}")
    assert failures == [], "\n".join(failures)
    summary.record("query_params_fuzzed", fuzzed)
    summary.record("fuzz_examples", requests)


# Path parameters: what a converter lets through must not fail further on.
PATH_HOSTILE = {
    "int": ["0", str(2**31), str(2**63), str(10**20), "9" * 40],
    "str": ["%00", "\x00", "a\x00b", "A" * 300, "Ünïcödé مرحبا", "..", "' OR 1=1 --"],
    "slug": ["A" * 300, "-", "x" * 51],
    "visitor_code": ["AAAAAA", "zzzzzz"],
    "month": ["0000-00", "9999-12", "2026-13", "0001-01", "2101-01"],
    "verification_code": ["A" * 32, "-", "_"],
    "lang": ["de"],
    "export_format": ["csv"],
}


def _path_urls(kwargs):
    """Each URL pattern with one of its path parameters replaced by a hostile value."""
    urls = dict(_own_urls(kwargs))
    for namespace, pattern in OWN_PATTERNS:
        name = _name(namespace, pattern)
        if name == "logout":
            continue
        route = str(pattern.pattern)
        converters = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        if not converters:
            continue
        base = urls[name]
        sample = {key: str(value) for key, value in _sample_values(name, pattern, kwargs).items()}
        for kind, key in converters:
            for value in PATH_HOSTILE.get(kind or "str", []):
                url = base
                # Replace the sample value of this one parameter in the reversed URL.
                old = f"/{quote(sample[key], safe='')}"
                if old not in url:
                    continue
                yield name, url.replace(old, f"/{quote(value, safe='')}", 1)


def _sample_values(name, pattern, kwargs):
    keys = {"screening": {"pk": "run"}, "intake": {"pk": "visit"}, "referrals": {"pk": "referral"}}.get(name.split(":")[0], {})
    if name == "intake:follow-up-done":
        keys = {"pk": "follow_up"}
    if name.startswith("referrals:appointment-"):
        keys = {"pk": "appointment"}
    if name.startswith("openarea:receipt-"):
        keys = {"pk": "receipt"}
    if name == "screening:local-value-confirm":
        keys = {"pk": "local_value"}
    if name == "receipt-verify":
        keys = {"code": "verification_code"}
    return {key: kwargs[keys.get(key, key)] for key in pattern.pattern.converters}


@pytest.mark.django_db
def test_no_hostile_path_value_makes_a_500(clients_by_role, sample_kwargs):  # noqa: F811
    failures, sent = [], 0
    for name, url in _path_urls(sample_kwargs):
        roles = [role for role in (Role.KIOSK, Role.ANONYMOUS, Role.ADVISOR, Role.ADMIN) if role in _rule(name).roles]
        for role in roles[:1]:
            for method in ("get", "post"):
                response = getattr(clients_by_role[role], method)(url)
                sent += 1
                if response.status_code >= 500:
                    failures.append(f"{method.upper()} {url[:120]!r} as {role}: {response.status_code}")
    assert sent > 100
    assert failures == [], "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/verify/%00", 400),
        ("/verify/abc%00def", 400),
        ("/openarea/receipts/new/?draft=%00", 400),
        ("/openarea/receipts/?day=9999-12-31", 200),
        ("/openarea/receipts/?day=0001-01-01", 200),
        ("/appointments/?day=9999-12-31", 200),
        ("/appointments/?day=0001-01-01", 200),
    ],
)
def test_the_500s_of_issue_21_are_refused(admin_client_, url, expected):
    response = admin_client_.get(url)
    assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2101-01-01", "1999-12-31"])
def test_a_day_out_of_range_shows_today_with_a_message(advisor_client, day):
    from django.utils import timezone

    for url in (reverse("openarea:receipt-list"), reverse("referrals:appointment-day")):
        response = advisor_client.get(url, {"day": day})
        assert response.status_code == 200
        assert response.context["day"] == timezone.localdate()
        messages = [str(message) for message in response.context["messages"]]
        assert any("01.01.2000" in message and "31.12.2100" in message for message in messages), messages


@pytest.mark.django_db
def test_the_forwarding_sheet_for_a_day_out_of_range_goes_back_to_the_list(advisor_client, sample_kwargs):  # noqa: F811
    url = reverse("openarea:forwarding-sheet", kwargs={"office": sample_kwargs["office"]})
    for day in ("9999-12-31", "0001-01-01"):
        response = advisor_client.get(url, {"day": day})
        assert response.status_code == 302
        assert response["Location"] == reverse("openarea:receipt-list")
    assert advisor_client.get(url).status_code == 200  # today's sheet still prints
