import socket
from datetime import datetime

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from intake.models import ConsentScope
from tests.factories import ReferralFactory, VisitFactory

pytestmark = pytest.mark.django_db(transaction=True)

BERLIN = timezone.get_default_timezone()


@pytest.fixture
def referral(advisor):
    visit = VisitFactory(language="ar", visitor__contact="karim@example.org", visitor__consent_scope=ConsentScope.CALLBACK)
    return ReferralFactory(visitor=visit.visitor, visit=visit, created_by=advisor, appointment_at=datetime(2026, 12, 3, 9, 30, tzinfo=BERLIN))


def _send(client, referral):
    return client.post(reverse("referrals:referral-ics-send", kwargs={"pk": referral.pk}), follow=True)


def test_the_advisor_sends_the_calendar_file_and_sees_it_in_the_history(advisor_client, referral):
    response = _send(advisor_client, referral)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["karim@example.org"]
    page = response.content.decode()
    assert "Die Kalenderdatei wurde per E-Mail an die besuchende Person gesendet." in page
    assert "Kalenderdatei per E-Mail an die besuchende Person gesendet" in page  # the history
    purposes = [entry.additional_data["purpose"] for entry in LogEntry.objects.filter(action=LogEntry.Action.ACCESS)]
    assert "referral-calendar-email" in purposes


def test_the_page_offers_the_e_mail_only_with_an_address_and_consent(advisor_client, referral):
    url = reverse("referrals:referral-detail", kwargs={"pk": referral.pk})
    assert "Kalenderdatei an karim@example.org senden" in advisor_client.get(url).content.decode()
    referral.visitor.consent_scope = ConsentScope.CASE_HISTORY
    referral.visitor.save()
    page = advisor_client.get(url).content.decode()
    assert "karim@example.org" not in page
    assert "nur per E-Mail gesendet werden, wenn" in page


def test_sending_without_consent_is_refused_with_a_message(advisor_client, referral):
    referral.visitor.consent_scope = ConsentScope.DAY_ONLY
    referral.visitor.save()
    response = _send(advisor_client, referral)
    assert response.status_code == 200 and not mail.outbox
    assert "keine E-Mail-Adresse" in response.content.decode()


def test_an_unreachable_mail_server_gives_a_message_not_an_error_page(advisor_client, referral, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    response = _send(advisor_client, referral)
    assert response.status_code == 200
    assert "konnte nicht gesendet werden" in response.content.decode()
    assert not referral.events.exists()


def test_sending_is_a_post(advisor_client, referral):
    assert advisor_client.get(reverse("referrals:referral-ics-send", kwargs={"pk": referral.pk})).status_code == 405


def test_another_organisations_referral_cannot_be_sent(referral, other_org_advisor):
    from tests.conftest import _logged_in

    response = _logged_in(other_org_advisor).post(reverse("referrals:referral-ics-send", kwargs={"pk": referral.pk}))
    assert response.status_code == 404 and not mail.outbox


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
