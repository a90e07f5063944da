"""Bills and debts at the counter (issue 19, UI part): the form's rows into the contract's
``housing.one_off_costs`` and ``debts``, messages at the field, the result box with the
one-month claim above the route and the loans, the printout (de + ar), and results without
these keys (today's engine, checks saved earlier) unchanged."""

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
from screening.presentation import bills_view
from screening.printout import printout_context
from screening.rules import evaluate_json
from screening.services import screening_run_create
from tests.screening.conftest import household_post

HTMX = {"HTTP_HX_REQUEST": "true"}
TODAY = date(2026, 12, 7)
def post(**overrides) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in household_post(as_of="2026-12-07", **overrides).items():
        query[key] = value
    return query


BILL = {"bill0-kind": "heating_backpayment", "bill0-amount": "1.000,00", "bill0-due": "2026-12-15"}
DEBT = {"debt0-kind": "electricity", "debt0-amount": "900", "debt0-threat": "disconnection_notice"}


def contract(form):
    """The contract dict as built before the engine's own validation (``form.data`` needs the engine)."""
    from screening.form_contract import bills_to_contract, to_contract

    form.errors.clear()  # from_post already ran the engine, which may refuse the new keys today
    data = to_contract(form, TODAY)
    bills_to_contract(form, data)
    return data


def parsed(**overrides):
    form = forms.from_post(post(**overrides), TODAY)
    return form, contract(forms.from_post(post(**overrides), TODAY))


# --- the form's rows into contract JSON --------------------------------------------------


def test_without_bills_the_input_has_no_new_keys():
    form, data = parsed(**{"bill0-kind": "", "bill0-amount": "", "bill0-due": "", "debt0-kind": "", "debt0-amount": "", "debt0-threat": "none"})
    assert form.is_valid and form.errors == {}
    assert "one_off_costs" not in data["housing"] and "debts" not in data
    assert "one_off_costs" not in form.data["housing"] and "debts" not in form.data
    assert not form.bills_open


def test_a_bill_and_a_debt_become_contract_rows():
    form, data = parsed(**BILL, **DEBT)
    assert data["housing"]["one_off_costs"] == [{"kind": "heating_backpayment", "amount": "1000.00", "due": "2026-12-15"}]
    assert data["debts"] == [{"kind": "electricity", "amount": "900.00", "threat": "disconnection_notice"}]
    assert form.bills_open


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({**BILL, "bill0-due": "2023-12-31"}, "bill0-due", "2024"),
        ({**BILL, "bill0-due": "2027-12-08"}, "bill0-due", "12 months"),
        ({**BILL, "bill0-due": ""}, "bill0-due", "date"),
        ({**BILL, "bill0-amount": "-5"}, "bill0-amount", ""),
        ({**BILL, "bill0-amount": "0"}, "bill0-amount", "above 0"),
        ({**BILL, "bill0-amount": "100.000,01"}, "bill0-amount", "implausibly high"),
        ({**BILL, "bill0-amount": "viel"}, "bill0-amount", "amount in euro"),
        ({**BILL, "bill0-kind": "fuel"}, "bill0-kind", "what the bill is for"),
        ({**DEBT, "debt0-kind": "", "debt0-amount": "", "debt0-threat": "none"}, None, None),  # an empty debt row is no debt
        ({"debt0-kind": "rent", "debt0-amount": "", "debt0-threat": "eviction_suit"}, "debt0-amount", "amount of the debt"),
        ({**DEBT, "debt0-amount": "250000"}, "debt0-amount", "implausibly high"),
        ({**DEBT, "debt0-threat": "bailiff"}, "debt0-threat", "threatened"),
    ],
)
def test_bad_bills_and_debts_are_told_at_their_field(overrides, field, fragment):
    with translation.override("en"):
        form = forms.from_post(post(**overrides), TODAY)
    if field is None:
        assert "debt0-amount" not in form.errors
        return
    assert field in form.errors, form.errors
    assert fragment.lower() in form.errors[field].lower()
    assert form.data is None
    assert form.bills_open  # the section opens where the message is


def test_the_due_date_limit_follows_the_checks_date():
    ok, _ = parsed(**{**BILL, "bill0-due": "2027-12-07"})
    assert "bill0-due" not in ok.errors


