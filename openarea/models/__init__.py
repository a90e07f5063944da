"""Models of the open area, one module per subject; import them from here."""

from openarea.models.catalogue import OnlineApplicationDomain, PrintableForm
from openarea.models.feedback import CardKind, CardStatus, YellowCard, YellowCardStatusChange
from openarea.models.kiosk import KioskDevice, KioskRateCount, new_device_token
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
    "CardKind",
    "CardStatus",
    "Forwarding",
    "ForwardingWay",
    "HandInChannel",
    "HandInDraft",
    "ImmutableRecordError",
    "KioskDevice",
    "KioskRateCount",
    "KioskUsage",
    "OnlineApplicationDomain",
    "PrintableForm",
    "Receipt",
    "ReceiptCounter",
    "ReceiptDocument",
    "ReceiptKind",
    "UsageKind",
    "YellowCard",
    "YellowCardStatusChange",
    "new_device_token",
]
