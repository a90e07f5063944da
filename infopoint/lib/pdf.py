"""The only place that calls WeasyPrint.

Printed pages are built as HTML (templates extending ``base_print.html``) and turned
into PDF here. Stylesheets, fonts and images load from the static files on disk, never
over the network, so printing works offline and leaks nothing to third parties.
"""

from __future__ import annotations

import os
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language, get_language_bidi

# A base URL that can never be fetched over the network: every resource must be static.
PRINT_BASE_URL = "https://infopoint.invalid/"


def _static_path(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.netloc != "infopoint.invalid" or not parts.path.startswith(settings.STATIC_URL):
        return None
    relative = unquote(parts.path[len(settings.STATIC_URL) :])
    try:
        found = finders.find(relative)
        if found is None and settings.STATIC_ROOT:
            # In production {% static %} gives the manifest's hashed name, which only the collected copy has.
            collected = staticfiles_storage.path(relative)
            found = collected if os.path.isfile(collected) else None
    except (SuspiciousFileOperation, NotImplementedError):  # a path outside the static files
        return None
    return found


def _fetcher_class():
    from weasyprint.urls import URLFetcher  # noqa: PLC0415 - keeps Pango out of every import

    class StaticFilesFetcher(URLFetcher):
        """Serves /static/… from disk; refuses everything else."""

        def __init__(self):
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_path(url)
            if path is None:
                raise ValueError(f"Only static files may be used in printouts, not {url}")
            return super().fetch(f"file://{path}", headers)

    return StaticFilesFetcher


def print_context() -> dict:
    """What base_print.html needs; printouts are rendered without a request."""
    return {
        "LANGUAGE_CODE": get_language(),
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        "site_title": settings.SITE_TITLE,
    }


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415

    html = render_to_string(template_name, {**print_context(), **context})
    return HTML(string=html, base_url=PRINT_BASE_URL, url_fetcher=_fetcher_class()()).write_pdf()


def pdf_response(template_name: str, context: dict, *, filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
