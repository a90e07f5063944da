"""Saved runs: reopen, copy ("what if?"), compare, print; organisations stay apart."""

import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from infopoint.lib.money import format_money
from screening.models import ScreeningRun
from screening.services import screening_run_create
from tests.screening.conftest import household_post

pytestmark = pytest.mark.django_db

HOUSEHOLD = {
    "as_of": "2026-03-01",
    "members": [
        {"id": "p1", "relation": "self", "age": 34, "incomes": [{"kind": "employment", "gross": "1800.00"}]},
        {"id": "p2", "relation": "child", "age": 6},
        {"id": "p3", "relation": "child", "age": 9},
    ],
    "housing": {"rent_cold": "750.00", "service_charges": "150.00", "heating": "90.00"},
}


@pytest.fixture
def run(advisor):
    from referrals.models import OfficeKind
    from tests.factories import OfficeFactory

    OfficeFactory(name="Familienkasse Baden-Württemberg", kind=OfficeKind.FAMILIENKASSE, street="Nordbahnhofstraße 30–34", postcode="70191")
    OfficeFactory(name="Wohngeldstelle Stuttgart", kind=OfficeKind.WOHNGELDSTELLE)
    return screening_run_create(household=HOUSEHOLD, actor=advisor)


def test_copying_a_run_prefills_the_form(advisor_client, run):
    response = advisor_client.get(reverse("screening:new") + f"?from={run.pk}")
    content = response.content.decode()
    assert 'value="750,00"' in content  # amounts in the page's locale (German)
    assert 'id="f-m2-age"' in content and 'value="9"' in content
    assert f'name="copied_from" value="{run.pk}"' in content
    assert response.context["view"] is not None  # the result is shown straight away


def test_what_if_the_rent_were_higher_and_the_comparison(advisor_client, run):
    data = household_post(action="save", copied_from=str(run.pk), **{"housing-rent_cold": "900"})
    response = advisor_client.post(reverse("screening:new"), data)
    copy = ScreeningRun.objects.exclude(pk=run.pk).get()
    assert copy.copied_from == run
    compare = advisor_client.get(reverse("screening:run-compare", kwargs={"pk": copy.pk}))
    assert compare.status_code == 200
    changes = dict((field, (before, after)) for field, before, after in compare.context["changes"])
    assert changes["Kaltmiete"] == ("750,00 €", "900,00 €")  # in the page's language
    rows = {row["label"]: row for row in compare.context["rows"]}
    assert any(row["changed"] for row in rows.values())
    assert response.status_code == 302


def test_a_run_without_a_predecessor_has_nothing_to_compare(advisor_client, run):
    assert advisor_client.get(reverse("screening:run-compare", kwargs={"pk": run.pk})).status_code == 404


def test_advisors_of_the_other_organisation_cannot_open_a_run(other_org_advisor, run):
    client = Client(raise_request_exception=False)
    client.force_login(other_org_advisor)
    assert client.get(reverse("screening:run-detail", kwargs={"pk": run.pk})).status_code == 404
    assert client.get(reverse("screening:new") + f"?from={run.pk}").status_code == 404


@pytest.mark.parametrize(("language", "expected"), [("ar", "تقييمكم"), ("uk", "Ваша попередня оцінка")])
def test_the_printout_is_german_and_the_visitors_language(advisor_client, run, tmp_path, language, expected):
    response = advisor_client.get(reverse("screening:run-print", kwargs={"pk": run.pk}) + f"?lang={language}")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "unverbindliche Ersteinschätzung" in text
    assert "Kinderzuschlag" in text
    # The amounts printed are those of the route (here Kinderzuschlag with the UVG counted).
    kiz = next(claim for claim in run.result["route"]["claims"] if claim["program"] == "kiz")
    assert format_money(kiz["monthly_amount"], "de") in text
    assert "Familienkasse" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    if language == "ar":
        # The Arabic part is set in an Arabic font, not in boxes for missing glyphs.
        assert "Arabic" in fonts.replace("-", "")
    # pdftotext splits Arabic lam-alef ligatures, so the check uses a word without one.
    assert expected in text
    assert text.count("\x0c") >= 2  # German page(s), then the visitor's language
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "2", "-l", "2", str(pdf), str(png)], check=True)
    assert list(tmp_path.glob("page*.png"))


def test_no_amount_is_printed_for_unlikely_programmes(advisor_client, advisor):
    rich = dict(HOUSEHOLD, members=[{"id": "p1", "relation": "self", "age": 40, "incomes": [{"kind": "employment", "gross": "9000.00"}]}])
    run = screening_run_create(household=rich, actor=advisor)
    response = advisor_client.get(reverse("screening:run-print", kwargs={"pk": run.pk}) + "?lang=de")
    context = response.context if response.context else None
    assert response.status_code == 200
    assert context is None or not any(b["amount"] for b in context.get("benefits", []))


