"""Writes of the open area."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from infopoint.lib.once import once
from openarea.models import KioskDevice, KioskUsage

security_log = logging.getLogger("infopoint.security")


@transaction.atomic
def kiosk_device_enrol(*, name: str, actor, token=None) -> KioskDevice:
    """Register a new kiosk device; the caller puts its cookie on the browser.

    The form sent twice (same one-time ``token``) gives the device of the first submission."""
    return once(KioskDevice, token, lambda: _kiosk_device_enrol(name=name, actor=actor, token=token))


def _kiosk_device_enrol(*, name: str, actor, token) -> KioskDevice:
    device = KioskDevice(name=name.strip(), enrolled_by=actor, form_token=token)
    device.full_clean(exclude=["form_token"])
    device.save()
    security_log.info("kiosk enrolled", extra={"event": "kiosk_enrolled", "device_id": device.pk, "user_id": actor.pk})
    return device


@transaction.atomic
def kiosk_device_revoke(*, device: KioskDevice, actor) -> KioskDevice:
    """Withdraw a device's kiosk status at once; its cookie stops working on the next request."""
    if device.revoked_at is None:
        device.revoked_at = timezone.now()
        device.revoked_by = actor
        device.save(update_fields=["revoked_at", "revoked_by"])
        security_log.info("kiosk revoked", extra={"event": "kiosk_revoked", "device_id": device.pk, "user_id": actor.pk})
    return device


def kiosk_use_record(*, kind: str, key: str = "") -> None:
    """Count one anonymous kiosk use for today (Europe/Berlin); safe under concurrency."""
    day = timezone.localdate()
    key = key[:80]
    rows = KioskUsage.objects.filter(day=day, kind=kind, key=key)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            KioskUsage.objects.create(day=day, kind=kind, key=key, count=1)
    except IntegrityError:
        # Another request created today's row between our update and insert.
        rows.update(count=F("count") + 1)
