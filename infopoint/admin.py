from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from infopoint.models import ClosedDay, OpeningPeriod, StaffProfile


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    fields = ["organisation"]
    can_delete = False


admin.site.unregister(User)


@admin.register(User)
class InfopointUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]


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
