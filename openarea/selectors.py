from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from openarea.models import KioskDevice


def kiosk_device_list() -> QuerySet[KioskDevice]:
    return KioskDevice.objects.select_related("enrolled_by", "revoked_by").order_by("revoked_at", "name")


def kiosk_device_get(*, pk: int) -> KioskDevice:
    return get_object_or_404(KioskDevice, pk=pk)
