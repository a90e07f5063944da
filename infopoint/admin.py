from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from infopoint.models import StaffProfile


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
