import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def test_opening_a_referral_in_the_admin_is_read_logged(admin_client_):
    referral = ReferralFactory()
    response = admin_client_.get(reverse("admin:referrals_referral_change", args=[referral.pk]))
    assert response.status_code == 200
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(referral.pk)).exists()


def test_the_administration_lists_appointments_at_the_infopoint(admin_client_):
    assert admin_client_.get(reverse("admin:referrals_infopointappointment_changelist")).status_code == 200
