import uuid

import pytest
from django.urls import reverse

from intake.models import Visit, VisitStatus
from openarea.models import KioskUsage, UsageKind

pytestmark = pytest.mark.django_db


def request_advice(client, **overrides):
    data = {"called_as": "Ayşe", "language": "tr", "topic": "wohngeld", "token": str(uuid.uuid4()), **overrides}
    return client.post(reverse("kiosk:advice"), data)


def test_the_form_offers_the_kiosk_language_and_a_topic_from_the_quick_check(kiosk_client):
    kiosk_client.post(reverse("kiosk:set-language"), {"language": "uk"})
    response = kiosk_client.get(reverse("kiosk:advice") + "?topic=sgb12_ch4")
    form = response.context["form"]
    assert form.initial["language"] == "uk"
    assert form.initial["topic"] == "sgb12"
    assert 'autocomplete="off"' in response.content.decode()


def test_a_request_puts_the_visitor_on_the_waiting_list_by_the_name_they_gave(kiosk_client, advisor_client):
    response = request_advice(kiosk_client)
    assert response.status_code == 302
    assert response["Location"] == reverse("kiosk:advice-sent")
    visit = Visit.objects.get()
    assert visit.status == VisitStatus.WAITING and visit.from_kiosk
    assert (visit.language, visit.concerns, visit.visitor.display_name) == ("tr", ["wohngeld"], "Ayşe")
    waiting_list = advisor_client.get(reverse("intake:waiting")).content.decode()
    assert "Ayşe" in waiting_list
    assert "am Kiosk" in waiting_list or "kiosk" in waiting_list.lower()


def test_the_confirmation_shows_no_number_and_nothing_from_the_database(kiosk_client):
    request_advice(kiosk_client, called_as="Canary Kioskperson")
    page = kiosk_client.get(reverse("kiosk:advice-sent")).content.decode()
    assert "Canary" not in page
    assert Visit.objects.get().visitor.code not in page


def test_a_double_submit_puts_the_visitor_on_the_list_once(kiosk_client):
    token = str(uuid.uuid4())
    request_advice(kiosk_client, token=token)
    request_advice(kiosk_client, token=token)
    assert Visit.objects.count() == 1
    assert KioskUsage.objects.get(kind=UsageKind.ADVICE_REQUESTED).count == 1


def test_a_missing_name_is_asked_for_at_the_field_and_the_choices_are_kept(kiosk_client):
    response = request_advice(kiosk_client, called_as="   ")
    assert response.status_code == 200
    form = response.context["form"]
    assert "called_as" in form.errors
    assert form["language"].value() == "tr" and form["topic"].value() == "wohngeld"
    assert not Visit.objects.exists()


def test_an_unknown_topic_or_language_is_refused_at_the_field(kiosk_client):
    response = request_advice(kiosk_client, topic="lottery", language="xx")
    assert {"topic", "language"} <= set(response.context["form"].errors)
    assert not Visit.objects.exists()


def test_the_request_is_counted_anonymously_by_language(kiosk_client):
    request_advice(kiosk_client, language="ar")
    assert list(KioskUsage.objects.values_list("kind", "key", "count")) == [(UsageKind.ADVICE_REQUESTED, "ar", 1)]
