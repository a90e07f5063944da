"""Where browsers report Content-Security-Policy violations (issue 21).

The policy (settings ``CONTENT_SECURITY_POLICY``) names this endpoint twice: ``report-uri``
(every browser) and ``report-to csp`` with the ``Reporting-Endpoints`` header set by
:class:`ReportingEndpointsMiddleware` (browsers with the Reporting API prefer it). Each
violation becomes one ``csp_violation`` line in the security log with the directive, where
the blocked thing came from (scheme and host only, or ``inline`` / ``eval``), the page's
path (no query string: it could hold a visitor code) and this process's count within the
current minute.

Anyone may post here, also a kiosk (a violation on the kiosk is the most interesting one),
so the endpoint is cheap and bounded: bodies over 64 KB are refused (413), at most
``INFOPOINT_CSP_REPORTS_PER_MINUTE`` reports per client address and minute are logged
(beyond that: 429, and one ``csp_reports_throttled`` line per address and minute), and
whatever is not a report answers 400, never 500.
"""

from __future__ import annotations

import json
import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from infopoint.login_throttle import client_address
from infopoint.signals import username_pseudonym

security_log = logging.getLogger("infopoint.security")

MAX_BODY_BYTES = 64 * 1024
MAX_REPORTS_PER_BODY = 20
_KEYWORDS = {"inline", "eval", "wasm-eval", "data", "blob", "self", "trusted-types-policy", "trusted-types-sink"}


def _short(value, limit: int = 120) -> str:
    text = value if isinstance(value, str) else ""
    return "".join(char for char in text if char.isprintable())[:limit]


def _origin(value) -> str:
    """Where the blocked resource came from, without path or query (no personal data)."""
    text = _short(value, 2000)
    if text in _KEYWORDS or not text:
        return text
    parts = urlsplit(text)
    if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname:
        return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return parts.scheme[:20] if parts.scheme else "other"


def _path(value) -> str:
    return _short(urlsplit(_short(value, 2000)).path, 200)


def _reports(body: bytes) -> list[dict]:
    """The violations in a ``report-uri`` body (one ``csp-report`` object) or a Reporting API body (a list)."""
    data = json.loads(body.decode("utf-8"))
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        raw = data["csp-report"]
        return [
            {
                "directive": raw.get("effective-directive") or raw.get("violated-directive"),
                "blocked": raw.get("blocked-uri"),
                "page": raw.get("document-uri"),
                "disposition": raw.get("disposition", "enforce"),
            }
        ]
    if isinstance(data, list) and 0 < len(data) <= MAX_REPORTS_PER_BODY:
        found = []
        for entry in data:
            if not isinstance(entry, dict) or entry.get("type") != "csp-violation" or not isinstance(entry.get("body"), dict):
                continue
            raw = entry["body"]
            found.append(
                {
                    "directive": raw.get("effectiveDirective"),
                    "blocked": raw.get("blockedURL"),
                    "page": raw.get("documentURL") or entry.get("url"),
                    "disposition": raw.get("disposition", "enforce"),
                }
            )
        if found:
            return found
    raise ValueError("not a CSP report")


def _count(key: str, timeout: int = 120) -> int:
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


@login_not_required
@csrf_exempt
@transaction.non_atomic_requests
@require_POST
def csp_report(request):
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY_BYTES:
        return HttpResponse(status=413)
    minute = int(time.time() // 60)
    address = username_pseudonym(f"address:{client_address(request)}")
    if _count(f"csp-report:{address}:{minute}") > settings.INFOPOINT_CSP_REPORTS_PER_MINUTE:
        if cache.add(f"csp-report-throttled:{address}:{minute}", 1, 120):
            security_log.warning("csp reports throttled", extra={"event": "csp_reports_throttled", "address": address})
        return HttpResponse(status=429)
    try:
        reports = _reports(request.body[: MAX_BODY_BYTES + 1])
    except (ValueError, UnicodeDecodeError, RecursionError):
        return HttpResponse(status=400)
    for report in reports:
        count = _count(f"csp-violations:{minute}")
        security_log.warning(
            "csp violation",
            extra={
                "event": "csp_violation",
                "directive": _short(report["directive"], 60),
                "blocked": _origin(report["blocked"]),
                "page": _path(report["page"]),
                "disposition": _short(report["disposition"], 10),
                "count": count,
            },
        )
    return HttpResponse(status=204)


class ReportingEndpointsMiddleware:
    """Names the report endpoint for ``report-to`` (the Reporting API) on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.header is None:
            self.header = f'csp="{reverse("csp-report")}"'
        response.setdefault("Reporting-Endpoints", self.header)
        return response