def test_a_check_started_from_a_contact_is_saved_with_it(advisor_client, advisor):
    from tests import factories

    visit = factories.VisitFactory()
    page = advisor_client.get(reverse("screening:new") + f"?visit={visit.pk}")
    assert f'name="visit" value="{visit.pk}"' in page.content.decode()
    advisor_client.post(reverse("screening:new"), household_post(action="save", visit=str(visit.pk)))
    assert ScreeningRun.objects.get().visit == visit


def test_a_contact_of_the_other_organisation_cannot_be_used(other_org_advisor):
    from tests import factories

    visit = factories.VisitFactory()  # Jobcenter
    client = Client(raise_request_exception=False)
    client.force_login(other_org_advisor)
    assert client.get(reverse("screening:new") + f"?visit={visit.pk}").status_code == 404


def test_copying_keeps_transfer_amounts_ability_to_work_and_the_date(advisor_client, advisor):
    household = {
        "as_of": "2025-06-01",
        "members": [
            {"id": "p1", "relation": "self", "age": 50, "able_to_work": False, "incomes": [{"kind": "alg1", "amount": "900.00"}, {"kind": "self_employment", "profit": "300.00"}]},
        ],
        "housing": {"rent_cold": "500.00"},
    }
    run = screening_run_create(household=household, actor=advisor)
    response = advisor_client.get(reverse("screening:new") + f"?from={run.pk}")
    values = response.context["form"].flat_values()
    assert values["m0-i0-gross"] == "900,00" and values["m0-i1-gross"] == "300,00"  # the page's locale (German)
    assert values["m0-able_to_work"] == "no"
    assert values["as_of"] == "2025-06-01"


def test_opening_a_saved_run_for_copying_is_logged(advisor_client, run):
    from auditlog.models import LogEntry

    advisor_client.get(reverse("screening:new") + f"?from={run.pk}")
    assert LogEntry.objects.get_for_object(run).filter(action=LogEntry.Action.ACCESS).exists()


def test_a_run_for_a_contact_belongs_to_the_contacts_organisation(admin_client_, other_org_advisor):
    from tests import factories

    visit = factories.VisitFactory()  # a Jobcenter contact; the administrator is from the Jobcenter too
    visit.organisation = "sozialamt"
    visit.save()
    admin_client_.post(reverse("screening:new"), household_post(action="save", visit=str(visit.pk)))
    run = ScreeningRun.objects.get()
    assert run.organisation == "sozialamt"
    client = Client()
    client.force_login(other_org_advisor)  # Sozialamt
    assert client.get(run.get_absolute_url()).status_code == 200


def test_the_printout_gives_amounts_only_for_what_to_claim(run):
    from screening.printout import printout_context

    context = printout_context(run, "de")
    claim = run.result["priority"]["claim"]
    assert [b["key"] for b in context["benefits"]] == [k for k in claim if run.result["programs"][k]["status"] in ("likely", "possible")]
    assert "sgb2" in context["instead_of"]
    assert all(b["key"] != "sgb2" for b in context["benefits"])


def test_the_list_of_saved_checks(advisor_client, run):
    response = advisor_client.get(reverse("screening:run-list"))
    assert response.status_code == 200
    assert run.get_absolute_url() in response.content.decode()


def test_the_office_shown_is_the_one_for_the_visitors_district(advisor_client, advisor):
    from infopoint.lib.stuttgart import District
    from referrals.models import Benefit, OfficeKind
    from screening.printout import printout_context
    from tests.factories import OfficeFactory, VisitFactory

    OfficeFactory(name="Wohngeldstelle Stuttgart", kind=OfficeKind.WOHNGELDSTELLE, benefits=[Benefit.WOHNGELD])
    OfficeFactory(name="Wohngeldstelle Vaihingen", kind=OfficeKind.WOHNGELDSTELLE, benefits=[Benefit.WOHNGELD], districts=[District.VAIHINGEN])
    visit = VisitFactory(visitor__district=District.VAIHINGEN)
    run = screening_run_create(household=HOUSEHOLD, actor=advisor, visit=visit)
    page = advisor_client.get(run.get_absolute_url()).content.decode()
    assert "Wohngeldstelle Vaihingen" in page and "Wohngeldstelle Stuttgart" not in page
    offices = [step["office"].name for step in printout_context(run, "de")["order"] if step["office"]]
    assert "Wohngeldstelle Vaihingen" in offices
