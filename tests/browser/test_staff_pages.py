import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories, summary
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]
    assert violations == [], page.url
    summary.record("pages_axe")


def test_staff_log_in_and_see_today_in_german(watched, live_server):
    advisor = factories.advisor(first_name="Jonas", last_name="Berater")
    factories.VisitFactory(visitor=factories.VisitorFactory(name="Frau Yilmaz"))
    page = watched.page
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert page.locator("html").get_attribute("lang") == "de"
    assert_accessible(page)

    log_in(watched, live_server, advisor)

    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Heute im Infopoint")
    assert page.get_by_role("link", name="Frau Yilmaz").is_visible()
    assert page.get_by_role("button", name="Abmelden").is_visible()
    assert_accessible(page)
    assert watched.csp_violations() == []


def test_a_wrong_password_is_told_at_the_form_without_revealing_the_account(watched, live_server):
    advisor = factories.advisor()
    page = watched.page
    log_in(watched, live_server, advisor, password="wrong")
    message_known = page.locator(".kern-alert--danger").inner_text()
    page.fill("#id_username", "no-such-user")
    page.fill("#id_password", "wrong")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".kern-alert--danger").inner_text() == message_known
    assert "/accounts/login/" in page.url


def test_staff_switch_the_language_and_arabic_reads_right_to_left(watched, live_server):
    advisor = factories.advisor()
    page = log_in(watched, live_server, advisor)
    page.select_option("#language-select", "ar")
    page.click(".language-switcher button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/offices/", "/openarea/kiosks/", "/no-such-page/"])
def test_team_lead_pages_are_accessible(watched, live_server, path):
    factories.OfficeFactory(name="Jobcenter Stuttgart")
    lead = factories.teamlead()
    page = log_in(watched, live_server, lead)
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)
    assert watched.csp_violations() == []


def test_the_visitor_page_and_its_sheet(watched, live_server):
    advisor = factories.advisor()
    visitor = factories.VisitFactory(visitor=factories.VisitorFactory(name="Herr Kovalenko")).visitor
    page = log_in(watched, live_server, advisor)
    page.goto(f"{live_server.url}/visitors/{visitor.code}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Herr Kovalenko"
    assert_accessible(page)
    response = page.request.get(f"{live_server.url}/visitors/{visitor.code}/sheet.pdf")
    assert response.ok
    assert response.body().startswith(b"%PDF")


def test_the_access_denied_page_is_accessible(watched, live_server):
    visitor = factories.VisitorFactory()
    page = log_in(watched, live_server, factories.teamlead())
    response = page.goto(f"{live_server.url}/visitors/{visitor.code}/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Sie dürfen diese Seite nicht öffnen"
    assert_accessible(page)


def test_the_admin_start_page_is_accessible(watched, live_server):
    page = log_in(watched, live_server, factories.administrator())
    page.goto(f"{live_server.url}/admin/")
    assert_accessible(page)
