"""Results with the ``law`` block of issue 20, stored as JSON after the shape file
(/work/briefs/issue20-shape.md): the single mother of issue 18 on 2026-12-07 (law complete, two
values not officially confirmed, the Wohngeld draft not promulgated), on 2027-01-15 (Regelbedarf
and Wohngeld carried on past their ``known_until``; the programmes that depend on them flagged
provisional, "likely" lowered to "possible"; a draft amount beside Wohngeld), and the same check as
saved before issue 20 (no ``law``, per-value warnings). The amounts are the engine's for the
household; the 2027 figures and the draft's 310 € illustrate the shape, they are not legal figures."""

import json
from datetime import date
from pathlib import Path

from screening.models import ScreeningRun

FIXTURES = Path(__file__).parent / "fixtures" / "law"


def law_result(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def stored_run(*, advisor, name: str, visit=None) -> ScreeningRun:
    """A saved check holding the fixture's result as it is (no engine run)."""
    from infopoint.lib.roles import organisation_of
    from tests.screening.households import MOTHER

    result = law_result(name)
    return ScreeningRun.objects.create(
        input_data={**MOTHER, "as_of": result["as_of"]},
        result=result,
        as_of=date.fromisoformat(result["as_of"]),
        rules_version=result["rules_version"],
        param_digest=result["parameter_digest"],
        advisor=advisor,
        organisation=organisation_of(advisor),
        visit=visit,
    )
