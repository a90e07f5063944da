"""Recording a walk-in, taking a visitor, finishing the contact."""

import threading

import pytest
from django.db import connection

from intake.models import Visit, VisitStatus
from intake.services import visit_finish, visit_take, walk_in_record
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_walk_in_needs_nothing_but_a_click(advisor):
    visit = walk_in_record(actor=advisor)
    assert visit.status == VisitStatus.WAITING
    assert visit.visitor.name == "" and len(visit.visitor.code) == 6
    assert visit.organisation == "jobcenter"
    assert visit.language == "de"


def test_a_walk_in_with_a_description_and_concerns(advisor):
    visit = walk_in_record(actor=advisor, description="Frau mit rotem Schal", language="ar", concerns=["sgb2", "energy"])
    assert visit.visitor.display_name == "Frau mit rotem Schal"
    assert visit.concerns == ["sgb2", "energy"]
    assert visit.visitor.languages == ["ar"]


def test_taking_a_visitor_assigns_the_advisor_and_their_organisation(other_org_advisor, advisor):
    visit = walk_in_record(actor=advisor)
    assert visit_take(visit=visit, actor=other_org_advisor) is True
    visit.refresh_from_db()
    assert visit.status == VisitStatus.IN_CONVERSATION
    assert visit.advisor == other_org_advisor
    assert visit.organisation == "sozialamt"
    assert visit.taken_at is not None


def test_a_visitor_can_be_taken_only_once(advisor, other_org_advisor):
    visit = walk_in_record(actor=advisor)
    assert visit_take(visit=visit, actor=advisor) is True
    assert visit_take(visit=visit, actor=other_org_advisor) is False
    visit.refresh_from_db()
    assert visit.advisor == advisor


@pytest.mark.django_db(transaction=True)
def test_two_desks_taking_at_the_same_moment_get_one_winner():
    first, second = factories.advisor(), factories.advisor()
    visit = walk_in_record(actor=first)
    results = []
    barrier = threading.Barrier(2)

    def take(actor):
        try:
            barrier.wait()
            results.append(visit_take(visit=visit, actor=actor))
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(actor,)) for actor in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]


def test_finishing_records_service_and_outcome(advisor):
    visit = walk_in_record(actor=advisor)
    visit_take(visit=visit, actor=advisor)
    visit = Visit.objects.get(pk=visit.pk)
    visit_finish(visit=visit, actor=advisor, cleaned={"service": "advice", "outcome": "screening", "concerns": ["sgb2"], "interpreter": "telephone", "companion_present": True, "duration_minutes": 25})
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DONE and visit.finished_at is not None
    assert (visit.service, visit.outcome, visit.interpreter, visit.duration_minutes) == ("advice", "screening", "telephone", 25)
