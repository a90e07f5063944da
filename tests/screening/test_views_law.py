"""The Rechtsstand page (issue 20): every legal value with status and source, filters, next changes."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("screening:law")


def rows(html: str) -> dict[str, str]:
    """Parameter name -> status, as the table shows them."""
    return dict(re.findall(r'data-parameter="([\w.]+)" data-status="(\w+)"', html))


def row_html(html: str, name: str) -> str:
    start = html.index(f'data-parameter="{name}"')
    end = html.find("law-row law-row--", start)
    return html[start : end if end != -1 else html.index("</tbody>\n  </table>", start)]


def test_it_lists_every_value_with_its_status_source_and_dates(advisor_client):
    html = advisor_client.get(URL + "?as_of=2026-12-07").content.decode()
    assert "Rechtsstand am 07.12.2026" in html
    shown = rows(html)
    assert shown["common.regelbedarf"] == "verified"
    assert shown["local.stuttgart.mietobergrenze"] == "unverified"
    regelbedarf = row_html(html, "common.regelbedarf")
    assert "563,00 €" in regelbedarf and "01.01.2026" in regelbedarf
    assert "RBSFV 2026" in regelbedarf and "§ 20 Abs. 1a, 2 und § 23 SGB II" in regelbedarf
    assert "25.11.2026" in regelbedarf  # verified_on
    formel = row_html(html, "wohngeld.formel")
    assert "31.12.2026" in formel  # known until


def test_past_known_until_the_values_are_provisional(advisor_client):
    shown = rows(advisor_client.get(URL + "?as_of=2027-01-15").content.decode())
    assert shown["wohngeld.formel"] == "provisional"
    assert shown["family.kindergeld"] in ("verified", "provisional")


def test_the_not_verified_filter_shows_only_values_that_are_not_verified(advisor_client):
    html = advisor_client.get(URL + "?as_of=2026-12-07&show=unverified").content.decode()
    shown = rows(html)
    assert shown and "verified" not in shown.values()
    assert "local.stuttgart.mietobergrenze" in shown and "common.regelbedarf" not in shown


def test_the_ending_filter_shows_values_whose_source_ends_within_60_days(advisor_client):
    shown = rows(advisor_client.get(URL + "?as_of=2026-12-07&show=ending").content.decode())
    assert "wohngeld.formel" in shown and "common.regelbedarf" in shown
    assert "sgb2.vermoegen" not in shown  # a statutory value without end
    assert rows(advisor_client.get(URL + "?as_of=2026-06-01&show=ending").content.decode()) == {}


def test_the_filters_are_plain_links_that_keep_the_date(advisor_client):
    html = advisor_client.get(URL + "?as_of=2026-12-07").content.decode()
    assert 'href="?as_of=2026-12-07&amp;show=unverified"' in html
    assert 'href="?as_of=2026-12-07&amp;show=ending"' in html


def test_it_names_what_changes_at_the_next_first_of_january(advisor_client):
    html = advisor_client.get(URL + "?as_of=2026-12-07").content.decode()
    section = html[html.index('class="section law-next"') :]
    assert "Was sich am 01.01.2027 ändert" in section
    changes = section[section.index("law-next__changes") :].split("</ul>")[0]
    assert 'data-parameter="common.geringfuegigkeitsgrenze"' in changes  # 633 € from MiLoV5
    unknown = section[section.index("law-next__unknown") :].split("</ul>")[0]
    assert 'data-parameter="wohngeld.formel"' in unknown and "bekannt bis 31.12.2026" in unknown
    assert 'data-parameter="common.regelbedarf"' in unknown


def test_a_bad_date_gets_a_message_and_todays_page_not_an_error(advisor_client):
    response = advisor_client.get(URL + "?as_of=2026-13-45")
    html = response.content.decode()
    assert response.status_code == 400
    assert "„2026-13-45“ ist kein Datum" in html
    assert rows(html)  # today's values are still shown


def test_without_a_date_the_page_shows_today(advisor_client):
    from django.utils import timezone

    html = advisor_client.get(URL).content.decode()
    assert f"Rechtsstand am {timezone.localdate():%d.%m.%Y}" in html


@pytest.mark.parametrize("client_name", ["advisor_client", "teamlead_client", "admin_client_"])
def test_staff_see_the_page_and_the_link_in_the_navigation(request, client_name):
    response = request.getfixturevalue(client_name).get(URL)
    assert response.status_code == 200
    assert f'href="{URL}"' in response.content.decode()


def test_the_page_reads_in_arabic(advisor_client, settings):
    advisor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    html = advisor_client.get(URL + "?as_of=2026-12-07").content.decode()
    assert "الوضع القانوني في 07.12.2026" in html
