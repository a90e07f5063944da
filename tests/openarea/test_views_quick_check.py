import pytest
from django.urls import reverse

from intake.models import Visit, Visitor
from openarea.models import KioskUsage, UsageKind
from screening.models import ScreeningRun

pytestmark = pytest.mark.django_db

CARRIED = {
    "a-age": "67+", "a-partner": "no", "a-children": "0", "a-situation": "pension",
    "a-income": "1000-1500", "a-housing": "600-800", "a-bills": "no", "a-savings": "0-5000",
}  # fmt: skip


def counts(kind) -> int:
    return sum(KioskUsage.objects.filter(kind=kind).values_list("count", flat=True))


def test_the_kiosk_check_starts_with_an_explanation(kiosk_client):
    response = kiosk_client.get(reverse("kiosk:check"))
    assert response.status_code == 200
    assert response.context["links"]["check"] == reverse("kiosk:check")
    assert "no-store" in response["Cache-Control"]


def test_starting_the_check_shows_the_first_question_and_counts_a_start(kiosk_client):
    response = kiosk_client.post(reverse("kiosk:check"), {"question": ""})
    assert response.context["step"].question.key == "age"
    assert counts(UsageKind.QUICK_CHECK_STARTED) == 1


def test_each_question_explains_why_it_is_asked(kiosk_client):
    response = kiosk_client.post(reverse("kiosk:check"), {"question": "age", "answer": "67+"})
    page = response.content.decode()
    assert "<details" in page
    assert str(response.context["step"].question.why) in page


def test_the_last_answer_shows_the_result_without_amounts_for_ranges(kiosk_client):
    response = kiosk_client.post(reverse("kiosk:check"), {**CARRIED, "question": "receives"})
    page = response.content.decode()
    assert "Wohngeld" in page
    assert "€ im Monat" not in page and "a month" not in page
    assert reverse("kiosk:advice") in page  # "talk to someone about this"
    assert counts(UsageKind.QUICK_CHECK_COMPLETED) == 1


def test_exact_figures_show_rough_amounts(kiosk_client):
    exact = {**CARRIED, "a-income": "exact:1100.00", "a-housing": "exact:700.00"}
    response = kiosk_client.post(reverse("kiosk:check"), {**exact, "question": "receives"})
    assert response.context["result"].shows_amounts
    assert any(s.amount for s in response.context["result"].suggestions)


def test_nothing_about_the_visitor_is_stored(kiosk_client):
    kiosk_client.post(reverse("kiosk:check"), {**CARRIED, "question": "receives"})
    kiosk_client.post(reverse("kiosk:check-print"), {**CARRIED, "a-receives": "none"})
    assert not ScreeningRun.objects.exists()
    assert not Visitor.objects.exists() and not Visit.objects.exists()
    assert "quick_check" not in kiosk_client.session.keys()
    assert set(KioskUsage.objects.values_list("key", flat=True)) == {"de"}  # only the language


def test_print_shows_the_result_for_printing_and_counts_it(kiosk_client):
    response = kiosk_client.post(reverse("kiosk:check-print"), {**CARRIED, "a-receives": "none"})
    assert response.status_code == 200
    assert "data-autoprint" in response.content.decode()
    assert counts(UsageKind.QUICK_CHECK_PRINTED) == 1


def test_print_without_complete_answers_goes_back_to_the_check(kiosk_client):
    response = kiosk_client.post(reverse("kiosk:check-print"), {"a-age": "67+"})
    assert response.status_code == 302
    assert response["Location"] == reverse("kiosk:check")


def test_the_check_answers_in_the_kiosk_language(kiosk_client):
    kiosk_client.post(reverse("kiosk:set-language"), {"language": "ar"})
    response = kiosk_client.post(reverse("kiosk:check"), {"question": ""})
    assert 'lang="ar" dir="rtl"' in response.content.decode()


