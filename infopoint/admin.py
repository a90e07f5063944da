from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext

from infopoint.models import ClosedDay, OpeningPeriod, StaffProfile


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    fields = ["organisation"]
    can_delete = False


admin.site.unregister(User)


@admin.register(User)
class InfopointUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]

    def get_deleted_objects(self, objs, request):
        """An account named in the audit log cannot be deleted (the database refuses to blank the
        entries' actor, infopoint migration 0005): say so on the confirmation page instead of failing."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for user in objs:
            entries = LogEntry.objects.filter(actor=user).count()
            if entries:
                protected.append(
                    gettext(
                        "%(user)s: audit log entries name this account (%(count)d), and they cannot be changed. "
                        "Deactivate the account instead by unticking “Active”."
                    )
                    % {"user": user.get_username(), "count": entries}
                )
        return deleted, model_count, perms_needed, protected


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class UnchangeableLogEntryAdmin(LogEntryAdmin):
    """auditlog's own admin, minus the delete it allows on cascades: nobody adds, changes or deletes entries."""

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.site_header = "Infopoint Sozialleistungen"
admin.site.site_title = "Infopoint Sozialleistungen"


@admin.register(OpeningPeriod)
class OpeningPeriodAdmin(admin.ModelAdmin):
    """The Infopoint's weekly hours: shown on the kiosk, /info/, printouts; appointment slots follow them."""

    list_display = ["weekday", "opens", "closes"]
    ordering = ["weekday", "opens"]
    fields = ["weekday", "opens", "closes"]


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):
    """Extra closed days; public holidays in Baden-Württemberg are closed without an entry."""

    list_display = ["day", "reason"]
    fields = ["day", "reason"]
    date_hierarchy = "day"
