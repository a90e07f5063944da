from django.contrib import admin
from django.db import models

from infopoint.lib.admin import ReadLoggedAdmin
from infopoint.lib.admin_fields import ChoiceArrayAdminMixin
from referrals.models import InfopointAppointment, Office, Referral


@admin.register(Office)
class OfficeAdmin(ChoiceArrayAdminMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "phone", "checked_on", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "street"]
    fields = [
        "name",
        "kind",
        "street",
        "postcode",
        "city",
        "transit_stop",
        "phone",
        "email",
        "website",
        "opening_hours",
        "benefits",
        "districts",
        "languages",
        "checked_on",
        "is_active",
    ]


@admin.register(Referral)
class ReferralAdmin(ReadLoggedAdmin):
    """For corrections by the administration; advisors work in /referrals/."""

    list_display = ["pk", "benefit", "office", "status", "created_at", "organisation"]
    list_filter = ["status", "benefit", "organisation"]
    raw_id_fields = ["visitor", "visit", "screening_run", "created_by"]
    readonly_fields = ["status", "status_changed_at", "closed_reason", "created_at"]


@admin.register(InfopointAppointment)
class InfopointAppointmentAdmin(ReadLoggedAdmin):
    """Cancelling or moving a talk at the Infopoint."""

    list_display = ["starts_at", "advisor", "purpose", "organisation"]
    list_filter = ["purpose", "advisor"]
    raw_id_fields = ["visitor", "advisor", "booked_by"]
    readonly_fields = ["booked_by", "booked_at"]
