"""Outcomes and the calendar e-mail sent twice (double click, reload, resend) record once (security.md I5)."""

import re
import uuid
from datetime import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from intake.models import ConsentScope
from referrals import services
from referrals.models import ReferralEvent, ReferralOutcome, ReferralStatus, outcome_row_token
from tests.concurrency import at_the_same_time
from tests.factories import OfficeFactory, ReferralFactory, VisitFactory

BERLIN = timezone.get_default_timezone()


def _token_of(page: str, action: str | None = None) -> str:
    form = page[page.index(f'action="{action}"'):] if action else page
    return re.search(r'name="token" value="([0-9a-f-]{36})"', form).group(1)


def _outcome_url(referral):
    return reverse("referrals:referral-outcome", kwargs={"pk": referral.pk})


def _detail(client, referral) -> str:
    return client.get(reverse("referrals:referral-detail", kwargs={"pk": referral.pk})).content.decode()


@pytest.mark.django_db
def test_an_outcome_sent_twice_is_stored_once_and_both_answers_lead_to_the_referral(advisor_client, advisor):
    referral = ReferralFactory(created_by=advisor)
    token = _token_of(_detail(advisor_client, referral), _outcome_url(referral))
    data = {"answer": "did_nothing", "reason": "distrust", "source": "call_back", "token": token}
    first = advisor_client.post(_outcome_url(referral), data)
    second = advisor_client.post(_outcome_url(referral), data, follow=True)
    assert first.status_code == 302 and second.redirect_chain[-1][0] == first["Location"]
    assert ReferralOutcome.objects.filter(referral=referral).count() == 1
    assert "Das Ergebnis wurde erfasst." in second.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED


@pytest.mark.django_db
def test_every_detail_page_gets_new_tokens_and_a_refused_outcome_keeps_its_token(advisor_client, advisor):
    referral = ReferralFactory(created_by=advisor)
    tokens = {_token_of(_detail(advisor_client, referral), _outcome_url(referral)) for _ in range(3)}
    assert len(tokens) == 3
    token = tokens.pop()
    refused = advisor_client.post(_outcome_url(referral), {"answer": "did_nothing", "source": "call_back", "token": token})
    assert refused.status_code == 400
    assert _token_of(refused.content.decode(), _outcome_url(referral)) == token
    advisor_client.post(_outcome_url(referral), {"answer": "did_nothing", "reason": "distrust", "source": "call_back", "token": token})
    assert ReferralOutcome.objects.get(referral=referral).form_token == uuid.UUID(token)


@pytest.mark.django_db
def test_two_outcome_forms_record_two_outcomes_and_no_token_still_records(advisor_client, advisor):
    referral = ReferralFactory(created_by=advisor)
    for _ in range(2):
        token = _token_of(_detail(advisor_client, referral), _outcome_url(referral))
        advisor_client.post(_outcome_url(referral), {"answer": "tried_failed", "reason": "distrust", "source": "call_back", "token": token})
    advisor_client.post(_outcome_url(referral), {"answer": "tried_failed", "reason": "distrust", "source": "call_back", "token": "garbled"})
    assert ReferralOutcome.objects.filter(referral=referral).count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_of_one_outcome_store_one(advisor):
    referral = ReferralFactory(created_by=advisor)
    token = uuid.uuid4()
    results = at_the_same_time(
        lambda: services.referral_outcome_record(
            referral=referral, actor=advisor, answer="applied", source="call_back", token=token
        ).pk
    )
    assert len(set(results)) == 1
    assert ReferralOutcome.objects.filter(referral=referral).count() == 1
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.APPLIED


@pytest.fixture
def open_referrals(advisor):
    visit = VisitFactory(visitor__name="Olena Koval")
    jobcenter = ReferralFactory(visitor=visit.visitor, visit=visit, created_by=advisor, office=OfficeFactory(name="Jobcenter Mitte"))
    wohngeld = ReferralFactory(
        visitor=visit.visitor, visit=visit, created_by=advisor, benefit="wohngeld", office=OfficeFactory(name="Wohngeldstelle")
    )
    return jobcenter, wohngeld


def _group_url(referral):
    return reverse("referrals:visitor-outcomes", kwargs={"code": referral.visitor.code})


@pytest.mark.django_db
def test_the_group_form_sent_twice_records_each_answer_once_and_both_lead_to_the_visitor(advisor_client, open_referrals):
    jobcenter, wohngeld = open_referrals
    token = _token_of(advisor_client.get(_group_url(jobcenter)).content.decode())
    data = {
        f"referral-{jobcenter.pk}-answer": "applied",
        f"referral-{wohngeld.pk}-answer": "did_nothing",
        f"referral-{wohngeld.pk}-reason": "distrust",
        "source": "next_visit",
        "token": token,
    }
    first = advisor_client.post(_group_url(jobcenter), data)
    # Both referrals are finished now and no longer in the form: the resend still finds its answers.
    second = advisor_client.post(_group_url(jobcenter), data, follow=True)
    assert first.status_code == 302 and second.redirect_chain[-1][0] == first["Location"]
    assert ReferralOutcome.objects.count() == 2
    assert "Die Ergebnisse von 2 Weitervermittlungen wurden festgehalten." in second.content.decode()
    assert set(ReferralOutcome.objects.values_list("form_token", flat=True)) == {
        outcome_row_token(token, jobcenter.pk),
        outcome_row_token(token, wohngeld.pk),
    }


