from django.contrib import admin

from referrals.models import Office


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "phone", "checked_on", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "street"]
    fields = [
        "name",
        "kind",
        "street",
        "postcode",
        "city",
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
