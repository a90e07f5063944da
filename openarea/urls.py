from django.urls import path

from openarea.views import kiosk, staff

app_name = "openarea"

urlpatterns = [
    path("kiosks/", staff.kiosk_list, name="kiosk-list"),
    path("kiosks/enrol/", staff.kiosk_enrol, name="kiosk-enrol"),
    path("kiosks/<int:pk>/revoke/", staff.kiosk_revoke, name="kiosk-revoke"),
]

# Mounted at /kiosk/ under the single "kiosk" namespace (infopoint/urls.py).
kiosk_patterns = [
    path("", kiosk.start, name="start"),
    path("offices/", kiosk.offices, name="offices"),
    path("language/", kiosk.set_language, name="set-language"),
    path("reset/", kiosk.reset, name="reset"),
]
