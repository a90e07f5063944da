"""A form sent twice (double click, reload, resend after a timeout) records once (security.md I5)."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from intake import services
from intake.models import CaseNote, Event, FollowUp
from tests import factories
from tests.concurrency import at_the_same_time


@pytest.fixture
def visitor(db):
    return factories.VisitFactory(visitor=factories.VisitorFactory(name="Frau Petrova", consent_scope="case_history")).visitor


def _token_of(page: str, action: str | None = None) -> str:
    form = page[page.index(f'action="{action}"'):] if action else page
    return re.search(r'name="token" value="([0-9a-f-]{36})"', form).group(1)


@pytest.mark.django_db
def test_a_note_sent_twice_is_stored_once(advisor_client, visitor):
    url = reverse("intake:note-add", kwargs={"code": visitor.code})
    token = _token_of(advisor_client.get(visitor.get_absolute_url()).content.decode(), url)
    for _ in range(2):
        response = advisor_client.post(url, {"text": "Braucht Dolmetscherin", "token": token})
        assert response.status_code == 302
    assert CaseNote.objects.filter(visitor=visitor).count() == 1
    advisor_client.post(url, {"text": "Zweite Notiz", "token": str(uuid.uuid4())})
    assert CaseNote.objects.filter(visitor=visitor).count() == 2


@pytest.mark.django_db
def test_a_follow_up_sent_twice_is_stored_once(advisor_client, visitor):
    url = reverse("intake:follow-up-add", kwargs={"code": visitor.code})
    token = _token_of(advisor_client.get(visitor.get_absolute_url()).content.decode(), url)
    data = {"task": "Antrag eingereicht?", "due_on": timezone.localdate().isoformat(), "token": token}
    assert [advisor_client.post(url, data).status_code for _ in range(2)] == [302, 302]
    assert FollowUp.objects.filter(visitor=visitor).count() == 1


@pytest.mark.django_db
def test_an_event_sent_twice_is_stored_once(teamlead_client):
    url = reverse("intake:events")
    token = _token_of(teamlead_client.get(url).content.decode())
    data = {"kind": "information", "date": timezone.localdate().isoformat(), "place": "Bürgerhaus Rot", "attendees": 12, "token": token}
    assert [teamlead_client.post(url, data).status_code for _ in range(2)] == [302, 302]
    assert Event.objects.count() == 1


@pytest.mark.django_db
def test_every_new_page_gets_a_new_token(advisor_client, visitor):
    url = reverse("intake:note-add", kwargs={"code": visitor.code})
    tokens = {_token_of(advisor_client.get(visitor.get_absolute_url()).content.decode(), url) for _ in range(3)}
    assert len(tokens) == 3


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_of_one_note_store_one(advisor):
    visitor = factories.VisitFactory(visitor=factories.VisitorFactory(consent_scope="case_history")).visitor
    token = uuid.uuid4()
    results = at_the_same_time(
        lambda: services.note_add(visitor=visitor, actor=advisor, text="gleichzeitig", token=token).pk
    )
    assert len(set(results)) == 1
    assert CaseNote.objects.filter(form_token=str(token)).count() == 1


def test_opening_a_contact_twice_puts_the_visitor_on_the_waiting_list_once(advisor_client, advisor):
    from django.urls import reverse

    from intake.models import Visit
    from tests import factories

    visitor = factories.VisitFactory(status="done").visitor  # came before
    url = reverse("intake:visit-open", kwargs={"code": visitor.code})
    advisor_client.post(url)
    advisor_client.post(url)
    assert Visit.objects.filter(visitor=visitor, status="waiting").count() == 1


def test_a_referral_form_sent_twice_makes_one_referral(advisor_client, advisor):
    import re

    from django.urls import reverse

    from referrals.models import Referral
    from tests import factories

    visit = factories.VisitFactory(status="in_conversation", advisor=advisor)
    office = factories.OfficeFactory(benefits=["sgb2"])
    page = advisor_client.get(reverse("referrals:referral-new", kwargs={"visit": visit.pk})).content.decode()
    token = re.search(r'name="token" value="([0-9a-f-]{36})"', page).group(1)
    data = {"benefit": "sgb2", "office": office.pk, "urgency": "normal", "token": token}
    first = advisor_client.post(reverse("referrals:referral-new", kwargs={"visit": visit.pk}), data)
    second = advisor_client.post(reverse("referrals:referral-new", kwargs={"visit": visit.pk}), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Referral.objects.filter(visit=visit).count() == 1
