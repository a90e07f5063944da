"""Writes of the screening app."""

from __future__ import annotations

from django.db import transaction

from infopoint.lib.roles import organisation_of
from screening.models import ScreeningRun
from screening.rules import evaluate_json


@transaction.atomic
def screening_run_create(*, household: dict, actor, visit=None, copied_from: ScreeningRun | None = None) -> ScreeningRun:
    """Evaluate a valid household (contract JSON) and store input and result together."""
    result = evaluate_json(household)
    run = ScreeningRun(
        input_data=household,
        result=result,
        as_of=result["as_of"],
        rules_version=result["rules_version"],
        param_digest=result["parameter_digest"],
        advisor=actor,
        organisation=organisation_of(actor) or "",
        visit=visit,
        copied_from=copied_from,
    )
    run.full_clean()
    run.save()
    return run
