import smtplib
from datetime import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from intake.models import ConsentScope
from referrals.models import ReferralEventKind
from referrals.services import referral_calendar_send
from tests.factories import OfficeFactory, ReferralFactory, VisitFactory

pytestmark = pytest.mark.django_db(transaction=True)

BERLIN = timezone.get_default_timezone()


@pytest.fixture
def referral(advisor):
    visit = VisitFactory(
        language="tr", visitor__contact="ayse@example.org", visitor__consent_scope=ConsentScope.CALLBACK, visitor__consent_date=timezone.localdate()
    )
    return ReferralFactory(
        visitor=visit.visitor,
        visit=visit,
        office=OfficeFactory(name="Jobcenter Stuttgart", street="Rosenbergstraße 40", postcode="70176"),
        created_by=advisor,
        appointment_at=datetime(2026, 12, 3, 9, 30, tzinfo=BERLIN),
        appointment_contact="Frau Keller",
    )


def test_the_calendar_file_goes_to_the_visitor_in_their_language_and_german(advisor, referral):
    event = referral_calendar_send(referral=referral, actor=advisor, host="infopoint.test")
    message = mail.outbox[0]
    assert message.to == ["ayse@example.org"]
    assert message.subject == "Jobcenter Stuttgart randevunuz / Ihr Termin bei Jobcenter Stuttgart"
    assert "Merhaba," in message.body and "Guten Tag," in message.body
    assert "09:30" in message.body and "Frau Keller" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == f"infopoint-termin-{referral.pk}.ics" and mimetype == "text/calendar"
    assert "DTSTART:20261203T083000Z" in content
    assert (event.kind, event.done_by) == (ReferralEventKind.CALENDAR_SENT, advisor)


def test_a_phone_number_is_no_e_mail_address(advisor, referral):
    referral.visitor.contact = "0176 5550123"
    referral.visitor.save()
    with pytest.raises(ValidationError):
        referral_calendar_send(referral=referral, actor=advisor, host="infopoint.test")
    assert not mail.outbox and not referral.events.exists()


def test_without_consent_to_be_contacted_nothing_is_sent(advisor, referral):
    referral.visitor.consent_scope = ConsentScope.CASE_HISTORY
    referral.visitor.save()
    with pytest.raises(ValidationError):
        referral_calendar_send(referral=referral, actor=advisor, host="infopoint.test")
    assert not mail.outbox


def test_a_refusing_mail_server_is_a_clear_refusal_and_nothing_is_noted(advisor, referral, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"ayse@example.org": (550, b"no")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with pytest.raises(ValidationError) as refused:
        referral_calendar_send(referral=referral, actor=advisor, host="infopoint.test")
    assert refused.value.code == "smtp"
    assert not referral.events.exists()


def test_the_e_mail_leaves_only_when_the_history_entry_is_committed(advisor, referral):
    from django.db import transaction

    class RequestFailedLater(Exception):
        pass

    with pytest.raises(RequestFailedLater), transaction.atomic():
        referral_calendar_send(referral=referral, actor=advisor, host="infopoint.test")
        assert not mail.outbox  # not yet: the surrounding transaction has not committed
        raise RequestFailedLater
    assert not mail.outbox and not referral.events.exists()

    with transaction.atomic():
        referral_calendar_send(referral=referral, actor=advisor, host="infopoint.test")
    assert len(mail.outbox) == 1
    assert referral.events.filter(kind=ReferralEventKind.CALENDAR_SENT).count() == 1


def test_a_refusal_after_a_larger_commit_takes_the_history_entry_back(advisor, referral, monkeypatch):
    from django.db import transaction

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with transaction.atomic():
        referral_calendar_send(referral=referral, actor=advisor, host="infopoint.test")
    assert not referral.events.exists()
