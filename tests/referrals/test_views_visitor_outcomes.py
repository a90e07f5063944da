import pytest
from django.urls import reverse

from referrals.models import ReferralOutcome, ReferralStatus
from tests.factories import OfficeFactory, ReferralFactory, VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit():
    return VisitFactory(visitor__name="Olena Koval")


@pytest.fixture
def open_referrals(visit, advisor):
    jobcenter = ReferralFactory(visitor=visit.visitor, visit=visit, created_by=advisor, office=OfficeFactory(name="Jobcenter Mitte"))
    wohngeld = ReferralFactory(
        visitor=visit.visitor, visit=visit, created_by=advisor, benefit="wohngeld", office=OfficeFactory(name="Wohngeldstelle")
    )
    return jobcenter, wohngeld


def _url(visit):
    return reverse("referrals:visitor-outcomes", kwargs={"code": visit.visitor.code})


def test_the_form_asks_about_every_open_referral_only(advisor_client, advisor, visit, open_referrals):
    ReferralFactory(visitor=visit.visitor, created_by=advisor, status=ReferralStatus.GRANTED, office=OfficeFactory(name="Familienkasse"))
    page = advisor_client.get(_url(visit)).content.decode()
    assert "Jobcenter Mitte" in page and "Wohngeldstelle" in page
    assert "Familienkasse" not in page


def test_the_visitor_page_links_to_the_form(advisor_client, visit, open_referrals):
    page = advisor_client.get(visit.visitor.get_absolute_url()).content.decode()
    assert _url(visit) in page


def test_one_submit_records_every_answered_referral(advisor_client, visit, open_referrals):
    jobcenter, wohngeld = open_referrals
    response = advisor_client.post(
        _url(visit),
        {
            f"referral-{jobcenter.pk}-answer": "applied",
            f"referral-{wohngeld.pk}-answer": "did_nothing",
            f"referral-{wohngeld.pk}-reason": "forms",
            "source": "next_visit",
        },
        follow=True,
    )
    assert "Die Ergebnisse von 2 Weitervermittlungen wurden festgehalten." in response.content.decode()
    jobcenter.refresh_from_db()
    wohngeld.refresh_from_db()
    assert jobcenter.status == ReferralStatus.APPLIED
    assert (wohngeld.status, wohngeld.closed_reason) == (ReferralStatus.CLOSED, "forms")
    assert {o.source for o in ReferralOutcome.objects.all()} == {"next_visit"}


def test_a_row_left_at_not_asked_records_nothing_for_it(advisor_client, visit, open_referrals):
    jobcenter, wohngeld = open_referrals
    advisor_client.post(_url(visit), {f"referral-{jobcenter.pk}-answer": "applied", "source": "call_back"})
    assert list(ReferralOutcome.objects.values_list("referral", flat=True)) == [jobcenter.pk]


def test_a_refused_row_is_shown_at_that_row_and_nothing_is_saved(advisor_client, visit, open_referrals):
    jobcenter, wohngeld = open_referrals
    response = advisor_client.post(
        _url(visit), {f"referral-{jobcenter.pk}-answer": "applied", f"referral-{wohngeld.pk}-answer": "tried_failed", "source": "call_back"}
    )
    assert response.status_code == 400
    assert not ReferralOutcome.objects.exists()
    rows = {row.referral.pk: row for row in response.context["rows"]}
    assert rows[wohngeld.pk].errors["reason"] and not rows[jobcenter.pk].errors
    page = response.content.decode()
    wohngeld_row = page[page.index(f'id="row-{wohngeld.pk}"') :]
    assert "Bitte erfassen Sie den Grund" in wohngeld_row.split("</fieldset>")[0]


def test_no_answer_at_all_is_told(advisor_client, visit, open_referrals):
    response = advisor_client.post(_url(visit), {"source": "call_back"})
    assert response.status_code == 400
    assert "mindestens eine Weitervermittlung" in response.content.decode()


def test_an_answer_not_offered_is_refused_at_the_row(advisor_client, visit, open_referrals):
    jobcenter, _ = open_referrals
    response = advisor_client.post(_url(visit), {f"referral-{jobcenter.pk}-answer": "won_the_lottery", "source": "call_back"})
    assert response.status_code == 400 and not ReferralOutcome.objects.exists()


def test_another_organisations_visitor_is_not_found(visit, open_referrals, other_org_advisor):
    from tests.conftest import _logged_in

    assert _logged_in(other_org_advisor).get(_url(visit)).status_code == 404
