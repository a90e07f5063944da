import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_post_without_a_valid_token_gets_a_plain_translated_page(advisor):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(advisor)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    content = response.content.decode()
    assert "Dieses Formular ist abgelaufen" in content
    assert "CSRF" not in content
