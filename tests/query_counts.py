"""Counting a page's SQL queries in tests: the number must not grow with the data shown."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(client, url, *, method="get", data=None, **extra) -> list[str]:
    """The SQL of one request, after a first one that may do one-off work (CSRF cookie, activity stamp)."""
    send = getattr(client, method)
    send(url, data, **extra)
    with CaptureQueriesContext(connection) as captured:
        response = send(url, data, **extra)
    assert response.status_code == 200, response.status_code
    # Savepoints come from the test's transaction around ATOMIC_REQUESTS, not from the page.
    return [query["sql"] for query in captured if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
