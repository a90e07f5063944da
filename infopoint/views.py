"""Project-wide views: health check and the plain error pages."""

from __future__ import annotations

import logging
import secrets
import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.views.decorators.http import require_safe

logger = logging.getLogger("infopoint.errors")
security_log = logging.getLogger("infopoint.security")


@login_not_required
@transaction.non_atomic_requests
@require_safe
def healthz(request):
    """200 with ``{"status": "ok"}`` when the app and its database answer, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _plain(request, template: str, status: int, context: dict | None = None) -> HttpResponse:
    # Error pages never touch the database and never show a traceback. A kiosk's way back
    # is its own start page: every other page is closed to it.
    on_kiosk = getattr(request, "kiosk", None) is not None
    home = "/kiosk/" if on_kiosk else "/"
    language = get_language() if get_language() in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    accessibility = reverse("kiosk:accessibility") if on_kiosk else reverse("info:accessibility", kwargs={"lang": language})
    context = {
        **(context or {}),
        "home_url": home,
        "accessibility_url": accessibility,
        "LANGUAGE_CODE": get_language(),
        "LANGUAGE_BIDI": get_language_bidi(),
    }
    body = render_to_string(template, context, request=None)
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None):
    return _plain(request, "errors/400.html", 400)


def permission_denied(request, exception=None):
    return _plain(request, "errors/403.html", 403)


def page_not_found(request, exception=None):
    return _plain(request, "errors/404.html", 404)


def csrf_failure(request, reason=""):
    security_log.warning("csrf failure", extra={"event": "csrf_failure", "path": request.path})
    return _plain(request, "errors/403_csrf.html", 403)


def server_error(request):
    error = sys.exc_info()[1]
    error_id = secrets.token_hex(4)
    if isinstance(error, (OperationalError, InterfaceError)):
        logger.error("database unavailable", extra={"event": "database_unavailable", "error_id": error_id})
        if request.path == "/healthz":
            return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        return _plain(request, "errors/503.html", 503, {"error_id": error_id})
    logger.error("server error", exc_info=True, extra={"event": "server_error", "error_id": error_id})
    return _plain(request, "errors/500.html", 500, {"error_id": error_id})
