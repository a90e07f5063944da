"""Every form of the Infopoint, fuzzed as the role that uses it: never a 500, never a traceback.

The forms are found on the pages each role may open (tests/security/forms_found.py), so a new
form is fuzzed without being listed; forms that only appear in states the sample data does not
reach are listed in FIELDS_NOT_ON_A_SAMPLE_PAGE. A completeness test makes sure every URL that
accepts a POST is fuzzed. Each example runs in its own savepoint, rolled back afterwards.
"""

from __future__ import annotations

import copy
import os
from contextlib import contextmanager

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infopoint.lib.access import rule_for
from infopoint.lib.roles import Role
from tests import summary
from tests.infopoint.test_access_matrix import _allowed_statuses, _own_urls, sample_kwargs  # noqa: F401 (fixture)
from tests.security.forms_found import FieldSpec, FoundForm, collect, crawl, default_data
from tests.security.payloads import post_data

# At least 200 per form (issue 10); INFOPOINT_FUZZ_EXAMPLES may ask for more, never for fewer.
EXAMPLES = max(200, int(os.environ.get("INFOPOINT_FUZZ_EXAMPLES", "200")))
# The role a form is fuzzed as: the least privileged one that may use it.
PREFERENCE = [Role.KIOSK, Role.ANONYMOUS, Role.ADVISOR, Role.TEAMLEAD, Role.ADMIN]
# Not forms: logging out ends the shared session.
# The CSP report endpoint takes a JSON body, not form fields: its garbage bodies are in
# tests/security/test_sessions_logging.py (400, 413 or 429, never 500).
NOT_FUZZED = {"logout", "csp-report"}
# Statuses a hostile POST may get: the page again with messages (200/400), a redirect after a
# refused or done action (302), or "no such object / not yours" for a tampered reference.
ACCEPTED = {200, 302, 400, 403, 404}


def _rule(name: str):
    return rule_for(*name.rsplit(":", 1)) if ":" in name else rule_for("", name)


def fuzz_role(name: str) -> Role:
    roles = _rule(name).roles
    return next(role for role in PREFERENCE if role in roles)


def _post_urls() -> list[str]:
    from tests.infopoint.test_access_matrix import OWN_PATTERNS

    names = []
    for namespace, pattern in OWN_PATTERNS:
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        if name not in NOT_FUZZED and _allowed_statuses(name, "post") != {405}:
            names.append(name)
    return names


POST_URLS = _post_urls()


def _may_open(role):
    return lambda name: not name.startswith("admin:") and name not in NOT_FUZZED and role in _rule(name).roles


def _forms_for(role, client, kwargs, more_pages) -> dict[str, FoundForm]:
    """The forms on every page the role may open, those linked from there, and the next steps
    of forms that answer with another form (the quick check's questions)."""
    pages = crawl(client, [*more_pages, *(url for _name, url in _own_urls(kwargs))], _may_open(role))
    found = collect(pages)
    todo = list(found.values())
    for _step in range(8):
        answers = {}
        for form in todo:
            with transaction.atomic(), kept_cookies(client):
                response = client.post(form.url, default_data(form))
                transaction.set_rollback(True)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                answers[form.url + "#after"] = response.content.decode()
        todo = []
        for name, form in collect(answers).items():
            if name not in found:
                found[name] = form
                todo.append(form)
            elif set(form.fields) - set(found[name].fields):
                found[name].merge(form)
                todo.append(form)
    return found


@contextmanager
def kept_cookies(client):
    """Each example starts from the same browser: a changed language or session is undone."""
    saved = copy.deepcopy(client.cookies)
    try:
        yield
    finally:
        client.cookies = saved


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def check_response(response, form: FoundForm, data: dict) -> None:
    status = response.status_code
    context = f"POST {form.url} {data!r} → {status}"
    assert status in ACCEPTED, context
    body = _body(response)
    assert b"Traceback" not in body, context
    if status == 400 and response.get("Content-Type", "").startswith("text/html") and not response.get("HX-Redirect"):
        # The visitor or advisor is told what is wrong, at the field or above the form.
        assert b"kern-error" in body or b"kern-alert--danger" in body or b'role="alert"' in body, context


