"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Every page load is watched for Content-Security-Policy violations and for requests to
any host other than the test server (security.md F2, F5).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; test code still calls the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

_RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture(scope="session")
def _chromium():
    """One Chromium for the session, launched again if a test crashed it (so that one crash
    fails one test, not every browser test after it)."""
    if not Path(CHROMIUM).exists():
        pytest.exit(f"Chromium is missing at {CHROMIUM}: apt-get install chromium (make test does this as root)", 2)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        holder = {"browser": None}

        def connected():
            if holder["browser"] is None or not holder["browser"].is_connected():
                holder["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            return holder["browser"]

        yield connected
        if holder["browser"] is not None and holder["browser"].is_connected():
            holder["browser"].close()


@pytest.fixture
def browser(_chromium):
    return _chromium()


class WatchedPage:
    """A Playwright page plus what it saw: CSP violations and foreign requests."""

    def __init__(self, page, server_url):
        self.page = page
        self.server_host = urlsplit(server_url).netloc
        self.foreign_requests = []
        self.console_errors = []
        page.on("request", self._on_request)
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        page.add_init_script(_RECORD_CSP_VIOLATIONS)

    def _on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension"):  # the browser's own PDF viewer
            return
        if parts.netloc != self.server_host:
            self.foreign_requests.append(request.url)

    def csp_violations(self):
        return self.page.evaluate("window.__cspViolations || []")


@pytest.fixture
def watched(browser, live_server, request, opening_hours):
    # opening_hours: browser tests flush the database, which removes the migration's rows.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    watched = WatchedPage(page, live_server.url)
    yield watched
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    assert watched.foreign_requests == [], "requests to third parties"
    assert [e for e in watched.console_errors if "Content Security Policy" in e] == []
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def log_in(watched, live_server, user, password="correct horse battery staple"):
    page = watched.page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    return page
