"""Catalogue entries, kiosk devices and kiosk pre-fills sent twice are created once (security.md I5)."""

import re
import uuid

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from openarea import services
from openarea.models import HandInDraft, KioskDevice, PrintableForm
from tests import factories
from tests.concurrency import at_the_same_time


def _token_of(page: str, action: str | None = None) -> str:
    form = page[page.index(f'action="{action}"'):] if action else page
    return re.search(r'name="token" value="([0-9a-f-]{36})"', form).group(1)


def _catalogue_entry(**overrides):
    data = {
        "title_de": "Antrag auf Kinderzuschlag",
        "who_needs_it_de": "Für Eltern mit wenig Geld.",
        "benefit": "kiz",
        "office_kind": "familienkasse",
        "order": "10",
        "online_url": "https://www.arbeitsagentur.de/familie-und-kinder/kinderzuschlag",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
@pytest.mark.usefixtures("official_portals")
def test_a_catalogue_form_added_twice_is_one_entry_and_both_answers_lead_to_the_list(advisor_client):
    token = _token_of(advisor_client.get(reverse("openarea:form-add")).content.decode())
    first = advisor_client.post(reverse("openarea:form-add"), {**_catalogue_entry(), "pdf": factories.pdf_upload(), "token": token})
    second = advisor_client.post(reverse("openarea:form-add"), {**_catalogue_entry(), "pdf": factories.pdf_upload(), "token": token}, follow=True)
    assert first.status_code == 302 and second.redirect_chain[-1][0] == first["Location"]
    entry = PrintableForm.objects.get()
    assert entry.slug == "antrag-auf-kinderzuschlag"
    assert "Das Formular „Antrag auf Kinderzuschlag“ ist gespeichert." in second.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("official_portals")
def test_a_refused_catalogue_form_keeps_its_token_and_two_add_pages_make_two_entries(advisor_client):
    tokens = [_token_of(advisor_client.get(reverse("openarea:form-add")).content.decode()) for _ in range(2)]
    assert tokens[0] != tokens[1]
    refused = advisor_client.post(reverse("openarea:form-add"), _catalogue_entry(online_url="", token=tokens[0]))
    assert refused.status_code == 400
    assert _token_of(refused.content.decode()) == tokens[0]
    for token in tokens:
        advisor_client.post(reverse("openarea:form-add"), _catalogue_entry(token=token))
    assert PrintableForm.objects.count() == 2


@pytest.mark.django_db
def test_the_edit_page_carries_no_token_and_edits_stay_edits(advisor_client):
    entry = factories.PrintableFormFactory()
    url = reverse("openarea:form-edit", kwargs={"form": entry.pk})
    assert 'name="token"' not in advisor_client.get(url).content.decode()
    advisor_client.post(url, _catalogue_entry(title_de="Neuer Titel"))
    advisor_client.post(url, _catalogue_entry(title_de="Neuer Titel"))
    assert list(PrintableForm.objects.values_list("title_de", flat=True)) == ["Neuer Titel"]


def _device_in(response) -> KioskDevice:
    device_pk, device_token = response.cookies[settings.KIOSK_COOKIE_NAME].value.split(":")[:2]
    return KioskDevice.objects.get(pk=device_pk, token=device_token)


@pytest.mark.django_db
def test_a_kiosk_enrolled_twice_is_one_device_and_both_browsers_get_its_cookie(teamlead):
    # A double click: both requests still carry the staff session the first one ends.
    clients = [Client(raise_request_exception=False) for _ in range(2)]
    for client in clients:
        client.force_login(teamlead)
    token = _token_of(clients[0].get(reverse("openarea:kiosk-list")).content.decode(), reverse("openarea:kiosk-enrol"))
    responses = [client.post(reverse("openarea:kiosk-enrol"), {"name": "Kiosk am Fenster", "token": token}) for client in clients]
    assert [response["Location"] for response in responses] == [reverse("kiosk:start")] * 2
    device = KioskDevice.objects.get()
    assert _device_in(responses[0]) == _device_in(responses[1]) == device
    assert device.form_token == uuid.UUID(token)
    # Both browsers are now this one kiosk.
    assert all(client.get(reverse("kiosk:start")).status_code == 200 for client in clients)


@pytest.mark.django_db
def test_a_refused_enrolment_keeps_its_token_and_each_list_page_has_a_new_one(teamlead_client):
    url = reverse("openarea:kiosk-enrol")
    tokens = {_token_of(teamlead_client.get(reverse("openarea:kiosk-list")).content.decode(), url) for _ in range(3)}
    assert len(tokens) == 3
    token = tokens.pop()
    refused = teamlead_client.post(url, {"name": "   ", "token": token})
    assert refused.status_code == 400
    assert _token_of(refused.content.decode(), url) == token


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_enrolments_of_one_form_make_one_device(teamlead):
    token = uuid.uuid4()
    results = at_the_same_time(lambda: services.kiosk_device_enrol(name="Kiosk 1", actor=teamlead, token=token).pk)
    assert len(set(results)) == 1
    assert KioskDevice.objects.count() == 1


HAND_IN = {"benefit": "wohngeld", "applicant_name": "Canary Kiosk", "description": "Antrag und Mietvertrag", "pages": "7"}


@pytest.mark.django_db
def test_a_pre_fill_sent_twice_shows_the_first_code_again(kiosk_client):
    token = _token_of(kiosk_client.get(reverse("kiosk:hand-in")).content.decode())
    first = kiosk_client.post(reverse("kiosk:hand-in"), {**HAND_IN, "token": token})
    second = kiosk_client.post(reverse("kiosk:hand-in"), {**HAND_IN, "token": token}, follow=True)
    assert first.status_code == 302 and second.redirect_chain[-1][0] == first["Location"]
    draft = HandInDraft.objects.get()
    assert draft.code in second.content.decode()


@pytest.mark.django_db
def test_a_refused_pre_fill_keeps_its_token_and_a_new_pre_fill_gets_a_new_code(kiosk_client):
    tokens = [_token_of(kiosk_client.get(reverse("kiosk:hand-in")).content.decode()) for _ in range(2)]
    assert tokens[0] != tokens[1]
    refused = kiosk_client.post(reverse("kiosk:hand-in"), {"applicant_name": "Canary Kiosk", "token": tokens[0]})
    assert refused.status_code == 400
    assert _token_of(refused.content.decode()) == tokens[0]
    for token in tokens:
        kiosk_client.post(reverse("kiosk:hand-in"), {**HAND_IN, "token": token})
    assert HandInDraft.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_pre_fills_of_one_form_make_one_code(kiosk_device):
    from openarea.receipts import services as receipt_services

    token = uuid.uuid4()
    results = at_the_same_time(
        lambda: receipt_services.hand_in_draft_create(
            applicant_name="Canary Kiosk", benefit="wohngeld", items=[], language="de", token=token
        ).code
    )
    assert len(set(results)) == 1
    assert HandInDraft.objects.count() == 1
