"""Writes of the open area."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from openarea.models import KioskDevice


@transaction.atomic
def kiosk_device_enrol(*, name: str, actor) -> KioskDevice:
    """Register a new kiosk device; the caller puts its cookie on the browser."""
    device = KioskDevice(name=name.strip(), enrolled_by=actor)
    device.full_clean()
    device.save()
    return device


@transaction.atomic
def kiosk_device_revoke(*, device: KioskDevice, actor) -> KioskDevice:
    """Withdraw a device's kiosk status at once; its cookie stops working on the next request."""
    if device.revoked_at is None:
        device.revoked_at = timezone.now()
        device.revoked_by = actor
        device.save(update_fields=["revoked_at", "revoked_by"])
    return device
