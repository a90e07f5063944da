"""Two desks: one records a walk-in, the other sees it on its waiting list and takes the visitor."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import WatchedPage, log_in
from tests.browser.test_staff_pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_walk_in_recorded_at_one_desk_is_taken_at_another(watched, browser, live_server):
    first_desk = log_in(watched, live_server, factories.advisor())
    assert_accessible(first_desk)

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    second = WatchedPage(context.new_page(), live_server.url)
    # The second desk belongs to the other organisation: the open area is shared.
    second_desk = log_in(second, live_server, factories.advisor(organisation="sozialamt"))
    second_desk.clock.install()
    second_desk.goto(f"{live_server.url}/")
    expect(second_desk.locator("#waiting-list")).not_to_contain_text("Frau mit rotem Schal")

    first_desk.fill("#id_description", "Frau mit rotem Schal")
    first_desk.select_option("#id_language", "ar")
    first_desk.check("input[name=concerns][value=sgb2]")
    first_desk.click(".walk-in button[type=submit]")
    first_desk.wait_for_load_state()
    expect(first_desk.locator("#waiting-list")).to_contain_text("Frau mit rotem Schal")
    assert_accessible(first_desk)  # with the filled waiting list and its buttons

    second_desk.clock.fast_forward("00:11")  # the waiting list polls every 10 seconds
    expect(second_desk.locator("#waiting-list")).to_contain_text("Frau mit rotem Schal")
    second_desk.locator("#waiting-list form button").first.click()
    second_desk.wait_for_url("**/visits/*/")
    assert_accessible(second_desk)

    second_desk.select_option("#id_service", "advice")
    second_desk.select_option("#id_outcome", "screening")
    second_desk.click("main form button[type=submit]")
    second_desk.wait_for_url("**/visitors/*/")
    assert_accessible(second_desk)

    first_desk.reload()
    expect(first_desk.locator("#waiting-list")).not_to_contain_text("Frau mit rotem Schal")
    assert second.foreign_requests == []
    context.close()
