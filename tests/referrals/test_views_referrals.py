from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from infopoint.lib.stuttgart import District
from referrals.models import Benefit, OfficeKind, Referral, ReferralStatus
from tests.factories import OfficeFactory, ReferralFactory, VisitFactory
from tests.query_counts import queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit_in_cannstatt():
    return VisitFactory(visitor__district=District.BAD_CANNSTATT, visitor__name="Frau Yılmaz")


def test_the_form_proposes_the_office_for_the_district_and_benefit(advisor_client, visit_in_cannstatt):
    OfficeFactory(name="Jobcenter Stuttgart", benefits=[Benefit.SGB2])
    cannstatt = OfficeFactory(name="Jobcenter Bad Cannstatt", benefits=[Benefit.SGB2], districts=[District.BAD_CANNSTATT], street="Marktstraße 1")
    response = advisor_client.get(reverse("referrals:referral-new", kwargs={"visit": visit_in_cannstatt.pk}) + "?benefit=sgb2")
    form = response.context["form"]
    assert form["office"].value() == cannstatt.pk
    assert "Marktstraße 1" in form["appointment_place"].value()
    assert "Jobcenter Bad Cannstatt" in response.content.decode()


def test_saving_a_referral_leads_to_its_page(advisor_client, visit_in_cannstatt):
    office = OfficeFactory(name="Sozialamt Stuttgart", kind=OfficeKind.SOZIALAMT, benefits=[Benefit.SGB12])
    response = advisor_client.post(
        reverse("referrals:referral-new", kwargs={"visit": visit_in_cannstatt.pk}),
        {"benefit": "sgb12", "office": office.pk, "urgency": "normal", "visitor_books_themselves": "on"},
    )
    referral = Referral.objects.get()
    assert response["Location"] == reverse("referrals:referral-detail", kwargs={"pk": referral.pk})
    page = advisor_client.get(response["Location"]).content.decode()
    assert "Frau Yılmaz" in page and "Sozialamt Stuttgart" in page
    assert referral.visit == visit_in_cannstatt and referral.status == ReferralStatus.PLANNED


def test_data_without_consent_is_refused_at_the_consent_field(advisor_client, visit_in_cannstatt):
    office = OfficeFactory()
    response = advisor_client.post(
        reverse("referrals:referral-new", kwargs={"visit": visit_in_cannstatt.pk}),
        {"benefit": "sgb2", "office": office.pk, "urgency": "normal", "shared_fields": ["name", "contact"]},
    )
    assert response.status_code == 400
    assert "consent_on" in response.context["form"].errors
    assert not Referral.objects.exists()


def test_a_wrong_status_step_is_told_on_the_page(advisor_client, advisor):
    referral = ReferralFactory(created_by=advisor)
    response = advisor_client.post(reverse("referrals:referral-move", kwargs={"pk": referral.pk}), {"to": "granted"})
    assert response.status_code == 400
    assert "to" in response.context["move_form"].errors
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PLANNED


def test_closing_without_a_reason_is_told_at_the_reason_field(advisor_client, advisor):
    referral = ReferralFactory(created_by=advisor)
    response = advisor_client.post(reverse("referrals:referral-move", kwargs={"pk": referral.pk}), {"to": "closed"})
    assert response.status_code == 400
    assert "closed_reason" in response.context["move_form"].errors


