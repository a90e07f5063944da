"""Plain, translated error pages without a traceback."""

import re

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from infopoint import urls as project_urls

pytestmark = pytest.mark.django_db

LEAKS = ["Traceback", "SELECT ", "SECRET", "/work/", ".py"]


def _explode(request):
    raise RuntimeError("boom in /work/main/secret.py SECRET_KEY")


def _database_down(request):
    raise OperationalError("could not connect to server")


urlpatterns = [
    path("explode/", _explode, name="explode"),
    path("database-down/", _database_down, name="database-down"),
    *project_urls.urlpatterns,
]
handler500 = project_urls.handler500
handler404 = project_urls.handler404


@pytest.fixture
def client_with_broken_views(settings, advisor):
    settings.ROOT_URLCONF = __name__
    from infopoint.lib import access

    access.ACCESS_MATRIX["explode"] = access.rule(*access.STAFF)
    access.ACCESS_MATRIX["database-down"] = access.rule(*access.STAFF)
    client = Client(raise_request_exception=False)
    client.force_login(advisor)
    yield client
    del access.ACCESS_MATRIX["explode"]
    del access.ACCESS_MATRIX["database-down"]


def test_an_unknown_page_gets_the_plain_german_404(advisor_client):
    response = advisor_client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert '<html lang="de"' in content
    assert "Diese Seite gibt es nicht" in content


def test_a_crash_shows_an_error_id_and_no_traceback(client_with_broken_views):
    response = client_with_broken_views.get("/explode/")
    assert response.status_code == 500
    content = response.content.decode()
    assert re.search(r"Fehler-ID: [0-9a-f]{8}", content)
    for leak in LEAKS:
        assert leak not in content


def test_a_database_outage_gets_503_and_says_nothing_was_saved(client_with_broken_views):
    response = client_with_broken_views.get("/database-down/")
    assert response.status_code == 503
    content = response.content.decode()
    assert "nicht gespeichert" in content
    for leak in LEAKS:
        assert leak not in content


def test_the_404_page_follows_the_chosen_language(advisor_client, settings):
    advisor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    content = advisor_client.get("/no-such-page/").content.decode()
    assert '<html lang="ar" dir="rtl"' in content
