"""Settings for the app that tests/infopoint/test_database_outage.py runs in a subprocess.

The test settings (DATABASE_URL comes from the environment), but with DEBUG off as in
production: only then does Django answer an error with the project's error pages instead
of its technical debug page.
"""

from tests.settings import *  # noqa: F403

DEBUG = False

# Runs its response part just before the session is saved (tests/outage_hooks.py).
MIDDLEWARE = [
    *MIDDLEWARE[: MIDDLEWARE.index("infopoint.session_save.SessionMiddleware") + 1],  # noqa: F405
    "tests.outage_hooks.StopDatabaseAfterViewMiddleware",
    *MIDDLEWARE[MIDDLEWARE.index("infopoint.session_save.SessionMiddleware") + 1 :],  # noqa: F405
]
