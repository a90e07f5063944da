"""Admin forms: what fuzzing found (tests/security/test_fuzz_admin.py), each fixed at its cause."""

import pytest
from django.urls import reverse

from intake.models import Visitor
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_per_cent_sign_in_a_visitors_languages_is_told_at_the_field(admin_client_):
    # Django's comma-separated list box formatted its message twice: "%00" ended in a 500.
    response = admin_client_.post(reverse("admin:intake_visitor_add"), {"code": "K-TEST1", "languages": "%00"})
    assert response.status_code == 200
    assert b'class="errorlist' in response.content
    assert not Visitor.objects.filter(code="K-TEST1").exists()


def test_languages_benefits_and_districts_are_ticked_in_the_admin(admin_client_):
    office = factories.OfficeFactory(benefits=[], languages=[])
    page = admin_client_.get(reverse("admin:referrals_office_change", args=[office.pk])).content.decode()
    assert 'type="checkbox" name="benefits" value="wohngeld"' in page
    assert 'type="checkbox" name="districts"' in page
    visitor_page = admin_client_.get(reverse("admin:intake_visitor_add")).content.decode()
    assert 'type="checkbox" name="languages" value="tr"' in visitor_page


def test_ticked_languages_are_saved_as_a_list(admin_client_):
    visitor = factories.VisitorFactory(languages=[])
    data = {"code": visitor.code, "name": visitor.name or "", "birth_year": "", "district": visitor.district, "languages": ["tr", "ar"]}
    response = admin_client_.post(reverse("admin:intake_visitor_change", args=[visitor.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    visitor.refresh_from_db()
    assert sorted(visitor.languages) == ["ar", "tr"]


def test_an_empty_languages_entry_means_none_ticked(admin_client_):
    visitor = factories.VisitorFactory(languages=["tr"])
    data = {"code": visitor.code, "name": "", "birth_year": "", "district": visitor.district, "languages": ""}
    response = admin_client_.post(reverse("admin:intake_visitor_change", args=[visitor.pk]), data)
    assert response.status_code == 302
    visitor.refresh_from_db()
    assert visitor.languages == []