def test_a_debt_without_amount_but_with_a_threat_is_an_error():
    form = forms.from_post(post(**{"debt0-kind": "gas", "debt0-amount": "", "debt0-threat": "disconnected"}), TODAY)
    assert "debt0-amount" in form.errors
    form = forms.from_post(post(**{"debt0-kind": "gas", "debt0-amount": "0", "debt0-threat": "disconnected"}), TODAY)
    assert "debt0-amount" in form.errors


def test_rows_are_added_and_removed():
    form = forms.blank(TODAY)
    assert not form.bills_open
    assert form.apply_row_action(["add_bill"]) and len(form.bills) == 2 and form.bills_open
    assert form.focus == "bill1-kind"
    assert form.apply_row_action(["remove_bill", "0"]) and [r.index for r in form.bills] == [1]
    assert form.apply_row_action(["add_debt"]) and len(form.debts) == 2
    assert not form.apply_row_action(["fly"])


def test_a_saved_input_with_bills_comes_back_into_the_rows():
    form, data = parsed(**BILL, **DEBT)
    again = forms.from_contract(data, TODAY)
    flat = again.flat_values()
    assert flat["bill0-kind"] == "heating_backpayment" and flat["bill0-due"] == "2026-12-15"
    assert flat["debt0-threat"] == "disconnection_notice"
    assert "housing-one_off_costs" not in flat


# --- views -------------------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


@pytest.mark.django_db
def test_the_form_has_the_folded_bills_section(advisor_client):
    content = advisor_client.get(reverse("screening:new")).content.decode()
    assert 'id="bills-heading"' in content
    assert 'name="bill0-amount"' in content and 'name="debt0-threat"' in content
    section = content.split('id="bills-heading"')[0].rsplit("<details", 1)[1]
    assert " open" not in section


@pytest.mark.django_db
def test_adding_a_debt_row_by_htmx_opens_the_section(advisor_client):
    response = advisor_client.post(reverse("screening:new"), {**household_post(), "action": "add_debt", "debt0-kind": "", "debt0-amount": "", "debt0-threat": "none"}, **HTMX)
    content = response.content.decode()
    assert 'name="debt1-kind"' in content
    assert re.search(r'<details class="more" open>\s*<summary id="bills-heading"', content)


@pytest.mark.django_db
def test_the_counter_without_bills_is_unchanged(advisor_client):
    response = advisor_client.post(reverse("screening:calculate"), household_post(), **HTMX)
    assert response.context["bills"] is None
    assert "one-month-claim" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.django_db
def test_a_bill_reaches_the_engine_and_its_one_month_claim_shows_above_the_route(advisor_client):
    response = advisor_client.post(reverse("screening:calculate"), household_post(as_of="2026-12-07", **BILL), **HTMX)
    assert response.context["form"].errors == {}
    page = response.content.decode()
    assert "Dezember 2026" in page and "31.12.2026" in page
    assert page.index("one-month-claim") < page.index("Beantragen Sie, in dieser Reihenfolge")


def fake_bill_result(household=None) -> dict:
    """A real engine result with a one-month claim and a loan added by hand (contract example)."""
    result = copy.deepcopy(evaluate_json(household or forms.from_post(post(), TODAY).data))
    result["one_month_claims"] = [
        {
            "program": "sgb2", "month": "2026-12", "monthly_amount": "784.00", "apply_by": "2026-12-31", "office": "jobcenter",
            "reason": {"code": "one_off_need_exceeds_income", "message": "Die Heizkostennachforderung von 1.000,00 € ist im Dezember 2026 Bedarf.", "citation": "§ 22 Abs. 1 SGB II; § 37 SGB II"},
            "steps": [],
        }
    ]
    result["loans"] = [
        {
            "program": "sgb2_debt_loan", "status": "possible", "office": "jobcenter", "amount": "900.00",
            "kind": "electricity", "threat": "disconnection_notice",
            "reasons": [{"code": "energy_disconnection_threat", "message": "Eine Stromsperre ist angekündigt.", "citation": "§ 22 Abs. 8 SGB II"}],
        }
    ]
    return result


@pytest.fixture
def offices():
    for entry in DEMO_OFFICES:
        Office.objects.create(**entry)


