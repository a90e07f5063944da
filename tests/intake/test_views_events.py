"""The events page: a bad entry is told where it was made, never a bare 400 (found by the form fuzzing)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_unknown_language_is_told_at_the_languages(advisor_client):
    page = advisor_client.get(reverse("intake:events")).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    data = {"token": token, "kind": "information", "date": "2026-12-01", "place": "Bad Cannstatt", "attendees": "12", "languages": "klingon"}
    response = advisor_client.post(reverse("intake:events"), data)
    assert response.status_code == 400
    assert 'id="id_languages_error"' in response.content.decode()

