import pytest


def household_post(**overrides) -> dict:
    """POST data of the counter form: single parent, two children, a wage, Stuttgart rent."""
    data = {
        "as_of": "2026-03-01",
        "municipality": "Stuttgart",
        "housing-tenure": "rent",
        "housing-rent_cold": "750",
        "housing-service_charges": "150",
        "housing-heating": "90",
        "m0-relation": "self",
        "m0-age": "34",
        "m0-i0-kind": "employment",
        "m0-i0-gross": "1.800,00",
        "m1-relation": "child",
        "m1-age": "6",
        "m2-relation": "child",
        "m2-age": "9",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post_data():
    return household_post