@pytest.mark.django_db
def test_bills_view_reads_the_new_keys_and_ignores_their_absence(offices):
    result = fake_bill_result()
    view = bills_view(result)
    assert [c.key for c in view.claims] == ["sgb2"]
    claim = view.claims[0]
    assert claim.month == date(2026, 12, 1) and claim.apply_by == date(2026, 12, 31) and str(claim.amount) == "784.00"
    assert claim.office.kind == "jobcenter" and claim.office_label == "Jobcenter"
    assert view.loans[0].label.startswith("Loan") or "22 Abs. 8" in view.loans[0].label
    assert {o.kind for o in view.advice} == {"schuldnerberatung", "energy_advice", "tenants_association"}
    del result["one_month_claims"], result["loans"]
    assert bills_view(result) is None
    assert bills_view({**result, "one_month_claims": [], "loans": []}) is None


@pytest.mark.django_db
def test_the_result_box_shows_the_one_month_claim_above_the_route(advisor_client, advisor, offices):
    run = screening_run_create(household=forms.from_post(post(), TODAY).data, actor=advisor)
    type(run).objects.filter(pk=run.pk).update(result=fake_bill_result())
    with translation.override("de"):
        response = advisor_client.get(run.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de")
    content = response.content.decode()
    assert "Für Dezember 2026: Grundsicherungsgeld etwa 784,00" in re.sub(r"<[^>]+>", "", content)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", content))
    assert "Antrag bis 31.12.2026 beim Jobcenter stellen, die Rechnung mitbringen" in text
    assert content.index("one-month-claim") < content.index('class="kern-alert kern-alert--info route"')
    assert "debt-loan" in content and "§ 22 Abs. 8 SGB II" in content
    assert "Mieterverein" in content and "Stromspar-Check" in content


@pytest.mark.django_db
def test_a_check_saved_before_bills_still_opens(advisor_client, advisor, offices):
    run = screening_run_create(household=forms.from_post(post(), TODAY).data, actor=advisor)
    result = dict(run.result)
    result.pop("one_month_claims", None)
    result.pop("loans", None)
    type(run).objects.filter(pk=run.pk).update(result=result)
    response = advisor_client.get(run.get_absolute_url())
    assert response.status_code == 200
    assert "one-month-claim" not in response.content.decode()


def sheet(run, language):
    html = render_to_string("screening/printout.html", {**print_context(), **printout_context(run, language)})
    parts = re.split(r'<section class="print-section" lang="(\w+)"', html)[1:]
    return dict(zip(parts[::2], parts[1::2], strict=True))


@pytest.mark.django_db
def test_the_printout_puts_the_one_month_claim_first_with_the_deadline_in_bold(advisor, offices):
    run = screening_run_create(household=forms.from_post(post(), TODAY).data, actor=advisor)
    run.result = fake_bill_result()
    sections = sheet(run, "ar")
    assert list(sections) == ["de", "ar"]
    de = sections["de"]
    assert de.index("one-month-claim") < de.index('class="order route"')
    assert re.search(r'class="deadline"><strong>[^<]*31\.12\.2026', de)
    assert "Rechnung" in de and "Schuldnerberatung" in de and "debt-advice" in de
    ar = sections["ar"]
    assert "one-month-claim" in ar and "31.12.2026" in ar and "debt-advice" in ar
    # without the keys the sheet has neither part
    run.result = evaluate_json(forms.from_post(post(), TODAY).data)
    assert "one-month-claim" not in sheet(run, "de")["de"]


# --- a referral from a debt, one click from the result -----------------------------------


def rent_loan() -> dict:
    return {
        "program": "sgb12_debt_loan", "status": "possible", "office": "sozialamt", "amount": "1500.00",
        "kind": "rent", "threat": "termination_notice",
        "reasons": [{"code": "rent_arrears_termination_notice", "message": "Die Wohnung ist gekündigt.", "citation": "§ 36 SGB XII"}],
    }  # fmt: skip


@pytest.fixture
def debt_run(advisor, offices):
    from tests.factories import VisitFactory

    run = screening_run_create(household=forms.from_post(post(), TODAY).data, actor=advisor, visit=VisitFactory())
    result = fake_bill_result()
    result["loans"].append(rent_loan())
    type(run).objects.filter(pk=run.pk).update(result=result)
    return run


def loan_buttons(page: str) -> list[tuple[str, str]]:
    return re.findall(r'data-office-kind="(\w+)" href="[^"]*\?benefit=(\w+)&amp;run=\d+&amp;office_kind=\1"', page)


@pytest.mark.django_db
def test_each_loan_offers_debt_advice_and_the_advice_for_its_kind_of_debt(advisor_client, debt_run):
    page = advisor_client.get(debt_run.get_absolute_url()).content.decode()
    assert loan_buttons(page) == [
        ("schuldnerberatung", "sgb2_debt_loan"), ("energy_advice", "sgb2_debt_loan"),
        ("schuldnerberatung", "sgb12_debt_loan"), ("tenants_association", "sgb12_debt_loan"),
    ]  # fmt: skip
    assert f"/visits/{debt_run.visit_id}/" in page or str(debt_run.visit_id) in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("loan", "kind", "benefit"),
    [
        ("sgb2_debt_loan", "schuldnerberatung", "sgb2"),
        ("sgb2_debt_loan", "energy_advice", "sgb2"),
        ("sgb12_debt_loan", "tenants_association", "sgb12"),
    ],
)
def test_the_referral_from_a_debt_proposes_an_office_of_that_kind(advisor_client, debt_run, loan, kind, benefit):
    url = reverse("referrals:referral-new", kwargs={"visit": debt_run.visit_id})
    response = advisor_client.get(f"{url}?benefit={loan}&run={debt_run.pk}&office_kind={kind}")
    assert response.status_code == 200
    office = Office.objects.get(pk=response.context["form"]["office"].value())
    assert office.kind == kind
    assert response.context["proposed"] == office
    assert response.context["form"]["benefit"].value() == benefit


