"""Test settings: the real settings, with a fast hasher and in-memory mail."""

from infopoint.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LANGUAGE_CODE = "de"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Every test counts afresh; tests/stats/test_dashboard_view.py checks the reuse explicitly.
INFOPOINT_STATS_CACHE_SECONDS = 0
# Every widget any test renders is drawn both in Python and by Django's templates; a difference
# fails the test (tests/checked_form_renderer.py).
FORM_RENDERER = "tests.checked_form_renderer.CheckedWidgetRenderer"
# Receipts issued by tests (also by servers they start) never raise the record of the
# development database's receipt numbers (issue 21); the autouse fixture narrows it per test.
INFOPOINT_ISSUED_NUMBERS_FILE = BASE_DIR / ".data" / "test-issued-receipt-numbers.json"  # noqa: F405
