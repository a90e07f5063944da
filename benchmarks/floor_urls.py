"""The project's URLs plus the framework floor: a constant string and a 20-row table from PostgreSQL.

Both floor views go through the full middleware stack as a logged-in advisor (session, user,
role, access matrix, CSP, audit middleware), like every staff page, so that the ratio page / floor
shows what the page itself costs. Only benchmarks/settings.py selects this module.
"""

from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from infopoint.lib.access import ACCESS_MATRIX, STAFF, rule
from infopoint.urls import handler400, handler403, handler404, handler500  # noqa: F401
from infopoint.urls import urlpatterns as app_urlpatterns

TABLE_TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang=\"de\"><head><title>Floor</title></head><body><table>"
    "<thead><tr><th>Code</th><th>District</th><th>Created</th></tr></thead><tbody>"
    "{% for row in rows %}<tr><td>{{ row.0 }}</td><td>{{ row.1 }}</td><td>{{ row.2|date:'d.m.Y H:i' }}</td></tr>{% endfor %}"
    "</tbody></table></body></html>"
)


def constant(request):
    return HttpResponse("Infopoint benchmark floor", content_type="text/plain")


def table20(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT code, district, created_at FROM intake_visitor ORDER BY id DESC LIMIT 20")
        rows = cursor.fetchall()
    return HttpResponse(TABLE_TEMPLATE.render({"rows": rows}, request))


# Benchmark-only entries; the app's matrix module is not changed (the test of the matrix never sees these).
ACCESS_MATRIX["bench-constant"] = rule(*STAFF)
ACCESS_MATRIX["bench-table20"] = rule(*STAFF)

urlpatterns = [
    path("__bench__/constant", constant, name="bench-constant"),
    path("__bench__/table20", table20, name="bench-table20"),
    *app_urlpatterns,
]
