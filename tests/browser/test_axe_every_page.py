"""Axe on every page of every role (security.md L1): each GET page of the access matrix that a
role may open is loaded in Chromium as that role and must have 0 WCAG 2.1 A/AA violations.

The pages come from the same walk over the URL patterns as the access-matrix test, with the
same sample objects, so a new page is axe-checked as soon as it is in the matrix.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from infopoint.lib.access import rule_for
from infopoint.lib.roles import Role
from intake.models import Visit
from intake.services import visit_take
from openarea.kiosk_cookie import set_device_cookie
from tests.browser.conftest import log_in
from tests.browser.test_staff_pages import AXE_OPTIONS
from tests.infopoint.test_access_matrix import _allowed_statuses, _own_urls, sample_kwargs  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = [Role.ANONYMOUS, Role.KIOSK, Role.ADVISOR, Role.TEAMLEAD, Role.ADMIN]


def _role_rule(name):
    return rule_for(*name.rsplit(":", 1)) if ":" in name else rule_for("", name)


def _pages_for(role, samples):
    """(name, url) of every page the role may open with GET and that answers with HTML."""
    for name, url in _own_urls(samples):
        if role in _role_rule(name).roles and 200 in _allowed_statuses(name, "get"):
            yield name, url


def _axe_violations(page, watched):
    """Axe's findings on the loaded page; what axe itself does to the page is not the app's doing."""
    console_before = len(watched.console_errors)
    violations = _violations(page)
    # axe-core measures some rules with a <style> element of its own, which the strict CSP
    # blocks; it comes from the injected script (no source file), never from our pages.
    caused_by_axe = [d for d in page.evaluate("window.__cspDetails || []") if d.startswith("style-src-elem at :")]
    if caused_by_axe:
        del watched.console_errors[console_before:]
        page.evaluate("window.__cspDetails = []; window.__cspViolations = []")
    return violations


def _violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]


_RECORD_CSP_DETAILS = """
window.__cspDetails = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspDetails.push(`${e.violatedDirective} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`);
});
"""


def _browser_as(role, watched, live_server, users, kiosk_device):
    page = watched.page
    page.add_init_script(_RECORD_CSP_DETAILS)
    if role == Role.KIOSK:
        response = HttpResponse()
        set_device_cookie(response, kiosk_device)
        cookie = response.cookies[settings.KIOSK_COOKIE_NAME]
        page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    elif role != Role.ANONYMOUS:
        log_in(watched, live_server, users[role])
        assert "/accounts/login/" not in page.url, f"log-in as {role} failed"
    return page


@pytest.mark.parametrize("role", ROLES, ids=[role.value for role in ROLES])
def test_every_page_a_role_may_open_has_no_axe_violations(
    role, watched, live_server, advisor, teamlead, administrator, kiosk_device, record_property, request
):
    samples = request.getfixturevalue("sample_kwargs")  # the access-matrix test's sample objects
    users = {Role.ADVISOR: advisor, Role.TEAMLEAD: teamlead, Role.ADMIN: administrator}
    page = _browser_as(role, watched, live_server, users, kiosk_device)
    if role in users:
        # The contact form of a visit opens once the advisor has called the person in.
        visit_take(visit=Visit.objects.get(pk=samples["visit"]), actor=users[role])
    checked, not_html, failures = [], [], []
    for name, url in _pages_for(role, samples):
        # Ask first: files (PDF, XLSX, ICS) and JSON are no pages and would start a download.
        probe = page.request.get(f"{live_server.url}{url}", max_redirects=0)
        if probe.status != 200:
            if probe.status not in _allowed_statuses(name, "get"):
                failures.append(f"{url} ({name}): status {probe.status}")
            continue  # an allowed redirect (e.g. the log-in page for the logged-in): its target is checked itself
        if not probe.headers.get("content-type", "").startswith("text/html"):
            not_html.append(name)
            continue
        if not probe.text().lstrip().lower().startswith("<!doctype html"):
            not_html.append(name)  # an htmx fragment, checked inside its page
            continue
        page.goto(f"{live_server.url}{url}")
        violations = [f"CSP: {v}" for v in page.evaluate("window.__cspDetails || []")]
        violations += _axe_violations(page, watched)
        if violations:
            failures.append(f"{url} ({name}): " + "; ".join(violations))
        checked.append(url)
    record_property("pages_axe_checked", len(checked))
    print(f"\naxe: {len(checked)} pages checked as {role.value}, {len(not_html)} files and fragments skipped")
    assert failures == [], "\n".join(failures)
    assert checked, f"no page checked as {role.value}"


ERROR_PAGES = [
    # (role, path, status): what each role sees where it may not go or nothing is.
    (Role.ANONYMOUS, "/no-such-page/", 404),
    (Role.KIOSK, "/", 404),
    (Role.ADVISOR, "/stats/", 403),
    (Role.TEAMLEAD, "/screening/new/", 403),
    (Role.ADMIN, "/no-such-page/", 404),
]


@pytest.mark.parametrize(("role", "path", "status"), ERROR_PAGES, ids=[f"{r.value}-{s}" for r, _p, s in ERROR_PAGES])
def test_error_pages_have_no_axe_violations(
    role, path, status, watched, live_server, advisor, teamlead, administrator, kiosk_device
):
    users = {Role.ADVISOR: advisor, Role.TEAMLEAD: teamlead, Role.ADMIN: administrator}
    page = _browser_as(role, watched, live_server, users, kiosk_device)
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == status
    assert _axe_violations(page, watched) == [], page.url


def test_the_database_outage_page_has_no_axe_violations(watched, live_server):
    from infopoint.views import server_error

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        html = server_error(RequestFactory().get("/")).content.decode()
    page = watched.page
    page.goto(f"{live_server.url}/healthz")  # same origin, so that the page's styles load
    page.set_content(html)
    assert page.get_by_role("heading", level=1).is_visible()
    assert _axe_violations(page, watched) == []
