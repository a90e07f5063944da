"""Audit trail: writes with the acting user, reads of one person's data, no names in the log."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from infopoint.lib.access import ACCESS_MATRIX
from tests import factories

pytestmark = pytest.mark.django_db


def _entries_for(instance):
    return LogEntry.objects.get_for_object(instance)


def test_a_change_in_the_admin_is_logged_with_the_acting_user(admin_client_, administrator):
    visitor = factories.VisitorFactory(name="Canary Qwertz", district="mitte")
    url = reverse("admin:intake_visitor_change", kwargs={"object_id": visitor.pk})
    response = admin_client_.post(
        url,
        {"code": visitor.code, "name": "Canary Asdfg", "birth_year": "1961", "district": "west", "languages": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = _entries_for(visitor).filter(action=LogEntry.Action.UPDATE).get()
    assert update.actor == administrator
    assert update.changes_dict["district"] == ["mitte", "west"]
    assert update.changes_dict["name"] == ["***", "***"]


def test_viewing_a_visitor_writes_a_read_entry(advisor_client, advisor):
    visitor = factories.VisitFactory().visitor
    response = advisor_client.get(reverse("intake:visitor-detail", kwargs={"code": visitor.code}))
    assert response.status_code == 200
    read = _entries_for(visitor).filter(action=LogEntry.Action.ACCESS).get()
    assert read.actor == advisor
    assert read.additional_data == {"purpose": "visitor-detail"}


def test_a_list_logs_each_shown_record_once_in_one_insert_with_what_a_single_read_entry_has(advisor, django_assert_num_queries):
    from auditlog.context import set_actor

    from infopoint.lib.audit import log_read, log_reads

    first, second = factories.VisitorFactory(), factories.VisitorFactory()
    with set_actor(advisor, remote_addr="192.0.2.7"):
        single = log_read(actor=advisor, instance=first, purpose="visitor-search")
        with django_assert_num_queries(1):
            listed = log_reads(actor=advisor, instances=[first, second, first], purpose="visitor-search")
    assert [entry.object_pk for entry in listed] == [str(first.pk), str(second.pk)]
    fields = ["content_type_id", "object_pk", "object_id", "object_repr", "action", "actor_id", "actor_email", "remote_addr", "additional_data", "changes"]
    stored = LogEntry.objects.filter(pk__in=[single.pk, listed[0].pk]).values(*fields)
    assert stored[0] == stored[1]
    assert stored[0]["remote_addr"] == "192.0.2.7"


def test_printing_a_visitor_sheet_writes_a_read_entry(advisor_client):
    visitor = factories.VisitFactory().visitor
    advisor_client.get(reverse("intake:visitor-sheet", kwargs={"code": visitor.code}))
    read = _entries_for(visitor).filter(action=LogEntry.Action.ACCESS).get()
    assert read.additional_data == {"purpose": "visitor-sheet-print"}


def test_every_page_flagged_as_personal_data_writes_a_read_entry(advisor_client, advisor, teamlead_client, admin_client_):
    from screening.services import screening_run_create

    household = {"as_of": "2026-03-01", "members": [{"relation": "self", "age": 40}], "housing": {"rent_cold": "500"}}
    first = screening_run_create(household=household, actor=advisor)
    run = screening_run_create(household=household, actor=advisor, copied_from=first)
    flagged = [name for name, rule in ACCESS_MATRIX.items() if rule.personal_data]
    assert flagged
    for name in flagged:
        if name in ("screening:run-list", "screening:rescreen"):
            kwargs = {}
        elif name == "intake:visit-finish":
            kwargs = {"pk": factories.VisitFactory(status="in_conversation").pk}
        elif name == "referrals:visitor-outcomes":
            visit = factories.VisitFactory()
            kwargs = {"code": factories.ReferralFactory(created_by=advisor, visit=visit, visitor=visit.visitor).visitor.code}
        elif name == "referrals:appointment-detail":
            kwargs = {"pk": factories.InfopointAppointmentFactory(advisor=advisor).pk}
        elif name == "openarea:receipt-list":
            factories.receipt(actor=advisor)
            kwargs = {}
        elif name == "openarea:forwarding-sheet":
            kwargs = {"office": factories.receipt(actor=advisor).office_id}
        elif name.startswith("openarea:"):
            informal = {"variant": "wohngeld", "applicant_name": "Canary", "birth_date": "", "address": ""}
            kwargs = {"pk": factories.receipt(actor=advisor, informal_application=informal).pk}
        elif name.startswith("referrals:"):
            kwargs = {"pk": factories.ReferralFactory(created_by=advisor, appointment_at=timezone.now()).pk}
        elif name.startswith("screening:"):
            kwargs = {"pk": run.pk}
        else:
            kwargs = {"code": factories.VisitFactory().visitor.code}
        client = advisor_client
        if name == "openarea:card-detail":
            # Yellow cards are the team lead's; a card with contact details is personal data.
            kwargs = {"card": factories.YellowCardFactory(contact_email="canary@example.org").pk}
            client = teamlead_client
        if name == "screening:rescreen":
            client = teamlead_client  # the re-screening list is the team lead's
            _one_rescreened_check()
        if name in ("intake:visitor-export-json", "intake:visitor-export-pdf"):
            client = admin_client_  # access requests are handled by administration
        before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, name
        assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() > before, name


def _one_rescreened_check():
    """A visitor whose answer changes on the new law, so that the list names someone."""
    from screening.rescreen_service import rescreen
    from tests.screening.rescreen_data import NEW_LAW, TODAY, check

    check()
    assert rescreen(as_of=NEW_LAW, today=TODAY).items


def test_the_log_never_contains_a_visitors_name(advisor_client, admin_client_):
    visitor = factories.VisitorFactory(name="Canary Mnbvc")
    factories.VisitFactory(visitor=visitor)
    advisor_client.get(reverse("intake:visitor-detail", kwargs={"code": visitor.code}))
    visitor.name = "Canary Poiuy"
    visitor.save()
    for entry in LogEntry.objects.all():
        text = f"{entry.object_repr} {entry.changes} {entry.serialized_data} {entry.additional_data}"
        assert "Canary" not in text


def test_opening_a_visitor_in_the_admin_writes_a_read_entry(admin_client_, administrator):
    visitor = factories.VisitFactory().visitor
    url = reverse("admin:intake_visitor_change", kwargs={"object_id": visitor.pk})
    assert admin_client_.get(url).status_code == 200
    read = _entries_for(visitor).filter(action=LogEntry.Action.ACCESS).get()
    assert read.actor == administrator
    assert read.additional_data == {"purpose": "admin-change-view"}


def test_a_role_change_is_audited(administrator):
    from auditlog.context import set_actor
    from django.contrib.auth.models import Group

    user = factories.UserFactory()
    with set_actor(administrator):
        user.groups.add(Group.objects.get_or_create(name="Teamleitung")[0])
    entry = _entries_for(user).latest("timestamp")
    assert entry.actor == administrator
    assert "groups" in entry.changes_dict
    assert "password" not in str(entry.changes)


def test_enrolling_a_kiosk_is_audited(teamlead_client, teamlead):
    from openarea.models import KioskDevice

    teamlead_client.post(reverse("openarea:kiosk-enrol"), {"name": "Kiosk Audit"})
    device = KioskDevice.objects.get(name="Kiosk Audit")
    entry = _entries_for(device).get(action=LogEntry.Action.CREATE)
    assert entry.actor == teamlead
    assert device.token not in str(entry.changes)
