"""A create form whose transaction committed reaches its page even if the session cannot be saved (issue 21).

The database goes away between the view's commit and the session save at the end of the
request (SessionMiddleware): here the session row's save raises the OperationalError a lost
connection gives, exactly where Django's session store meets it. Django alone answers
"400 – please try again" (SessionInterrupted), so the desk issued a second receipt; now the
committed record's redirect goes out, the event is logged, and nothing else changes.
"""

import logging
import uuid

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from infopoint.lib.access import rule_for
from infopoint.session_save import COMMITTED_CREATE_VIEWS
from intake.models import CaseNote, FollowUp, Visit
from openarea.models import HandInDraft, Receipt
from referrals.models import Benefit
from tests import factories
from tests.conftest import kiosk_form_value

pytestmark = pytest.mark.django_db


def _record_outage_case():
    from tests.summary import record  # noqa: PLC0415

    record("outage_cases")


def _receipt_form(**overrides):
    return {
        "applicant_name": "Canary Müller", "benefit": Benefit.SGB2, "office": "", "application_form": "Hauptantrag Bürgergeld",
        "application_pages": "6", "channel": "in_person", "language": "de", "token": str(uuid.uuid4()), **overrides,
    }  # fmt: skip


@pytest.fixture
def session_save_fails(monkeypatch):
    """From now on every save of a session row fails as with a database that went away."""

    def fail(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    def start():
        monkeypatch.setattr(Session, "save", fail)

    return start


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    client.get("/")  # a session that exists, as at any desk
    return client


def test_a_receipt_whose_commit_went_through_is_shown_although_the_session_save_fails(advisor, session_save_fails, caplog):
    factories.OfficeFactory(benefits=[Benefit.SGB2])
    client = _client(advisor)
    session_save_fails()
    with caplog.at_level(logging.ERROR, logger="infopoint.errors"):
        response = client.post(reverse("openarea:receipt-new"), _receipt_form())
    receipt = Receipt.objects.get()
    assert response.status_code == 302 and response["Location"] == receipt.get_absolute_url()
    events = [record for record in caplog.records if getattr(record, "event", "") == "session_not_saved_after_commit"]
    assert [(event.view, event.status, event.cause) for event in events] == [("openarea:receipt-new", 302, "OperationalError")]
    assert "Canary" not in caplog.text
    _record_outage_case()


def test_without_the_fix_django_answers_400_after_the_commit(advisor, session_save_fails, settings):
    """The finding of issue 21, reproduced with Django's own SessionMiddleware."""
    settings.MIDDLEWARE = [
        "django.contrib.sessions.middleware.SessionMiddleware" if name == "infopoint.session_save.SessionMiddleware" else name
        for name in settings.MIDDLEWARE
    ]
    factories.OfficeFactory(benefits=[Benefit.SGB2])
    client = _client(advisor)
    session_save_fails()
    response = client.post(reverse("openarea:receipt-new"), _receipt_form())
    assert response.status_code == 400
    assert Receipt.objects.count() == 1  # committed, yet the desk was told to try again


def test_the_same_form_sent_again_after_the_failure_gives_the_same_receipt(advisor, session_save_fails):
    factories.OfficeFactory(benefits=[Benefit.SGB2])
    client = _client(advisor)
    data = _receipt_form()
    session_save_fails()
    first = client.post(reverse("openarea:receipt-new"), data)
    second = client.post(reverse("openarea:receipt-new"), data)
    assert first["Location"] == second["Location"]
    assert Receipt.objects.count() == 1
    _record_outage_case()


def test_walk_in_note_follow_up_and_visit_finish_reach_their_pages(advisor, session_save_fails):
    visitor = factories.VisitFactory(visitor=factories.VisitorFactory(consent_scope="case_history")).visitor
    client = _client(advisor)
    session_save_fails()
    response = client.post(reverse("intake:walk-in"), {"name": "Frau Demir", "language": "tr", "channel": "walk_in"})
    assert response.status_code == 302
    visit = Visit.objects.get(visitor__name="Frau Demir")
    assert client.post(reverse("intake:visit-take", kwargs={"pk": visit.pk})).status_code == 302
    finish = {
        "arrived_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "channel": "walk_in", "language": "de",
        "interpreter": "none", "service": "advice", "outcome": "information", "duration_minutes": "20",
    }  # fmt: skip
    response = client.post(reverse("intake:visit-finish", kwargs={"pk": visit.pk}), finish)
    assert response.status_code == 302, response.content.decode()[:2000]
    note = client.post(reverse("intake:note-add", kwargs={"code": visitor.code}), {"text": "Dolmetscherin", "token": str(uuid.uuid4())})
    due = timezone.localdate().isoformat()
    follow_up = client.post(
        reverse("intake:follow-up-add", kwargs={"code": visitor.code}), {"task": "Antrag?", "due_on": due, "token": str(uuid.uuid4())}
    )
    assert (note.status_code, follow_up.status_code) == (302, 302)
    assert (CaseNote.objects.count(), FollowUp.objects.count()) == (1, 1)
    _record_outage_case()


def test_a_kiosk_hand_in_reaches_its_page_although_a_new_session_cannot_be_stored(kiosk_client, session_save_fails):
    factories.OfficeFactory(benefits=["wohngeld"])
    kiosk_form_value(kiosk_client)  # the kiosk page was shown (and its session stored) before the outage
    session_save_fails()
    data = {"benefit": "wohngeld", "applicant_name": "Canary Kiosk", "description": "Antrag", "pages": "2", "token": str(uuid.uuid4())}
    response = kiosk_client.post(reverse("kiosk:hand-in"), data)
    assert response.status_code == 302 and response["Location"] == reverse("kiosk:hand-in-done")
    assert HandInDraft.objects.count() == 1
    _record_outage_case()


def test_other_posts_keep_djangos_answer(advisor, session_save_fails):
    """A session change that matters (here: "stay logged in") is never dropped silently."""
    client = _client(advisor)
    session_save_fails()
    response = client.post(reverse("session-extend"), {"next": "/"})
    assert response.status_code == 400


def test_every_listed_view_exists_and_takes_a_post():
    for view_name in COMMITTED_CREATE_VIEWS:
        namespace, _, url_name = view_name.partition(":")
        assert rule_for(namespace, url_name) is not None, view_name
