"""Start-up configuration: wrong values stop with a message naming the variable."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k3J9-very-long-random-production-secret-for-the-deploy-check-x7Qw2",
    "DJANGO_ALLOWED_HOSTS": "infopoint.stuttgart.de",
    "DATABASE_URL": "postgres://infopoint:secret@db.example:5432/infopoint",
}


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "INFOPOINT_", "DATABASE_"))}
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "infopoint.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG"),
        ({**PRODUCTION, "DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY"),
        ({**PRODUCTION, "DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS"),
        ({"DATABASE_URL": "sqlite:///db.sqlite3"}, "DATABASE_URL"),
        ({"DJANGO_CONN_MAX_AGE": "forever"}, "DJANGO_CONN_MAX_AGE"),
        ({**PRODUCTION, "INFOPOINT_DEMO": "true"}, "INFOPOINT_DEMO"),
    ],
)
def test_a_wrong_value_stops_start_up_naming_the_variable(env, named):
    result = _manage("check", **env)
    assert result.returncode != 0
    assert named in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Configuration error:")
