"""infopoint/lib/request_params.py: the one place where query and path parameters are range-checked."""

from datetime import date

import pytest
from django.test import RequestFactory

from infopoint.lib.request_params import (
    BadParameter,
    clean_text,
    has_control_characters,
    parse_code,
    parse_day,
    parse_int,
    parse_pk,
    query_day,
)


@pytest.mark.parametrize("text", ["2000-01-01", "2026-12-31", "2100-12-31", " 2026-02-28 "])
def test_a_day_within_the_range_is_read(text):
    assert parse_day(text) == date.fromisoformat(text.strip())


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01"])
def test_a_day_outside_2000_to_2100_is_refused_with_the_range(text, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(BadParameter) as refused:
        parse_day(text)
    assert "2000" in refused.value.message and "2100" in refused.value.message


@pytest.mark.parametrize("text", ["", "2026-02-30", "2026-13-01", "20261231", "2026-W01-1", "\x00", "2026-01-01\x00", "٢٠٢٦-٠١-٠١", "A" * 5000])
def test_anything_else_is_not_a_day(text):
    with pytest.raises(BadParameter):
        parse_day(text)


def test_query_day_gives_the_default_and_a_message_for_a_refused_day():
    today = date(2026, 12, 9)
    assert query_day(RequestFactory().get("/", {"day": "2026-12-01"}), "day", today) == (date(2026, 12, 1), "")
    assert query_day(RequestFactory().get("/"), "day", today) == (today, "")
    day, message = query_day(RequestFactory().get("/", {"day": "9999-12-31"}), "day", today)
    assert day == today and message


def test_numbers_ids_and_codes():
    assert parse_pk("12") == 12
    assert parse_pk(str(10**20)) is None and parse_pk("-1") is None and parse_pk("²") is None and parse_pk("0") is None
    assert parse_int("-3", minimum=-5, maximum=5) == -3
    assert parse_int(str(10**20), minimum=0, maximum=10) is None and parse_int("1e3", minimum=0, maximum=10**4) is None
    assert parse_code("acd-efh", alphabet="ACDEFH", max_length=6) == "ACDEFH"
    assert parse_code("AC\x00DEF", alphabet="ACDEFH", max_length=6) is None
    assert parse_code("ACDEFHA", alphabet="ACDEFH", max_length=6) is None
    assert parse_code("ÄCDEFH", alphabet="ACDEFH", max_length=6) is None


def test_control_characters_but_not_arabic_or_direction_marks():
    assert has_control_characters("a\x00b") and has_control_characters("\x1b[31m") and has_control_characters("\r\n")
    assert not has_control_characters("مرحبا \u200f Ünïcödé 😀")
    assert clean_text("a\x00") is None and clean_text("x" * 201) is None and clean_text("ok") == "ok"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/verify/%00", "/openarea/receipts/new/?draft=%00", "/admin/intake/visitor/?q=%00", "/?x%00=1", "/kiosk/?a=%1b"])
def test_control_characters_in_the_address_are_a_400_for_everyone(url, admin_client_, anonymous_client):
    assert admin_client_.get(url).status_code == 400
    assert anonymous_client.get(url).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "starts", ["9999-12-31T23:59:00+00:00", "0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-05:00", "2026-12-09T10:00:00", "\x00", "x" * 500]
)
def test_booking_a_talk_at_a_moment_out_of_range_is_refused_with_a_message(advisor_client, advisor, starts):
    from tests import factories

    visitor = factories.VisitorFactory()
    factories.VisitFactory(visitor=visitor, advisor=advisor)
    response = advisor_client.post("/appointments/book/", {"visitor": visitor.code, "advisor": advisor.pk, "starts_at": starts}, follow=True)
    assert response.status_code == 200
    assert any("free slot" in str(message) or "freien" in str(message) for message in response.context["messages"])