@pytest.mark.django_db
def test_a_group_answer_that_keeps_the_referral_open_is_not_recorded_twice(advisor_client, open_referrals):
    jobcenter, _wohngeld = open_referrals
    token = _token_of(advisor_client.get(_group_url(jobcenter)).content.decode())
    data = {f"referral-{jobcenter.pk}-answer": "tried_failed", f"referral-{jobcenter.pk}-reason": "distrust", "source": "call_back", "token": token}
    for _ in range(2):
        assert advisor_client.post(_group_url(jobcenter), data).status_code == 302
    assert ReferralOutcome.objects.filter(referral=jobcenter).count() == 1


@pytest.mark.django_db
def test_a_new_group_form_records_again_and_every_page_gets_a_new_token(advisor_client, open_referrals):
    jobcenter, _wohngeld = open_referrals
    tokens = [_token_of(advisor_client.get(_group_url(jobcenter)).content.decode()) for _ in range(2)]
    assert tokens[0] != tokens[1]
    for token in tokens:
        advisor_client.post(
            _group_url(jobcenter),
            {f"referral-{jobcenter.pk}-answer": "tried_failed", f"referral-{jobcenter.pk}-reason": "distrust", "source": "call_back", "token": token},
        )
    assert ReferralOutcome.objects.filter(referral=jobcenter).count() == 2


@pytest.mark.django_db
def test_a_refused_group_form_is_shown_again_with_its_token(advisor_client, open_referrals):
    jobcenter, _wohngeld = open_referrals
    token = _token_of(advisor_client.get(_group_url(jobcenter)).content.decode())
    refused = advisor_client.post(_group_url(jobcenter), {f"referral-{jobcenter.pk}-answer": "did_nothing", "source": "call_back", "token": token})
    assert refused.status_code == 400
    assert _token_of(refused.content.decode()) == token
    assert not ReferralOutcome.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_of_one_group_form_store_each_answer_once(advisor, open_referrals):
    jobcenter, wohngeld = open_referrals
    token = uuid.uuid4()
    answers = [(jobcenter, "applied", ""), (wohngeld, "did_nothing", "distrust")]
    results = at_the_same_time(
        lambda: sorted(
            outcome.pk
            for outcome in services.referral_outcomes_record(answers=answers, source="call_back", actor=advisor, token=token)
        )
    )
    assert results[0] == results[1]
    assert ReferralOutcome.objects.count() == 2


@pytest.fixture
def referral_with_appointment(advisor):
    visit = VisitFactory(visitor__contact="karim@example.org", visitor__consent_scope=ConsentScope.CALLBACK)
    return ReferralFactory(visitor=visit.visitor, visit=visit, created_by=advisor, appointment_at=datetime(2026, 12, 3, 9, 30, tzinfo=BERLIN))


def _send_url(referral):
    return reverse("referrals:referral-ics-send", kwargs={"pk": referral.pk})


@pytest.mark.django_db(transaction=True)
def test_the_calendar_e_mail_sent_twice_leaves_once_and_both_show_the_confirmation(advisor_client, referral_with_appointment):
    referral = referral_with_appointment
    token = _token_of(_detail(advisor_client, referral), _send_url(referral))
    first = advisor_client.post(_send_url(referral), {"token": token}, follow=True)
    second = advisor_client.post(_send_url(referral), {"token": token}, follow=True)
    assert len(mail.outbox) == 1
    assert ReferralEvent.objects.filter(referral=referral).count() == 1
    for response in (first, second):
        assert "Die Kalenderdatei wurde per E-Mail an die besuchende Person gesendet." in response.content.decode()
    assert _token_of(_detail(advisor_client, referral), _send_url(referral)) != token


@pytest.mark.django_db(transaction=True)
def test_a_new_calendar_form_sends_again(advisor_client, referral_with_appointment):
    referral = referral_with_appointment
    for _ in range(2):
        advisor_client.post(_send_url(referral), {"token": _token_of(_detail(advisor_client, referral), _send_url(referral))})
    assert len(mail.outbox) == 2
    assert ReferralEvent.objects.filter(referral=referral).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_calendar_sends_of_one_form_send_one_mail(advisor, referral_with_appointment):
    token = uuid.uuid4()
    results = at_the_same_time(
        lambda: services.referral_calendar_send(
            referral=referral_with_appointment, actor=advisor, host="testserver", token=token
        ).pk,
        atomic=False,
    )
    assert len(set(results)) == 1
    assert len(mail.outbox) == 1
    assert ReferralEvent.objects.count() == 1
