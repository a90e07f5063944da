"""Cross-cutting middleware: allowed methods, the access matrix and no-store caching."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpResponseNotAllowed
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import patch_cache_control
from django_htmx.http import HttpResponseClientRedirect

from infopoint.lib.access import rule_for
from infopoint.lib.request_params import has_control_characters
from infopoint.lib.roles import Role, role_of_request

security_log = logging.getLogger("infopoint.security")

ALLOWED_METHODS = ("GET", "HEAD", "POST")


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's default-deny log-in check; htmx requests get HX-Redirect, so an expired
    session sends the whole browser to the log-in instead of swapping it into a fragment."""

    def handle_no_permission(self, request, view_func):
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(resolve_url(settings.LOGIN_URL))
        return super().handle_no_permission(request, view_func)


class AllowedMethodsMiddleware:
    """Only GET, HEAD and POST exist here (security.md A5); and no address of ours carries
    control characters (a NUL byte in ?draft= or /verify/ made PostgreSQL fail with a 500):
    such a path or query is a 400 before any view or database sees it (issue 21)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        if has_control_characters(request.path) or any(
            has_control_characters(key) or has_control_characters(value)
            for key, values in request.GET.lists()
            for value in values
        ):
            security_log.info("control characters in the address refused", extra={"event": "bad_query_refused", "path_length": len(request.path)})
            raise BadRequest("control characters in the path or query")
        return self.get_response(request)


class AccessMatrixMiddleware:
    """Applies ``infopoint.lib.access.ACCESS_MATRIX`` to every resolved view (default deny).

    Runs after LoginRequiredMiddleware (anonymous visitors of staff pages are already
    redirected to the log-in) and after KioskMiddleware (kiosk devices are already
    confined to /kiosk/).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        access = rule_for(match.namespace, match.url_name)
        role = role_of_request(request)
        request.role = role
        if access is not None and role in access.roles:
            return None
        if role == Role.ANONYMOUS:
            return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
        security_log.warning(
            "permission denied",
            extra={"event": "permission_denied", "view": match.view_name, "role": str(role)},
        )
        raise PermissionDenied


class DefaultLanguageMiddleware(LocaleMiddleware):
    """German unless someone chose a language here; the browser's wish is ignored.

    The kiosk is a shared PC: what the last person (or the PC's set-up) asked for must
    not decide what the next person sees, and staff PCs work in German by default.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class NoStoreMiddleware:
    """No page of the Infopoint may stay in a browser cache (security.md D4)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response
