"""Admin helpers: the Django admin is a way of reading personal data too."""

from django.contrib import admin

from infopoint.lib.admin_fields import ChoiceArrayAdminMixin
from infopoint.lib.audit import log_read


class ReadLoggedAdmin(ChoiceArrayAdminMixin, admin.ModelAdmin):
    """Writes a read-access audit entry whenever one record is opened in the admin (security.md G2)."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, admin.utils.unquote(object_id))
            if obj is not None:
                log_read(actor=request.user, instance=obj, purpose="admin-change-view")
        return super().change_view(request, object_id, form_url, extra_context)
