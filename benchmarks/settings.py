"""Settings for `make bench`: the production settings, a separate benchmark database and the floor URLs.

The orchestrator (benchmarks/run.py) sets the production environment (DJANGO_DEBUG=false, a
generated secret, loopback hosts, no TLS redirect or secure cookies over plain http); this module
only points the app at its own database and adds the two framework-floor views, so nothing
benchmark-only ships in the app's URLs or ever touches the developer's data.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from infopoint.settings import *  # noqa: F403
from infopoint.settings import DATABASES, INFOPOINT_KIOSK_RATE_LIMITS

BENCH_DATABASE = os.environ.get("INFOPOINT_BENCH_DB", "infopoint_bench")
if not BENCH_DATABASE.startswith("infopoint_bench"):
    raise ImproperlyConfigured("INFOPOINT_BENCH_DB must start with 'infopoint_bench': the benchmark never uses the app's database.")
# Same server (embedded or DATABASE_URL), another database.
DATABASES["default"]["NAME"] = BENCH_DATABASE
ROOT_URLCONF = "benchmarks.floor_urls"

# The bench drives one kiosk device far harder than a visitor can (hundreds of quick-check posts a
# minute): it measures speed, so the per-device limits (tested in tests/openarea/test_kiosk_forgets.py)
# are lifted here.
INFOPOINT_KIOSK_RATE_LIMITS = {action: 1_000_000 for action in INFOPOINT_KIOSK_RATE_LIMITS}
