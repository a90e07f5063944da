"""Printouts load their stylesheets from the static files, also under production's hashed names."""

import pytest

from infopoint.lib.pdf import _static_path

MANIFEST_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


@pytest.fixture
def collected(settings, tmp_path):
    """A STATIC_ROOT as collectstatic leaves it in production: the stylesheet under its hashed name."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = MANIFEST_STORAGES
    (tmp_path / "print").mkdir()
    hashed = tmp_path / "print" / "print.0123456789ab.css"
    hashed.write_text("body { margin: 0 }")
    return hashed


def test_a_stylesheet_under_its_hashed_production_name_is_found(collected):
    assert _static_path("https://infopoint.invalid/static/print/print.0123456789ab.css") == str(collected)


def test_a_stylesheet_under_its_source_name_is_still_found(settings):
    assert _static_path("https://infopoint.invalid/static/print/print.css").endswith("print.css")


def test_nothing_outside_the_static_files_is_served(collected):
    assert _static_path("https://infopoint.invalid/static/../../etc/passwd") is None
    assert _static_path("https://infopoint.invalid/static/print/missing.0123456789ab.css") is None
    assert _static_path("https://example.org/static/print/print.0123456789ab.css") is None
