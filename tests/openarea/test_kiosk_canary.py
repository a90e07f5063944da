"""No personal data from the database ever appears on a kiosk page (security.md D2).

A canary visitor with unique values is put into every place where personal data lives;
then every page reachable from the kiosk start page is fetched (links followed, the quick
check answered to the end, the advice form sent) and the canary must be found nowhere.
"""

import re
import uuid
from html import unescape

import pytest
from django.urls import reverse

from intake.services import follow_up_add, note_add
from tests import factories

pytestmark = pytest.mark.django_db

CANARY = "Zzcanary"
HREF = re.compile(r'href="(/kiosk/[^"#]*)"')


@pytest.fixture
def canary(advisor, opening_hours):
    visitor = factories.VisitorFactory(name=f"{CANARY} Müller", description=f"{CANARY} Schal", contact=f"{CANARY}@example.org")
    visit = factories.VisitFactory(visitor=visitor)
    note_add(visitor=visitor, actor=advisor, text=f"{CANARY} note")
    follow_up_add(visitor=visitor, actor=advisor, task=f"{CANARY} call back", due_on=visit.arrived_at.date())
    factories.ReferralFactory(visitor=visitor, visit=visit, created_by=advisor, reason=f"{CANARY} reason")
    return visitor


def _crawl(client) -> dict[str, str]:
    pages, queue = {}, [reverse("kiosk:start")]
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
        queue += [unescape(link) for link in HREF.findall(pages[url]) if unescape(link) not in pages]
    return pages


def _quick_check_pages(client) -> list[str]:
    answers = {"age": "25-49", "partner": "no", "children": "1", "youngest": "0-5", "maintenance": "no",
               "situation": "employed", "income": "1-500", "housing": "400-600", "bills": "bill", "savings": "0-5000"}  # fmt: skip
    carried, pages = {}, [client.post(reverse("kiosk:check"), {"question": ""}).content.decode()]
    for key, value in answers.items():
        pages.append(client.post(reverse("kiosk:check"), {**carried, "question": key, "answer": value}).content.decode())
        carried[f"a-{key}"] = value
    pages.append(client.post(reverse("kiosk:check"), {**carried, "question": "receives"}).content.decode())
    pages.append(client.post(reverse("kiosk:check-print"), {**carried, "a-receives": "none"}).content.decode())
    return pages


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_canary_visitor_appears_on_no_kiosk_page(canary, kiosk_client, language):
    kiosk_client.post(reverse("kiosk:set-language"), {"language": language})
    pages = list(_crawl(kiosk_client).values())
    assert len(pages) >= 4
    pages += _quick_check_pages(kiosk_client)
    data = {"called_as": "Ali", "language": "ar", "topic": "sgb2", "token": str(uuid.uuid4())}
    pages.append(kiosk_client.post(reverse("kiosk:advice"), data, follow=True).content.decode())
    found = [page[:200] for page in pages if CANARY.lower() in page.lower() or canary.code in page]
    assert found == []


def test_the_crawl_really_reaches_the_kiosk_pages(canary, kiosk_client):
    pages = _crawl(kiosk_client)
    assert {reverse("kiosk:offices"), reverse("kiosk:check"), reverse("kiosk:advice")} <= set(pages)
