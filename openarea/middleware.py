"""Kiosk separation (conventions 4.4): a kiosk browser sees /kiosk/ and nothing else."""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404
from django.utils import timezone

from infopoint.views import page_not_found
from openarea.kiosk_cookie import read_device_cookie, token_matches
from openarea.models import KioskDevice

KIOSK_NAMESPACE = "kiosk"
KIOSK_PREFIX = "/kiosk/"
# Outside /kiosk/, a kiosk may only report Content-Security-Policy violations (issue 21).
KIOSK_ALSO = frozenset({"/csp-report/"})
_LAST_SEEN_EVERY = timedelta(minutes=10)


def _device_for(request) -> KioskDevice | None:
    presented = read_device_cookie(request)
    if presented is None:
        return None
    device_id, token = presented
    device = KioskDevice.objects.filter(pk=device_id, revoked_at__isnull=True).first()
    if device is None or not token_matches(device, token):
        return None
    now = timezone.now()
    if device.last_seen_at is None or now - device.last_seen_at > _LAST_SEEN_EVERY:
        KioskDevice.objects.filter(pk=device.pk).update(last_seen_at=now)
    return device


class KioskMiddleware:
    """Sets ``request.kiosk`` and confines kiosks to the ``kiosk`` namespace.

    A kiosk asking for any other page gets a 404 (not a 403: the kiosk should not learn
    which staff pages exist). A browser that is neither a kiosk nor logged-in staff gets a
    404 for kiosk pages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.kiosk = _device_for(request)
        if request.kiosk is not None and not request.path.startswith(KIOSK_PREFIX) and request.path not in KIOSK_ALSO:
            return page_not_found(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        in_kiosk_namespace = request.resolver_match.namespace == KIOSK_NAMESPACE
        if request.kiosk is not None and not in_kiosk_namespace and request.path not in KIOSK_ALSO:
            raise Http404
        if in_kiosk_namespace and request.kiosk is None and not request.user.is_authenticated:
            raise Http404
        return None
