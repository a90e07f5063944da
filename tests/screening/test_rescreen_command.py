"""``manage.py rescreen``: the list, the summary, the dry run and a bad date."""

import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from intake.models import FollowUp
from screening.models import RunKind, ScreeningRun
from tests.screening.rescreen_data import check, saved_result

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("rescreen", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_lists_code_advisor_and_the_change_in_words():
    saved = check(result=saved_result("60.00", without_kiz=True))
    check(result=saved_result("5.00"))  # below the threshold: not listed
    out, _err = run("--as-of", "2026-06-01")
    lines = out.splitlines()
    assert len(lines) == 2
    code, advisor = saved.visit.visitor.code, saved.advisor.get_full_name()
    assert lines[0].startswith(f"{code}  {advisor}  Kindergeld + Unterhaltsvorschuss + Wohngeld (Geld im Monat etwa 2.884 €) → Kindergeld + Unterhaltsvorschuss + Wohngeld + Kinderzuschlag (Geld im Monat etwa 3.269 €)")
    assert lines[0].endswith(": Wohngeld steigt um etwa 60 €; Kinderzuschlag neu möglich (etwa 325 €); Geld im Monat steigt um etwa 385 €")
    assert saved.visit.visitor.name not in out  # codes only
    assert lines[1] == (
        "01.06.2026: 2 Prüfungen neu berechnet, 1 mit Änderung, 1 Neuberechnungen gespeichert, 1 Wiedervorlagen angelegt, "
        "0 schon auf dieser Rechtslage, 0 nicht neu berechenbar."
    )
    assert ScreeningRun.objects.filter(kind=RunKind.RESCREEN).count() == 1


def test_dry_run_stores_nothing():
    check()
    out, _err = run("--as-of", "2026-06-01", "--dry-run")
    assert "Wohngeld steigt um etwa 60 €" in out and "Probelauf: nichts wurde gespeichert." in out
    assert not ScreeningRun.objects.filter(kind=RunKind.RESCREEN).exists()
    assert not FollowUp.objects.filter(screening_run__isnull=False).exists()


@pytest.mark.parametrize("bad", ["2027-13-01", "01.01.2027", "", "morgen"])
def test_a_bad_date_is_a_clear_error(bad):
    with pytest.raises(CommandError, match="--as-of: not a date in the form YYYY-MM-DD"):
        run("--as-of", bad)


def test_a_date_before_the_covered_law_is_refused():
    with pytest.raises(CommandError, match="2024-01-01"):
        run("--as-of", "2020-01-01")


@pytest.mark.django_db(transaction=True)
def test_a_bad_date_on_the_command_line_exits_non_zero_without_a_traceback():
    done = subprocess.run(
        [sys.executable, "manage.py", "rescreen", "--as-of", "2027-02-30"], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode != 0
    assert "not a date in the form YYYY-MM-DD" in done.stderr
    assert "Traceback" not in done.stderr
