"""Writes of the screening app."""

from __future__ import annotations

from django.db import transaction

from infopoint.lib.once import once
from infopoint.lib.roles import organisation_of
from screening.local_value_selectors import household_with_place
from screening.models import ScreeningRun
from screening.rules import evaluate_json


def _without_residence(household: dict) -> dict:
    """The residence status is asked but never stored (screening-contract.md)."""
    return {**household, "members": [{k: v for k, v in m.items() if k != "residence"} for m in household["members"]]}


@transaction.atomic
def screening_run_create(
    *, household: dict, actor, visit=None, copied_from: ScreeningRun | None = None, token=None
) -> ScreeningRun:
    """Evaluate a valid household (contract JSON) and store input and result together.

    A form saved twice (same one-time ``token``: double click, reload, resend) gives the run of
    the first submission."""
    return once(
        ScreeningRun,
        token,
        lambda: _screening_run_create(household=household, actor=actor, visit=visit, copied_from=copied_from, token=token),
    )


def _screening_run_create(*, household: dict, actor, visit, copied_from, token) -> ScreeningRun:
    # The city's confirmed local values for the check's date (issue 20) are part of the input
    # that is saved, so that a re-run of the saved household gives the same answer.
    household = household_with_place(household)
    result = evaluate_json(household)
    # Whose case data this is: the contact's organisation, else the original run's, else the advisor's.
    organisation = (visit.organisation if visit else None) or (copied_from.organisation if copied_from else None)
    run = ScreeningRun(
        input_data=_without_residence(household),
        result=result,
        as_of=result["as_of"],
        rules_version=result["rules_version"],
        param_digest=result["parameter_digest"],
        advisor=actor,
        organisation=organisation or organisation_of(actor) or "",
        visit=visit,
        copied_from=copied_from,
        form_token=str(token) if token else None,
    )
    run.full_clean(exclude=["form_token"])
    run.save()
    return run
