"""Models of the open area, one module per subject; import them from here."""

from openarea.models.kiosk import KioskDevice, new_device_token
from openarea.models.receipts import (
    Forwarding,
    ForwardingWay,
    HandInChannel,
    HandInDraft,
    ImmutableRecordError,
    Receipt,
    ReceiptCounter,
    ReceiptDocument,
    ReceiptKind,
)
from openarea.models.usage import KioskUsage, UsageKind

__all__ = [
    "Forwarding",
    "ForwardingWay",
    "HandInChannel",
    "HandInDraft",
    "ImmutableRecordError",
    "KioskDevice",
    "KioskUsage",
    "Receipt",
    "ReceiptCounter",
    "ReceiptDocument",
    "ReceiptKind",
    "UsageKind",
    "new_device_token",
]