@pytest.mark.django_db
def test_an_unknown_office_kind_is_ignored_and_the_benefits_office_proposed(advisor_client, debt_run):
    url = reverse("referrals:referral-new", kwargs={"visit": debt_run.visit_id})
    response = advisor_client.get(f"{url}?benefit=sgb2&run={debt_run.pk}&office_kind=jugendamt")
    office = Office.objects.get(pk=response.context["form"]["office"].value())
    assert office.kind == "jobcenter"


@pytest.mark.django_db
def test_a_check_without_a_visit_or_without_loans_has_no_debt_buttons(advisor_client, advisor, offices):
    run = screening_run_create(household=forms.from_post(post(), TODAY).data, actor=advisor)
    type(run).objects.filter(pk=run.pk).update(result=fake_bill_result())
    assert "office_kind=" not in advisor_client.get(run.get_absolute_url()).content.decode()  # no contact to refer from
    assert bills_view(evaluate_json(forms.from_post(post(), TODAY).data)) is None


def test_a_loan_offers_the_advice_for_its_kind_of_debt():
    from screening.presentation import Loan

    def loan(kind):
        return Loan("sgb2_debt_loan", "", "possible", "", "info", None, "jobcenter", None, [], kind=kind)

    assert loan("electricity").energy and loan("gas").energy and not loan("electricity").rent
    assert loan("rent").rent and not loan("rent").energy
    assert [kind for kind, _label in loan("other").advice_referrals] == ["schuldnerberatung"]
    assert [kind for kind, _label in loan("heating").advice_referrals] == ["schuldnerberatung", "energy_advice"]


@pytest.mark.django_db
def test_the_engines_own_loan_gets_its_buttons():
    household = forms.from_post(post(), TODAY).data
    household["debts"] = [{"kind": "rent", "amount": "1500.00", "threat": "termination_notice"}]
    view = bills_view(evaluate_json(household))
    assert [kind for kind, _label in view.loans[0].advice_referrals] == ["schuldnerberatung", "tenants_association"]


@pytest.mark.django_db
def test_a_bill_at_the_end_of_the_calendar_gets_an_answer_not_a_500(advisor_client):
    # Found by the form fuzzing: 12 months after 31.12.9999 do not exist.
    data = {"m0-relation": "self", "as_of": "9999-12-31", "bill5-kind": "", "bill5-due": "9999-12-31"}
    assert advisor_client.post(reverse("screening:calculate"), data, **HTMX).status_code in (200, 400)


def test_twelve_months_after_the_last_day_of_the_calendar_is_the_last_day():
    from datetime import date

    from screening.rules.parse import months_later

    assert months_later(date(9999, 12, 31), 12) == date.max
    assert months_later(date(2026, 1, 31), 1) == date(2026, 2, 28)
