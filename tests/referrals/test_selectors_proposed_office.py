import pytest

from infopoint.lib.stuttgart import District
from referrals.models import Benefit, OfficeKind
from referrals.selectors import office_for_kind, offices_by_kind, proposed_office
from tests.factories import OfficeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobcenter_locations():
    return {
        "city": OfficeFactory(name="Jobcenter Stuttgart", benefits=[Benefit.SGB2], districts=[]),
        "cannstatt": OfficeFactory(name="Jobcenter Bad Cannstatt", benefits=[Benefit.SGB2], districts=[District.BAD_CANNSTATT, District.MUEHLHAUSEN]),
        "vaihingen": OfficeFactory(name="Jobcenter Vaihingen", benefits=[Benefit.SGB2], districts=[District.VAIHINGEN]),
    }


def test_the_location_for_the_visitors_district_is_proposed(jobcenter_locations):
    assert proposed_office(benefit=Benefit.SGB2, district=District.MUEHLHAUSEN) == jobcenter_locations["cannstatt"]


def test_a_district_without_its_own_location_gets_the_city_wide_office(jobcenter_locations):
    assert proposed_office(benefit=Benefit.SGB2, district=District.MITTE) == jobcenter_locations["city"]


def test_an_unknown_district_gets_the_city_wide_office(jobcenter_locations):
    assert proposed_office(benefit=Benefit.SGB2) == jobcenter_locations["city"]


def test_an_office_for_other_districts_is_proposed_when_nothing_else_is_responsible():
    only = OfficeFactory(name="Wohngeldstelle Nord", kind=OfficeKind.WOHNGELDSTELLE, benefits=[Benefit.WOHNGELD], districts=[District.NORD])
    assert proposed_office(benefit=Benefit.WOHNGELD, district=District.SUED) == only


def test_retired_offices_and_other_benefits_are_never_proposed():
    OfficeFactory(name="Altes Sozialamt", kind=OfficeKind.SOZIALAMT, benefits=[Benefit.SGB12], is_active=False)
    OfficeFactory(name="Familienkasse", kind=OfficeKind.FAMILIENKASSE, benefits=[Benefit.KINDERGELD])
    assert proposed_office(benefit=Benefit.SGB12, district=District.MITTE) is None


def test_offices_by_kind_picks_the_districts_location_per_kind(jobcenter_locations):
    sozialamt = OfficeFactory(name="Sozialamt Stuttgart", kind=OfficeKind.SOZIALAMT, benefits=[Benefit.SGB12])
    found = offices_by_kind(kinds={OfficeKind.JOBCENTER, OfficeKind.SOZIALAMT}, district=District.VAIHINGEN)
    assert found == {OfficeKind.JOBCENTER: jobcenter_locations["vaihingen"], OfficeKind.SOZIALAMT: sozialamt}
    assert office_for_kind(kind=OfficeKind.JOBCENTER, district=District.VAIHINGEN) == jobcenter_locations["vaihingen"]
