import pytest
from django.urls import reverse

from infopoint.lib.stuttgart import District
from referrals.models import Benefit
from tests.factories import OfficeFactory

pytestmark = pytest.mark.django_db


def test_the_directory_shows_districts_languages_and_benefits(advisor_client):
    OfficeFactory(name="Jobcenter Bad Cannstatt", benefits=[Benefit.SGB2], districts=[District.BAD_CANNSTATT, District.MUEHLHAUSEN], languages=["de", "tr"])
    OfficeFactory(name="Sozialamt Stuttgart", benefits=[Benefit.SGB12])
    page = advisor_client.get(reverse("referrals:office-list"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Bad Cannstatt, Mühlhausen" in page
    assert "Deutsch, Türkçe" in page
    assert "die ganze Stadt" in page


def test_retired_offices_are_not_listed(advisor_client):
    OfficeFactory(name="Altes Amt", is_active=False)
    assert "Altes Amt" not in advisor_client.get(reverse("referrals:office-list")).content.decode()
