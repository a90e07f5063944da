"""Test-only middleware for the outage tests (loaded by tests/settings_outage.py only).

``Outage-Test: stop-after-view`` on a request stops the test's own PostgreSQL (the folder in
OUTAGE_TEST_PGDATA) after the view has returned and before the session is saved: the
moment a database restart hits a receipt that has just been committed.
"""

import os
import subprocess
import sys

from django.conf import settings


class StopDatabaseAfterViewMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        folder = os.environ.get("OUTAGE_TEST_PGDATA")
        if folder and request.headers.get("Outage-Test") == "stop-after-view":
            subprocess.run(
                [sys.executable, "-m", "infopoint.lib.embedded_db", "stop"],
                cwd=settings.BASE_DIR, env={**os.environ, "INFOPOINT_PGDATA": folder}, check=True, timeout=120,
            )
        return response
