"""Issue 21: deactivation ends sessions, refused look-ups and CSP violations reach the
security log, and visitors leave only through the erasure workflow."""

import json
import logging

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from infopoint.lib.stuttgart import Organisation
from infopoint.models import RefusedLookup
from intake.models import Visitor
from tests import factories, summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def security_events(caplog):
    caplog.set_level(logging.INFO, logger="infopoint.security")

    def events(name):
        return [r for r in caplog.records if r.name == "infopoint.security" and getattr(r, "event", "") == name]

    return events


def _logged_in_browser(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(reverse("intake:home")).status_code == 200
    return client


# --- Deactivation ends every session of the account ------------------------------------


def test_deactivating_an_account_in_the_admin_ends_all_its_sessions_for_good(admin_client_, security_events):
    advisor = factories.advisor(username="erika.beispiel")
    desk, laptop = _logged_in_browser(advisor), _logged_in_browser(advisor)
    colleague = _logged_in_browser(factories.advisor(username="max.kollege"))
    page = admin_client_.get(reverse("admin:auth_user_change", args=[advisor.pk]))
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name not in ("password", "groups", "user_permissions", "last_login", "date_joined")}
    data.update({
        "is_active": "", "groups": [g.pk for g in advisor.groups.all()], "date_joined_0": "01.01.2026", "date_joined_1": "08:00:00",
        "staff_profile-TOTAL_FORMS": "1", "staff_profile-INITIAL_FORMS": "1", "staff_profile-MIN_NUM_FORMS": "0",
        "staff_profile-MAX_NUM_FORMS": "1", "staff_profile-0-id": advisor.staff_profile.pk, "staff_profile-0-user": advisor.pk,
        "staff_profile-0-organisation": advisor.staff_profile.organisation,
    })  # fmt: skip
    response = admin_client_.post(reverse("admin:auth_user_change", args=[advisor.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    advisor.refresh_from_db()
    assert advisor.is_active is False
    [ended] = security_events("sessions_ended_deactivated")
    assert (ended.user_id, ended.sessions) == (advisor.pk, 2)
    # Reactivation does not bring the old browsers back.
    advisor.is_active = True
    advisor.save()
    for browser in (desk, laptop):
        response = browser.get(reverse("intake:home"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert colleague.get(reverse("intake:home")).status_code == 200
    summary.record("sessions_ended", ended.sessions)


def test_deactivating_through_a_service_save_ends_the_sessions_too():
    advisor = factories.advisor()
    browser = _logged_in_browser(advisor)
    advisor.is_active = False
    advisor.save(update_fields=["is_active"])
    assert not any(str(s.get_decoded().get("_auth_user_id")) == str(advisor.pk) for s in Session.objects.all())
    advisor.is_active = True
    advisor.save(update_fields=["is_active"])
    assert browser.get(reverse("intake:home")).status_code == 302
    summary.record("sessions_ended")


def test_other_saves_of_an_active_account_leave_its_sessions_alone():
    advisor = factories.advisor()
    browser = _logged_in_browser(advisor)
    advisor.first_name = "Erika"
    advisor.save()
    assert browser.get(reverse("intake:home")).status_code == 200


# --- Refused look-ups ---------------------------------------------------------------------


def _foreign_records(other):
    """Records of the Sozialamt, created by an advisor of the Sozialamt."""
    visitor = factories.VisitorFactory()
    visit = factories.VisitFactory(visitor=visitor, advisor=other, organisation=Organisation.SOZIALAMT)
    referral = factories.ReferralFactory(visitor=visitor, visit=visit, created_by=other, organisation=Organisation.SOZIALAMT)
    appointment = factories.InfopointAppointmentFactory(advisor=other, visitor=visitor, organisation=Organisation.SOZIALAMT)
    receipt = factories.receipt(actor=other, visit=visit)
    return {
        "intake.visitor": reverse("intake:visitor-detail", kwargs={"code": visitor.code}),
        "referrals.referral": reverse("referrals:referral-detail", kwargs={"pk": referral.pk}),
        "referrals.infopointappointment": reverse("referrals:appointment-detail", kwargs={"pk": appointment.pk}),
        "openarea.receipt": reverse("openarea:receipt-detail", kwargs={"pk": receipt.pk}),
    }


def test_a_look_up_of_another_organisations_record_is_logged_with_the_user(advisor_client, advisor, other_org_advisor, security_events):
    urls = _foreign_records(other_org_advisor)
    for url in urls.values():
        assert advisor_client.get(url).status_code == 404, url
    refused = security_events("object_refused")
    assert [(r.user_id, r.model) for r in refused] == [(advisor.pk, model) for model in urls]
    assert [r.count for r in refused] == [1, 2, 3, 4]
    lines = json.dumps([vars(r) for r in refused], default=str)
    for url in urls.values():
        assert url not in lines  # the record asked for is not logged
    assert RefusedLookup.objects.filter(user=advisor).count() == 4
    summary.record("refused_lookups_logged", len(refused))


def test_a_record_that_does_not_exist_is_no_refusal(advisor_client, security_events):
    assert advisor_client.get(reverse("referrals:referral-detail", kwargs={"pk": 987654})).status_code == 404
    assert advisor_client.get(reverse("intake:visitor-detail", kwargs={"code": "ZZZZZZ"})).status_code == 404
    assert security_events("object_refused") == []


def test_the_owner_organisation_sees_its_record_without_a_refusal(other_org_advisor, advisor, security_events):
    urls = _foreign_records(other_org_advisor)
    browser = _logged_in_browser(other_org_advisor)
    assert browser.get(urls["referrals.referral"]).status_code == 200
    assert security_events("object_refused") == []


def test_more_than_n_refusals_in_m_minutes_raise_one_alert_line(advisor_client, advisor, other_org_advisor, security_events, settings):
    settings.INFOPOINT_REFUSED_LOOKUP_ALERT_COUNT = 3
    settings.INFOPOINT_REFUSED_LOOKUP_ALERT_MINUTES = 5
    url = _foreign_records(other_org_advisor)["referrals.referral"]
    for _ in range(6):
        assert advisor_client.get(url).status_code == 404
    [alert] = security_events("refused_lookups_alert")
    assert (alert.levelname, alert.user_id, alert.count, alert.limit, alert.minutes) == ("ERROR", advisor.pk, 4, 3, 5)
    assert [r.count for r in security_events("object_refused")] == [1, 2, 3, 4, 5, 6]
    summary.record("refused_lookups_logged", 6)


def test_refusals_older_than_the_window_do_not_count(advisor_client, advisor, other_org_advisor, security_events, time_machine):
    url = _foreign_records(other_org_advisor)["referrals.referral"]
    time_machine.move_to("2026-12-07 09:00 +01:00")
    advisor_client.get(url)
    time_machine.move_to("2026-12-07 09:30 +01:00")
    advisor_client.get(url)
    assert [r.count for r in security_events("object_refused")] == [1, 1]


# --- CSP reports ------------------------------------------------------------------------------


def test_the_policy_names_the_report_endpoint(anonymous_client):
    response = anonymous_client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "report-uri /csp-report/" in policy and "report-to csp" in policy
    assert response["Reporting-Endpoints"] == 'csp="/csp-report/"'


def _report(blocked="https://evil.example/x.js?visitor=ABC123", page="https://infopoint.example/kiosk/forms/?code=ABC123"):
    return json.dumps({"csp-report": {"document-uri": page, "effective-directive": "script-src-elem", "blocked-uri": blocked}})


def test_a_violation_report_is_counted_in_the_security_log(security_events):
    client = Client()  # anonymous; no CSRF token, as a browser sends it
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("csp-report"), _report(), content_type="application/csp-report")
    assert response.status_code == 204
    reporting_api = [{"type": "csp-violation", "url": "https://infopoint.example/info/de/", "body": {
        "documentURL": "https://infopoint.example/info/de/", "effectiveDirective": "style-src-attr", "blockedURL": "inline"}}]  # fmt: skip
    assert client.post(reverse("csp-report"), json.dumps(reporting_api), content_type="application/reports+json").status_code == 204
    first, second = security_events("csp_violation")
    assert (first.directive, first.blocked, first.page) == ("script-src-elem", "https://evil.example", "/kiosk/forms/")
    assert (second.directive, second.blocked, second.page) == ("style-src-attr", "inline", "/info/de/")
    assert second.count == first.count + 1
    assert "ABC123" not in json.dumps([vars(r) for r in security_events("csp_violation")], default=str)
    summary.record("csp_reports_counted", 2)


def test_a_kiosk_may_report_violations(kiosk_client, security_events):
    response = kiosk_client.post(reverse("csp-report"), _report(), content_type="application/csp-report")
    assert response.status_code == 204
    assert len(security_events("csp_violation")) == 1
    assert kiosk_client.get(reverse("intake:home")).status_code == 404  # still confined otherwise
    summary.record("csp_reports_counted")


@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b"\xff\xfe", b"[]", b"{}", b'{"csp-report": 5}', b"[1, 2]", b'[{"type": "csp-violation", "body": []}]',
     b"[" * 5000 + b"]" * 5000, json.dumps([{"type": "x"}] * 50).encode(), b'{"csp-report": {"blocked-uri": {"a": 1}}}'],
)  # fmt: skip
def test_garbage_is_answered_with_400_never_500(body, anonymous_client):
    response = anonymous_client.post(reverse("csp-report"), body, content_type="application/csp-report")
    assert response.status_code in (204, 400)


def test_an_oversized_report_is_refused(anonymous_client):
    response = anonymous_client.post(reverse("csp-report"), b"x" * (64 * 1024 + 1), content_type="application/csp-report")
    assert response.status_code == 413


def test_reports_are_rate_limited_per_address_with_one_log_line(anonymous_client, security_events, settings):
    from django.core.cache import cache

    cache.clear()
    settings.INFOPOINT_CSP_REPORTS_PER_MINUTE = 5
    statuses = [anonymous_client.post(reverse("csp-report"), _report(), content_type="application/csp-report").status_code for _ in range(9)]
    assert statuses == [204] * 5 + [429] * 4
    assert len(security_events("csp_violation")) == 5
    assert len(security_events("csp_reports_throttled")) == 1
    cache.clear()


# --- Visitors: no delete in the admin ---------------------------------------------------------


def test_the_admin_cannot_delete_visitors_or_contacts(admin_client_):
    visitor = factories.VisitorFactory(name="Canary Besucherin")
    visit = factories.VisitFactory(visitor=visitor)
    delete_page = admin_client_.get(reverse("admin:intake_visitor_delete", args=[visitor.pk]))
    assert delete_page.status_code == 403
    assert admin_client_.post(reverse("admin:intake_visitor_delete", args=[visitor.pk]), {"post": "yes"}).status_code == 403
    bulk = admin_client_.post(
        reverse("admin:intake_visitor_changelist"), {"action": "delete_selected", "_selected_action": [visitor.pk], "post": "yes"}
    )
    assert bulk.status_code in (200, 302)
    changelist = admin_client_.get(reverse("admin:intake_visitor_changelist")).content.decode()
    assert 'value="delete_selected"' not in changelist
    assert admin_client_.get(reverse("admin:intake_visit_delete", args=[visit.pk])).status_code == 403
    assert Visitor.objects.filter(pk=visitor.pk, name="Canary Besucherin").exists()


def test_the_erasure_workflow_still_removes_the_person(admin_client_):
    visitor = factories.VisitorFactory(name="Canary Besucherin")
    response = admin_client_.post(reverse("intake:visitor-erase", kwargs={"code": visitor.code}), {"confirm": "on"})
    assert response.status_code == 302
    visitor.refresh_from_db()
    assert visitor.name == ""