def fuzz(client, form: FoundForm) -> int:
    sent = 0

    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(data=post_data(form), htmx=st.booleans())
    def run(data, htmx):
        nonlocal sent
        headers = {"HX-Request": "true"} if htmx else {}
        with transaction.atomic(), kept_cookies(client):
            response = client.post(form.url, data, headers=headers)
            transaction.set_rollback(True)
        sent += 1
        check_response(response, form, data)

    run()
    return sent


@pytest.fixture
def more_state(sample_kwargs, advisor, opening_hours):  # noqa: F811
    """Objects in the states that bring the remaining forms onto a page; their pages to start from."""
    from datetime import date

    from django.urls import reverse
    from django.utils import timezone

    from intake.models import ConsentScope, VisitStatus
    from stats.services import month_close
    from tests import factories

    today = timezone.localdate()
    next_monday = today + timezone.timedelta(days=7 - today.weekday())
    visitor = factories.VisitorFactory(consent_scope=ConsentScope.CALLBACK, contact="canary@example.org")
    talking = factories.VisitFactory(visitor=visitor, status=VisitStatus.IN_CONVERSATION, advisor=advisor)
    referral = factories.ReferralFactory(
        visitor=visitor, visit=talking, created_by=advisor, appointment_at=timezone.now() + timezone.timedelta(days=3)
    )
    factories.PrintableFormFactory(is_active=False)
    month_close(month=date.fromisoformat(sample_kwargs["month"] + "-01"))
    return [
        reverse("intake:visit-finish", kwargs={"pk": talking.pk}),
        reverse("referrals:referral-detail", kwargs={"pk": referral.pk}),
        reverse("referrals:appointment-day")
        + f"?visitor={visitor.code}&advisor={advisor.pk}&day={next_monday.isoformat()}",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.KIOSK, Role.ANONYMOUS, Role.ADVISOR, Role.TEAMLEAD, Role.ADMIN])
def test_every_form_a_role_uses_survives_hostile_input(role, clients_by_role, sample_kwargs, more_state):  # noqa: F811
    client = clients_by_role[role]
    found = _forms_for(role, client, sample_kwargs, more_state)
    for name, fields in FIELDS_NOT_ON_A_SAMPLE_PAGE.items():
        if name not in found and fuzz_role(name) == role:
            found[name] = FoundForm(
                url=_url_of(name, sample_kwargs), view_name=name, found_on="(listed)", fields=fields()
            )
    mine = sorted(name for name in found if name in POST_URLS and fuzz_role(name) == role)
    expected = sorted(name for name in POST_URLS if fuzz_role(name) == role)
    missing = [name for name in expected if name not in mine]
    assert missing == [], f"POST URLs without a form to fuzz (list them in FIELDS_NOT_ON_A_SAMPLE_PAGE): {missing}"
    failures = []
    for name in mine:
        try:
            sent = fuzz(client, found[name])
        except AssertionError as error:  # collect them all: one broken form should not hide another
            failures.append(f"{name}: {error}")
            continue
        assert sent >= EXAMPLES or not found[name].fields, name
        summary.record("forms_fuzzed")
        summary.record("fuzz_examples", sent)
    assert failures == [], "\n\n".join(failures)


def _url_of(name: str, kwargs) -> str:
    return dict(_own_urls(kwargs))[name]


def _fields(*specs: tuple) -> callable:
    return lambda: {
        spec[0]: FieldSpec(spec[0], spec[1], options=set(spec[2]) if len(spec) > 2 else set()) for spec in specs
    }


# Forms the sample objects do not bring onto a page (another state of the object is needed).
def _quick_check_answers() -> dict[str, FieldSpec]:
    from openarea.quick_check.questions import QUESTIONS

    specs = {f"a-{q.key}": FieldSpec(f"a-{q.key}", "hidden", options={c.value for c in q.choices}) for q in QUESTIONS}
    for spec in specs.values():
        spec.value = sorted(spec.options)[0] if spec.options else ""
    return specs


# The print of the quick check's result is a form of hidden answers on the last step.
FIELDS_NOT_ON_A_SAMPLE_PAGE: dict[str, callable] = {
    "kiosk:check-print": _quick_check_answers,
    "info:check-print": _quick_check_answers,
}
