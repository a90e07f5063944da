"""The visitor page: details and consent, notes, follow-ups, search, erasure."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from intake.models import CaseNote, FollowUp, Visit, Visitor
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    visit = factories.VisitFactory(visitor=factories.VisitorFactory(name="Frau Petrova", consent_scope="case_history"))
    return visit.visitor


def test_notes_are_visible_only_within_the_authors_organisation(advisor_client, other_org_advisor, visitor):
    factories.VisitFactory(visitor=visitor, organisation="sozialamt")  # both offices know the visitor
    advisor_client.post(reverse("intake:note-add", kwargs={"code": visitor.code}), {"text": "Braucht Dolmetscherin Russisch"})
    assert "Braucht Dolmetscherin" in advisor_client.get(visitor.get_absolute_url()).content.decode()
    client = Client()
    client.force_login(other_org_advisor)
    response = client.get(visitor.get_absolute_url())
    assert response.status_code == 200
    assert "Braucht Dolmetscherin" not in response.content.decode()


def test_notes_need_the_consent_to_keep_the_history(advisor_client):
    visitor = factories.VisitFactory().visitor  # consent for the day only
    response = advisor_client.post(reverse("intake:note-add", kwargs={"code": visitor.code}), {"text": "Notiz"})
    assert response.status_code == 400
    assert not CaseNote.objects.exists()


def test_an_empty_note_is_told_at_the_field(advisor_client, visitor):
    response = advisor_client.post(reverse("intake:note-add", kwargs={"code": visitor.code}), {"text": ""})
    assert response.status_code == 400
    assert "text" in response.context["note_form"].errors
    assert not CaseNote.objects.exists()


def test_follow_ups_appear_on_the_advisors_start_page_until_done(advisor_client, visitor):
    today = timezone.localdate()
    advisor_client.post(reverse("intake:follow-up-add", kwargs={"code": visitor.code}), {"task": "Antrag eingereicht?", "due_on": today.isoformat()})
    assert "Antrag eingereicht?" in advisor_client.get(reverse("intake:home")).content.decode()
    follow_up = FollowUp.objects.get()
    advisor_client.post(reverse("intake:follow-up-done", kwargs={"pk": follow_up.pk}), {"back": "home"})
    assert "Antrag eingereicht?" not in advisor_client.get(reverse("intake:home")).content.decode()


def test_a_follow_up_in_the_past_is_refused(advisor_client, visitor):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = advisor_client.post(reverse("intake:follow-up-add", kwargs={"code": visitor.code}), {"task": "x", "due_on": yesterday.isoformat()})
    assert response.status_code == 400
    assert "due_on" in response.context["follow_up_form"].errors


def test_a_contact_for_call_backs_needs_the_consent_and_the_consent_is_dated(advisor_client, visitor):
    url = reverse("intake:visitor-update", kwargs={"code": visitor.code})
    response = advisor_client.post(url, {"name": "Frau Petrova", "contact": "0711 123456", "consent_scope": "day_only"})
    assert response.status_code == 400
    assert "contact" in response.context["profile_form"].errors
    advisor_client.post(url, {"name": "Frau Petrova", "contact": "0711 123456", "consent_scope": "callback"})
    visitor.refresh_from_db()
    assert visitor.contact == "0711 123456"
    assert visitor.consent_date == timezone.localdate()


def test_search_by_name_or_code_uses_post_and_logs_the_reads(advisor_client, visitor):
    response = advisor_client.post(reverse("intake:visitor-search"), {"query": "petrova"})
    assert visitor.get_absolute_url() in response.content.decode()
    response = advisor_client.post(reverse("intake:visitor-search"), {"query": visitor.code.lower()})
    assert visitor.get_absolute_url() in response.content.decode()
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(visitor.pk)).count() == 2


def test_erasure_keeps_only_anonymous_counts(advisor_client, admin_client_, visitor):
    advisor_client.post(reverse("intake:note-add", kwargs={"code": visitor.code}), {"text": "Notiz"})
    old_code = visitor.code
    assert advisor_client.post(reverse("intake:visitor-erase", kwargs={"code": old_code}), {"confirm": "on"}).status_code == 403
    response = admin_client_.post(reverse("intake:visitor-erase", kwargs={"code": old_code}), {})
    assert Visitor.objects.get(pk=visitor.pk).name == "Frau Petrova"  # not without the confirmation
    response = admin_client_.post(reverse("intake:visitor-erase", kwargs={"code": old_code}), {"confirm": "on"})
    assert response.status_code == 302
    erased = Visitor.objects.get(pk=visitor.pk)
    assert erased.name == "" and erased.code != old_code
    assert not CaseNote.objects.exists()
    assert Visit.objects.filter(visitor=erased).count() == 1
    assert admin_client_.get(reverse("intake:visitor-detail", kwargs={"code": old_code})).status_code == 404


def test_the_visitor_page_shows_the_checks_of_each_contact(advisor_client, advisor, visitor):
    from screening.services import screening_run_create

    visit = visitor.visits.get()
    run = screening_run_create(
        household={"as_of": "2026-03-01", "members": [{"relation": "self", "age": 40}], "housing": {"rent_cold": "500"}},
        actor=advisor,
        visit=visit,
    )
    assert run.get_absolute_url() in advisor_client.get(visitor.get_absolute_url()).content.decode()


def test_the_pages_need_a_bounded_number_of_queries(advisor_client, advisor, django_assert_max_num_queries):
    visitor = factories.VisitorFactory()
    for _ in range(15):
        factories.VisitFactory(visitor=visitor)
    for _ in range(15):
        factories.VisitFactory()
    with django_assert_max_num_queries(15):
        assert advisor_client.get(reverse("intake:home")).status_code == 200
    with django_assert_max_num_queries(18):
        assert advisor_client.get(visitor.get_absolute_url()).status_code == 200


def test_merging_a_duplicate_moves_its_history(advisor_client, admin_client_, visitor):
    duplicate = factories.VisitFactory(visitor=factories.VisitorFactory(name="", age_band="50_64", consent_scope="case_history")).visitor
    advisor_client.post(reverse("intake:note-add", kwargs={"code": duplicate.code}), {"text": "Notiz am Duplikat"})
    factories.ReferralFactory(visitor=duplicate)
    url = reverse("intake:visitor-merge", kwargs={"code": visitor.code})
    admin_client_.post(url, {"duplicate": duplicate.code})  # without confirmation nothing happens
    admin_client_.post(url, {"duplicate": "AB\x00CD", "confirm": "on"})  # nor with a malformed code
    assert Visitor.objects.filter(pk=duplicate.pk).exists()
    response = admin_client_.post(url, {"duplicate": duplicate.code.lower(), "confirm": "on"})
    assert response.status_code == 302
    assert not Visitor.objects.filter(pk=duplicate.pk).exists()
    visitor.refresh_from_db()
    assert visitor.visits.count() == 2 and visitor.notes.count() == 1 and visitor.referrals.count() == 1
    assert visitor.age_band == "50_64" and visitor.name == "Frau Petrova"


def test_a_clearing_case_is_sent_on_at_once(advisor_client):
    from referrals.models import OfficeKind

    factories.OfficeFactory(name="Jobcenter Stuttgart", kind=OfficeKind.JOBCENTER, street="Rosenbergstraße 40")
    response = advisor_client.post(
        reverse("intake:walk-in"), {"language": "de", "channel": "walk_in", "clearing": "already_sgb2"}, follow=True
    )
    assert "Rosenbergstraße 40" in response.content.decode()
    visit = Visit.objects.get()
    assert visit.status == "done" and visit.clearing == "already_sgb2" and visit.outcome == "information"


def test_the_visitors_languages_can_be_recorded(advisor_client, visitor):
    url = reverse("intake:visitor-update", kwargs={"code": visitor.code})
    advisor_client.post(url, {"name": "Frau Petrova", "consent_scope": "day_only", "languages": ["ru", "uk"]})
    visitor.refresh_from_db()
    assert visitor.languages == ["ru", "uk"]