def test_making_the_appointment_and_the_history_shows_who(advisor_client, advisor):
    referral = ReferralFactory(created_by=advisor)
    when = (timezone.localtime() + timedelta(days=2)).replace(hour=9, minute=30)
    response = advisor_client.post(
        reverse("referrals:referral-move", kwargs={"pk": referral.pk}), {"to": "appointment_made", "appointment_at": when.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.APPOINTMENT_MADE
    assert timezone.localtime(referral.appointment_at).strftime("%H:%M") == "09:30"
    page = advisor_client.get(reverse("referrals:referral-detail", kwargs={"pk": referral.pk})).content.decode()
    assert advisor.get_username() in page or advisor.get_full_name() in page


def test_the_follow_up_list_marks_overdue_referrals(advisor_client, advisor):
    ReferralFactory(created_by=advisor, status=ReferralStatus.APPOINTMENT_MADE, appointment_at=timezone.now() - timedelta(days=1), visitor__name="Herr Overdue")
    response = advisor_client.get(reverse("referrals:follow-up-list"))
    page = response.content.decode()
    assert "Herr Overdue" in page
    assert response.context["page"].object_list[0].overdue


def test_advisors_of_the_other_organisation_see_only_referrals_they_made(advisor, other_org_advisor):
    theirs = ReferralFactory(created_by=advisor, organisation="jobcenter")
    own = ReferralFactory(created_by=other_org_advisor, organisation="jobcenter")  # to the other organisation's office
    client = Client(raise_request_exception=False)
    client.force_login(other_org_advisor)
    assert client.get(reverse("referrals:referral-detail", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.get(reverse("referrals:referral-detail", kwargs={"pk": own.pk})).status_code == 200


def test_the_visitor_page_lists_referrals_and_offers_a_new_one(advisor_client, advisor, visit_in_cannstatt):
    ReferralFactory(visitor=visit_in_cannstatt.visitor, created_by=advisor, office__name="Wohngeldstelle Stuttgart", benefit="wohngeld")
    page = advisor_client.get(visit_in_cannstatt.visitor.get_absolute_url()).content.decode()
    assert "Wohngeldstelle Stuttgart" in page
    assert reverse("referrals:referral-new", kwargs={"visit": visit_in_cannstatt.pk}) in page


def test_the_data_to_hand_over_can_be_ticked_and_is_saved_with_the_consent(advisor_client, visit_in_cannstatt):
    office = OfficeFactory()
    url = reverse("referrals:referral-new", kwargs={"visit": visit_in_cannstatt.pk})
    page = advisor_client.get(url).content.decode()
    assert 'name="shared_fields" value="contact"' in page
    advisor_client.post(
        url,
        {"benefit": "sgb2", "office": office.pk, "urgency": "normal", "shared_fields": ["name", "contact"], "consent_on": timezone.localdate().isoformat()},
    )
    assert Referral.objects.get().shared_fields == ["name", "contact"]


def test_from_a_saved_check_one_click_leads_to_a_prefilled_referral(advisor_client, advisor, visit_in_cannstatt):
    from screening.services import screening_run_create
    from tests.screening.test_views_runs import HOUSEHOLD

    wohngeldstelle = OfficeFactory(name="Wohngeldstelle Stuttgart", kind=OfficeKind.WOHNGELDSTELLE, benefits=[Benefit.WOHNGELD])
    run = screening_run_create(household=HOUSEHOLD, actor=advisor, visit=visit_in_cannstatt)
    page = advisor_client.get(run.get_absolute_url()).content.decode()
    link = reverse("referrals:referral-new", kwargs={"visit": visit_in_cannstatt.pk}) + f"?benefit=wohngeld&amp;run={run.pk}"
    assert link in page
    form_page = advisor_client.get(link.replace("&amp;", "&"))
    assert form_page.context["form"]["office"].value() == wohngeldstelle.pk
    assert f'name="run" value="{run.pk}"' in form_page.content.decode()
    advisor_client.post(
        reverse("referrals:referral-new", kwargs={"visit": visit_in_cannstatt.pk}),
        {"benefit": "wohngeld", "office": wohngeldstelle.pk, "urgency": "normal", "run": str(run.pk)},
    )
    assert Referral.objects.get().screening_run == run


def test_a_check_of_another_contact_is_not_attached(advisor_client, advisor, visit_in_cannstatt):
    from screening.services import screening_run_create
    from tests.screening.test_views_runs import HOUSEHOLD

    other_run = screening_run_create(household=HOUSEHOLD, actor=advisor, visit=VisitFactory())
    advisor_client.post(
        reverse("referrals:referral-new", kwargs={"visit": visit_in_cannstatt.pk}),
        {"benefit": "sgb2", "office": OfficeFactory().pk, "urgency": "normal", "run": str(other_run.pk)},
    )
    assert Referral.objects.get().screening_run is None


def test_the_outcome_question_without_a_reason_is_told_at_the_reason_field(advisor_client, advisor):
    referral = ReferralFactory(created_by=advisor)
    url = reverse("referrals:referral-outcome", kwargs={"pk": referral.pk})
    response = advisor_client.post(url, {"answer": "did_nothing", "source": "call_back"})
    assert response.status_code == 400
    assert "reason" in response.context["outcome_form"].errors
    response = advisor_client.post(url, {"answer": "did_nothing", "reason": "distrust", "source": "call_back"}, follow=True)
    assert "Misstrauen" in response.content.decode() or "distrust" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED


def test_the_follow_up_list_needs_as_many_queries_for_60_open_referrals_as_for_3(advisor_client, advisor):
    for _ in range(3):
        ReferralFactory(created_by=advisor)
    few = queries_of(advisor_client, reverse("referrals:follow-up-list"))
    for _ in range(57):
        ReferralFactory(created_by=advisor)
    many = queries_of(advisor_client, reverse("referrals:follow-up-list"))
    # Session, user with roles, count, the page's ids, the page's referrals.
    assert len(many) == len(few) <= 5
    page = advisor_client.get(reverse("referrals:follow-up-list")).context["page"]
    assert (page.paginator.count, len(page.object_list)) == (60, 50)
