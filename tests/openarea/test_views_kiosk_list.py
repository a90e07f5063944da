import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_team_lead_sees_enrolled_and_revoked_kiosks(teamlead_client):
    factories.KioskDeviceFactory(name="Kiosk Eingang")
    revoked = factories.KioskDeviceFactory(name="Kiosk alt")
    teamlead_client.post(reverse("openarea:kiosk-revoke", kwargs={"pk": revoked.pk}))
    content = teamlead_client.get(reverse("openarea:kiosk-list")).content.decode()
    assert "Kiosk Eingang" in content
    assert "Kiosk alt" in content
    assert reverse("openarea:kiosk-revoke", kwargs={"pk": revoked.pk}) not in content


def test_revoking_an_unknown_kiosk_is_not_found(teamlead_client):
    assert teamlead_client.post(reverse("openarea:kiosk-revoke", kwargs={"pk": 999999})).status_code == 404
