from django.contrib import admin

from infopoint.lib.admin import ReadLoggedAdmin
from intake.models import Visit, Visitor


@admin.register(Visitor)
class VisitorAdmin(ReadLoggedAdmin):
    list_display = ["code", "district", "created_at"]
    search_fields = ["code"]
    fields = ["code", "name", "birth_year", "district", "languages", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Visit)
class VisitAdmin(ReadLoggedAdmin):
    list_display = ["pk", "arrived_at", "channel", "status", "organisation"]
    list_filter = ["channel", "status", "organisation"]
    fields = ["visitor", "arrived_at", "channel", "status", "language", "organisation", "advisor"]
    raw_id_fields = ["visitor", "advisor"]
