"""Writes of the open area."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from openarea.models import KioskDevice

security_log = logging.getLogger("infopoint.security")


@transaction.atomic
def kiosk_device_enrol(*, name: str, actor) -> KioskDevice:
    """Register a new kiosk device; the caller puts its cookie on the browser."""
    device = KioskDevice(name=name.strip(), enrolled_by=actor)
    device.full_clean()
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
