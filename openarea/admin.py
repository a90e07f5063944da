from django.contrib import admin
from django.db import models

from openarea.models import KioskDevice, KioskUsage, OnlineApplicationDomain, PrintableForm


@admin.register(KioskDevice)
class KioskDeviceAdmin(admin.ModelAdmin):
    list_display = ["name", "enrolled_at", "last_seen_at", "revoked_at"]
    fields = ["name", "enrolled_at", "enrolled_by", "last_seen_at", "revoked_at", "revoked_by"]
    readonly_fields = ["enrolled_at", "enrolled_by", "last_seen_at", "revoked_at", "revoked_by"]

    def has_add_permission(self, request):
        # Devices are enrolled from the browser that becomes the kiosk (Open area > Kiosks).
        return False


@admin.register(KioskUsage)
class KioskUsageAdmin(admin.ModelAdmin):
    """Anonymous counts, for looking only: the statistics read them."""

    list_display = ["day", "kind", "key", "count"]
    list_filter = ["kind"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PrintableForm)
class PrintableFormAdmin(admin.ModelAdmin):
    """For corrections; staff normally keep the catalogue under Open area > Forms."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    list_display = ["title_de", "benefit", "office_kind", "is_active", "order"]
    list_filter = ["is_active", "benefit"]
    readonly_fields = ["slug", "pdf_uploaded_at"]


@admin.register(OnlineApplicationDomain)
class OnlineApplicationDomainAdmin(admin.ModelAdmin):
    """The official portals whose addresses the kiosk may open (issue 21); every change is in the audit log."""

    list_display = ["domain", "owner", "updated_at"]
    search_fields = ["domain", "owner"]
    fields = ["domain", "owner"]