def test_the_public_check_works_without_login_and_offers_no_advice_request(anonymous_client):
    url = reverse("info:check", kwargs={"lang": "tr"})
    response = anonymous_client.post(url, {**CARRIED, "question": "receives"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'lang="tr"' in page
    assert "/kiosk/" not in page
    assert not KioskUsage.objects.exists()  # the web is not the kiosk


def test_a_kiosk_cannot_open_the_public_pages(kiosk_client):
    assert kiosk_client.get(reverse("info:check", kwargs={"lang": "de"})).status_code == 404


MOTHER = {
    "a-age": "25-49", "a-partner": "no", "a-children": "2", "a-youngest": "0-5", "a-maintenance": "no",
    "a-situation": "employed", "a-income": "exact:900.00", "a-housing": "exact:890.00", "a-bills": "no", "a-savings": "0-5000",
}  # fmt: skip


def test_the_result_shows_the_route_in_order_with_its_total_and_buergergeld_only_as_instead(kiosk_client):
    import re

    response = kiosk_client.post(reverse("kiosk:check"), {**MOTHER, "question": "receives", "answer": "none"})
    page = response.content.decode()
    result = response.context["result"]
    assert re.findall(r'data-program="(\w+)"', page) == ["kindergeld", "uvg", "wohngeld", "kiz"]
    for suggestion in result.suggestions:
        assert f"{suggestion.amount:.2f}".replace(".", ",") + " €" in page
    assert "Ihr Haushalt etwa <bdi dir=\"ltr\" class=\"money\">" in page
    total = f"{result.monthly_money:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert f"{total} €" in page
    assert page.count("Bürgergeld") == 1  # only in "Statt Bürgergeld …: Wohngeld und Kinderzuschlag"
    assert "Statt <bdi lang=\"de\">Bürgergeld / Grundsicherungsgeld</bdi>: <bdi lang=\"de\">Wohngeld</bdi> und" in page
    assert not re.search(r"\d+\.\d\d €", page)  # no "1371.00 €"


def test_the_arabic_result_keeps_german_names_and_amounts_isolated(kiosk_client):
    kiosk_client.post(reverse("kiosk:set-language"), {"language": "ar"})
    response = kiosk_client.post(reverse("kiosk:check"), {**MOTHER, "question": "receives", "answer": "none"})
    page = response.content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert 'بدلاً من <bdi lang="de">Bürgergeld / Grundsicherungsgeld</bdi>: <bdi lang="de">Wohngeld</bdi> و<bdi lang="de">Kinderzuschlag</bdi>' in page
    assert '<bdi dir="ltr" class="money">518,00 €</bdi>' in page


def _berlin_now(monkeypatch, when):
    """Freeze "now" for the view: 23:30 UTC on 31 Dec is already 1 Jan in Berlin."""
    from datetime import UTC, datetime

    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: datetime(*when, tzinfo=UTC))


def test_the_bills_question_comes_after_the_housing_costs_and_explains_why(kiosk_client):
    carried = {key: value for key, value in CARRIED.items() if key not in ("a-bills", "a-savings")}
    response = kiosk_client.post(reverse("kiosk:check"), {**carried, "question": "housing", "answer": "600-800"})
    step = response.context["step"]
    assert step.question.key == "bills"
    page = response.content.decode()
    assert "Strom- oder Gassperre" in page and "Heizung oder Nebenkosten" in page
    assert "<details" in page and str(step.question.why) in page


def test_a_high_bill_gets_the_month_and_its_last_day_and_talk_to_someone(kiosk_client, monkeypatch):
    _berlin_now(monkeypatch, (2026, 12, 7, 10, 0))
    response = kiosk_client.post(reverse("kiosk:check"), {**CARRIED, "a-bills": "bill", "question": "receives"})
    page = response.content.decode()
    assert 'data-bills="bill"' in page
    assert "Dezember 2026" in page and "31. Dezember 2026" in page
    assert "vor Monatsende" in page
    assert "Sozialamt" in page  # the pensioner of CARRIED: Grundsicherung from the Sozialamt
    assert f'{reverse("kiosk:advice")}?topic=energy' in page
    assert "StromGVV" not in page  # the cut-off text only for a cut-off
    assert "Wohngeld" in page  # the route is still shown below


def test_a_cut_off_says_it_can_often_be_stopped(kiosk_client, monkeypatch):
    _berlin_now(monkeypatch, (2026, 12, 31, 23, 30))  # already January in Berlin
    carried = {**CARRIED, "a-age": "25-49", "a-situation": "employed", "a-bills": "cutoff"}
    response = kiosk_client.post(reverse("kiosk:check"), {**carried, "question": "receives"})
    page = response.content.decode()
    assert 'data-bills="cutoff"' in page
    assert "Januar 2027" in page and "31. Januar 2027" in page
    assert "§ 19 Abs. 2, 4 und 5 StromGVV / GasGVV" in page
    assert "Ratenzahlung" in page or "Raten" in page
    assert "Jobcenter" in page


def test_no_bill_says_nothing_about_bills(kiosk_client):
    page = kiosk_client.post(reverse("kiosk:check"), {**CARRIED, "question": "receives"}).content.decode()
    assert "data-bills" not in page and "topic=energy" not in page


def test_the_bill_answer_is_printed_and_in_arabic_too_and_nothing_is_stored(kiosk_client):
    kiosk_client.post(reverse("kiosk:set-language"), {"language": "ar"})
    response = kiosk_client.post(reverse("kiosk:check-print"), {**CARRIED, "a-bills": "cutoff", "a-receives": "none"})
    page = response.content.decode()
    assert 'data-bills="cutoff"' in page and 'dir="rtl"' in page
    assert "StromGVV" in page
    assert not ScreeningRun.objects.exists() and not Visitor.objects.exists()
    assert "quick_check" not in kiosk_client.session.keys()


def test_the_public_check_tells_about_the_month_without_an_advice_request(anonymous_client):
    url = reverse("info:check", kwargs={"lang": "de"})
    page = anonymous_client.post(url, {**CARRIED, "a-bills": "bill", "question": "receives"}).content.decode()
    assert 'data-bills="bill"' in page and "/kiosk/" not in page


def test_the_advice_request_opens_on_energy_costs_from_the_bill(kiosk_client):
    response = kiosk_client.get(reverse("kiosk:advice") + "?topic=energy")
    assert response.context["form"].initial["topic"] == "energy"
