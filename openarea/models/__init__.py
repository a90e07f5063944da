"""Models of the open area, one module per subject; import them from here."""

from openarea.models.kiosk import KioskDevice, new_device_token
from openarea.models.usage import KioskUsage, UsageKind

__all__ = ["KioskDevice", "KioskUsage", "UsageKind", "new_device_token"]
