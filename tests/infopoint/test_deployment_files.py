"""docker-compose.yml and the production static files are usable."""

import os
import subprocess
import sys

import yaml
from django.conf import settings

from tests.infopoint.test_settings_env import PRODUCTION


def test_compose_runs_postgres_16_and_the_app_under_gunicorn():
    compose = yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())
    db, app = compose["services"]["db"], compose["services"]["app"]
    assert db["image"] == "postgres:16"
    assert app["build"] == "."
    assert app["depends_on"]["db"]["condition"] == "service_healthy"
    for step in ("migrate", "collectstatic", "gunicorn infopoint.wsgi"):
        assert step in app["command"]
    assert app["environment"]["DJANGO_DEBUG"] == "false"
    assert app["environment"]["DATABASE_URL"].startswith("postgres://")
    assert "127.0.0.1:8000:8000" in app["ports"]
    # A stuck worker is ended (issue 21); above the 30 s statement_timeout.
    assert "--timeout 60 --graceful-timeout 20" in app["command"]
    # The container's health check asks http://127.0.0.1:8000/healthz; that host must be allowed.
    assert app["environment"]["DJANGO_ALLOWED_HOSTS"].endswith(",localhost,127.0.0.1")


def test_the_dockerfile_never_downloads_a_browser():
    dockerfile = (settings.BASE_DIR / "Dockerfile").read_text()
    assert "playwright install" not in dockerfile
    assert "gunicorn" in dockerfile


def test_production_static_files_collect_with_hashed_names(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "INFOPOINT_", "DATABASE_"))}
    environment.update(PRODUCTION, DJANGO_STATIC_ROOT=str(tmp_path), DJANGO_SETTINGS_MODULE="infopoint.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
    assert (tmp_path / "vendor" / "kern" / "kern.min.css").exists()
    assert (tmp_path / "vendor" / "kern-themes" / "bw.css").exists()


def test_compose_creates_the_two_database_roles_and_the_app_uses_the_app_role():
    """Issue 21 (no docker client here, so the file itself is checked): the init script creates
    the owner and the app role; the app connects as the app role and migrates as the owner."""
    compose = yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())
    db, app = compose["services"]["db"], compose["services"]["app"]
    assert "./docker/initdb:/docker-entrypoint-initdb.d:ro" in db["volumes"]
    for name in ("INFOPOINT_OWNER_PASSWORD", "INFOPOINT_APP_PASSWORD"):
        assert name in db["environment"]
    assert app["environment"]["DATABASE_URL"].startswith("postgres://infopoint_app:")
    assert app["environment"]["DATABASE_MIGRATE_URL"].startswith("postgres://infopoint_owner:")
    script = (settings.BASE_DIR / "docker" / "initdb" / "10-infopoint-roles.sh").read_text()
    assert os.access(settings.BASE_DIR / "docker" / "initdb" / "10-infopoint-roles.sh", os.X_OK)
    for needed in (
        "CREATE ROLE infopoint_owner LOGIN",
        "CREATE ROLE infopoint_app LOGIN",
        "ALTER ROLE infopoint_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE",
        "OWNER TO infopoint_owner",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
    ):
        assert needed in script
    assert "SUPERUSER " not in script.replace("NOSUPERUSER", "")
    example = (settings.BASE_DIR / ".env.example").read_text()
    assert "INFOPOINT_OWNER_PASSWORD=" in example and "INFOPOINT_APP_PASSWORD=" in example


def test_the_two_urls_give_the_app_role_and_the_owner(monkeypatch):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "INFOPOINT_", "DATABASE_"))}
    environment.update(
        DATABASE_URL="postgres://infopoint_app:app-secret@db.example:5432/infopoint",
        DATABASE_MIGRATE_URL="postgres://infopoint_owner:owner-secret@db.example:5432/infopoint",
        DJANGO_SETTINGS_MODULE="infopoint.settings",
    )
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d['USER'], d['PASSWORD'], s.DATABASE_OWNER['USER'], s.DATABASE_OWNER['PASSWORD'], s.DATABASE_APP_USER)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["infopoint_app", "app-secret", "infopoint_owner", "owner-secret", "infopoint_app"]
