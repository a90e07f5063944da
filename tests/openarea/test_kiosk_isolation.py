"""A kiosk browser reaches /kiosk/ and nothing else; enrolment, revocation and reset."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from openarea.models import KioskDevice
from tests import factories
from tests.conftest import put_kiosk_cookie

pytestmark = pytest.mark.django_db


def test_a_kiosk_sees_the_kiosk_start_page(kiosk_client):
    response = kiosk_client.get(reverse("kiosk:start"))
    assert response.status_code == 200
    assert 'class="kiosk"' in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/admin/", "/admin/login/", "/offices/", "/healthz"])
def test_a_kiosk_gets_not_found_for_every_other_page(kiosk_client, url):
    assert kiosk_client.get(url).status_code == 404


def test_a_browser_that_is_neither_kiosk_nor_staff_is_refused_the_kiosk(anonymous_client):
    assert anonymous_client.get(reverse("kiosk:start")).status_code == 404


def test_a_forged_device_cookie_does_not_make_a_kiosk(kiosk_device):
    client = Client(raise_request_exception=False)
    client.cookies[settings.KIOSK_COOKIE_NAME] = f"{kiosk_device.pk}:{kiosk_device.token}:forged:signature"
    assert client.get(reverse("kiosk:start")).status_code == 404


def test_a_revoked_kiosk_loses_access_at_once(kiosk_client, kiosk_device, teamlead_client):
    assert kiosk_client.get(reverse("kiosk:start")).status_code == 200
    response = teamlead_client.post(reverse("openarea:kiosk-revoke", kwargs={"pk": kiosk_device.pk}))
    assert response.status_code == 302
    assert kiosk_client.get(reverse("kiosk:start")).status_code == 404


def test_staff_enrol_this_browser_and_are_logged_out(teamlead_client):
    response = teamlead_client.post(reverse("openarea:kiosk-enrol"), {"name": "Kiosk am Fenster"})
    assert response.status_code == 302
    assert response["Location"] == reverse("kiosk:start")
    assert settings.KIOSK_COOKIE_NAME in response.cookies
    device = KioskDevice.objects.get(name="Kiosk am Fenster")
    assert device.is_active
    # The same browser is now a kiosk without any staff session.
    assert teamlead_client.get(reverse("kiosk:start")).status_code == 200
    assert teamlead_client.get(reverse("intake:home")).status_code == 404
    assert "_auth_user_id" not in teamlead_client.session


def test_enrolling_without_a_name_says_so_at_the_field(teamlead_client):
    response = teamlead_client.post(reverse("openarea:kiosk-enrol"), {"name": "   "})
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="id_name_error"' in content
    assert not KioskDevice.objects.exists()


def test_reset_forgets_the_visitor_but_keeps_the_device(kiosk_client):
    kiosk_client.post(reverse("kiosk:set-language"), {"language": "ar"})
    session = kiosk_client.session
    session["quick_check"] = {"adults": 2}
    session.save()
    old_key = session.session_key

    response = kiosk_client.post(reverse("kiosk:reset"))

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""
    assert kiosk_client.session.session_key != old_key
    assert "quick_check" not in kiosk_client.session
    page = kiosk_client.get(reverse("kiosk:start")).content.decode()
    assert '<html lang="de" dir="ltr">' in page


def test_choosing_arabic_turns_the_kiosk_right_to_left(kiosk_client):
    kiosk_client.post(reverse("kiosk:set-language"), {"language": "ar"})
    page = kiosk_client.get(reverse("kiosk:start")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_an_unknown_language_falls_back_to_german(kiosk_client):
    kiosk_client.post(reverse("kiosk:set-language"), {"language": "xx"})
    page = kiosk_client.get(reverse("kiosk:start")).content.decode()
    assert '<html lang="de" dir="ltr">' in page


def test_kiosk_pages_show_no_personal_data_and_are_not_cached(kiosk_client):
    factories.VisitFactory(visitor=factories.VisitorFactory(name="Canary Zzyzx"))
    for url in [reverse("kiosk:start"), reverse("kiosk:offices")]:
        response = kiosk_client.get(url)
        assert "Canary Zzyzx" not in response.content.decode()
        assert "no-store" in response["Cache-Control"]


def test_staff_may_preview_the_kiosk_without_losing_their_session(advisor_client):
    assert advisor_client.get(reverse("kiosk:start")).status_code == 200
    advisor_client.post(reverse("kiosk:reset"))
    assert advisor_client.get(reverse("intake:home")).status_code == 200


@pytest.mark.parametrize("url", ["/admin", "/offices", "/accounts/login", "/visitors/ABCDEF"])
def test_a_kiosk_is_not_even_redirected_to_a_staff_page(kiosk_client, url):
    assert kiosk_client.get(url).status_code == 404


def test_a_kiosk_posting_to_a_staff_page_gets_not_found(kiosk_device):
    client = put_kiosk_cookie(Client(enforce_csrf_checks=True, raise_request_exception=False), kiosk_device)
    assert client.post("/openarea/kiosks/enrol/", {"name": "x"}).status_code == 404


def test_the_kiosks_error_page_leads_back_to_the_kiosk(kiosk_client):
    content = kiosk_client.get("/admin/").content.decode()
    assert 'href="/kiosk/"' in content


def test_changing_the_language_returns_to_the_same_kiosk_page(kiosk_client):
    response = kiosk_client.post(reverse("kiosk:set-language"), {"language": "tr", "next": "/kiosk/offices/"})
    assert response["Location"] == "/kiosk/offices/"
    response = kiosk_client.post(reverse("kiosk:set-language"), {"language": "tr", "next": "https://evil.example/"})
    assert response["Location"] == reverse("kiosk:start")
