from django.contrib import admin
from django.db import models

from referrals.models import Office


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
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
