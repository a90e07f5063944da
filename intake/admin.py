from django.contrib import admin

from infopoint.lib.admin import ReadLoggedAdmin
from intake.models import Visit, Visitor


class NoDeleteAdmin(ReadLoggedAdmin):
    """No delete page and no "delete selected" action: a visitor is removed only through the
    erasure workflow (intake:visitor-erase, ``intake.services.visitor_erase``), which also
    anonymises receipts, screening inputs and referral texts and keeps the counts (issue 21)."""

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Visitor)
class VisitorAdmin(NoDeleteAdmin):
    list_display = ["code", "district", "created_at"]
    search_fields = ["code"]
    fields = ["code", "name", "birth_year", "district", "languages", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Visit)
class VisitAdmin(NoDeleteAdmin):
    """Contacts are counted in the statistics and carry receipts: the erasure keeps them, anonymous."""

    list_display = ["pk", "arrived_at", "channel", "status", "organisation"]
    list_filter = ["channel", "status", "organisation"]
    fields = ["visitor", "arrived_at", "channel", "status", "language", "organisation", "advisor"]
    raw_id_fields = ["visitor", "advisor"]
