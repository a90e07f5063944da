"""Issue 20 at the counter: the Wohngeld draft line below the card, the early-pension question,
reason, referral to the Deutsche Rentenversicherung and the printout block."""

import copy
import re
from datetime import date

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from infopoint.lib.pdf import print_context
from referrals.demo_offices import DEMO_OFFICES
from referrals.models import Office
from screening import forms
from screening.printout import printout_context
from screening.services import screening_run_create
from tests.screening.conftest import household_post

TODAY = date(2027, 1, 15)
HOUSEHOLD = {
    "as_of": "2027-01-15",
    "members": [{"id": "p1", "relation": "self", "age": 64, "incomes": [{"kind": "pension", "pension_type": "survivor", "gross": "700.00"}]}],
    "housing": {"tenure": "rent", "rent_cold": "480.00", "service_charges": "120.00", "heating": "80.00"},
}  # fmt: skip


@pytest.fixture
def offices(db):
    for entry in DEMO_OFFICES:
        Office.objects.create(**entry)


@pytest.fixture
def run(advisor, offices):
    from tests.factories import VisitFactory

    return screening_run_create(household=copy.deepcopy(HOUSEHOLD), actor=advisor, visit=VisitFactory())


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.mark.django_db
def test_the_result_shows_the_draft_line_and_the_pension_referral(advisor_client, run):
    assert run.result["programs"]["wohngeld"]["draft"]["monthly_amount"] == "477.00"
    with translation.override("de"):
        page = advisor_client.get(run.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    text = text_of(page)
    assert "Nach dem Gesetzentwurf für 2027: etwa 477,00 € im Monat ab 15.01.2027." in text
    assert "(BT-Drs. 21/8284)" in text and "Noch kein Gesetz; es gilt der Betrag oben." in text
    assert page.count("program__draft") == 1
    buttons = re.findall(
        r'data-office-kind="rentenversicherung" href="[^"]*\?benefit=rente&amp;run=\d+&amp;office_kind=rentenversicherung"',
        page,
    )
    assert len(buttons) == 1
    assert "Deutsche Rentenversicherung" in text and "Unbilligkeitsverordnung" in text


@pytest.mark.django_db
def test_a_check_saved_before_has_no_draft_line_and_no_pension_button(advisor_client, run):
    result = copy.deepcopy(run.result)
    result["programs"]["wohngeld"].pop("draft")
    result["programs"]["sgb2"]["reasons"] = [
        r for r in result["programs"]["sgb2"]["reasons"] if r["code"] != "early_old_age_pension_required"
    ]
    result.pop("law", None)
    type(run).objects.filter(pk=run.pk).update(result=result)
    page = advisor_client.get(run.get_absolute_url()).content.decode()
    assert "program__draft" not in page and "office_kind=rentenversicherung" not in page


@pytest.mark.django_db
def test_the_referral_proposes_the_rentenversicherung(advisor_client, run):
    url = reverse("referrals:referral-new", kwargs={"visit": run.visit_id})
    response = advisor_client.get(f"{url}?benefit=rente&run={run.pk}&office_kind=rentenversicherung")
    assert response.status_code == 200
    office = Office.objects.get(pk=response.context["form"]["office"].value())
    assert office.kind == "rentenversicherung"
    assert response.context["form"]["benefit"].value() == "rente"


def sheet(run, language):
    html = render_to_string("screening/printout.html", {**print_context(), **printout_context(run, language)})
    parts = re.split(r'<section class="print-section" lang="(\w+)"', html)[1:]
    return dict(zip(parts[::2], parts[1::2], strict=True))


@pytest.mark.django_db
def test_the_printout_explains_the_early_pension_in_german_and_arabic(run):
    sections = sheet(run, "ar")
    de = text_of(sections["de"])
    assert "Altersrente vor dem regulären Rentenalter" in de and "Abschläge" in de
    assert "Deutsche Rentenversicherung Baden-Württemberg" in de
    ar = text_of(sections["ar"])
    assert "معاش الشيخوخة قبل السن القانونية" in ar
    run.result["programs"]["sgb2"]["reasons"] = []
    assert "early-pension" not in sheet(run, "de")["de"]


def _post(**overrides) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in household_post(as_of="2027-01-15", **{"m0-age": "64"}, **overrides).items():
        query[key] = value
    return query


@pytest.mark.parametrize(("answer", "expected"), [("yes", True), ("no", False), ("", None)])
def test_the_question_goes_into_the_contract_and_back(answer, expected):
    form = forms.from_post(_post(**{"m0-can_draw_early_old_age_pension": answer}), TODAY)
    assert form.is_valid, form.errors
    assert form.data["members"][0].get("can_draw_early_old_age_pension") is expected
    again = forms.from_contract(form.data, TODAY)
    assert again.members[0].values.get("can_draw_early_old_age_pension", "") == answer


def test_the_question_is_on_the_form(advisor_client):
    page = advisor_client.get(reverse("screening:new")).content.decode()
    assert 'name="m0-can_draw_early_old_age_pension"' in page
