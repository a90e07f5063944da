"""The idle warning in a real browser: dialog, "Stay logged in", log-out with the reason (security.md B3)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from infopoint.staff_session import LAST_ACTIVITY
from tests import factories
from tests.browser.conftest import ARTIFACTS, log_in
from tests.browser.test_staff_pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _last_activity_ago(page, **ago):
    """Move the server's idea of the last activity back (the browser's clock is moved separately)."""
    [cookie] = [c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME]
    session = SessionStore(session_key=cookie["value"])
    session[LAST_ACTIVITY] = (timezone.now() - timedelta(**ago)).timestamp()
    session.save()


def _idle_until_the_warning(page, dialog):
    """Thirteen and a half minutes without activity: the dialog asks whether anyone is still there."""
    _last_activity_ago(page, minutes=13, seconds=30)
    page.clock.fast_forward("13:01")
    dialog.wait_for(state="visible")
    assert "Arbeiten Sie noch?" in dialog.inner_text()


def _idle_until_logged_out(page, login_url):
    """Sixteen minutes without activity: the next check ends the session and shows the log-in page."""
    _last_activity_ago(page, minutes=16)
    page.clock.fast_forward("13:01")
    page.wait_for_url(login_url)


def test_the_idle_warning_offers_to_stay_and_then_logs_out_with_the_reason(watched, live_server):
    advisor = factories.advisor()
    page = watched.page
    page.clock.install()
    log_in(watched, live_server, advisor)
    dialog = page.locator("#session-dialog")
    assert not dialog.is_visible()

    _idle_until_the_warning(page, dialog)
    assert_accessible(page)

    page.get_by_role("button", name="Angemeldet bleiben").click()
    dialog.wait_for(state="hidden")
    assert page.url == f"{live_server.url}/"

    _idle_until_logged_out(page, "**/accounts/login/**")
    assert "nach 15 Minuten ohne Aktivität abgemeldet" in page.locator("main").inner_text()
    assert watched.csp_violations() == []


def test_work_in_another_tab_keeps_the_warning_away(watched, live_server):
    advisor = factories.advisor()
    page = watched.page
    page.clock.install()
    log_in(watched, live_server, advisor)
    # The server saw activity a moment ago (another tab): no warning, no log-out.
    page.clock.fast_forward("13:01")
    page.wait_for_timeout(300)
    assert not page.locator("#session-dialog").is_visible()
    assert page.url == f"{live_server.url}/"


def test_the_admin_warns_before_the_idle_log_out_too(watched, live_server):
    administrator = factories.administrator()
    factories.OfficeFactory(name="Wohngeldstelle Stuttgart")
    page = watched.page
    page.clock.install()
    log_in(watched, live_server, administrator)
    page.goto(f"{live_server.url}/admin/referrals/office/")
    assert page.locator("#site-name").is_visible()
    dialog = page.locator("#session-dialog")
    assert not dialog.is_visible()

    _idle_until_the_warning(page, dialog)
    # In the admin's look: its own button colours, not an unstyled browser button.
    button = page.get_by_role("button", name="Angemeldet bleiben")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") != "rgba(0, 0, 0, 0)"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-idle-warning.png"))
    assert_accessible(page)

    page.keyboard.press("Escape")  # whoever pressed a key is there: like "Stay logged in"
    dialog.wait_for(state="hidden")
    assert page.url == f"{live_server.url}/admin/referrals/office/"

    _idle_until_logged_out(page, "**/login/**")
    assert "nach 15 Minuten ohne Aktivität abgemeldet" in page.locator("body").inner_text()
    assert watched.csp_violations() == []
