from django.urls import path

from openarea.views import kiosk, kiosk_advice, public, quick_check, staff

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
    path("check/", quick_check.kiosk_check, name="check"),
    path("check/print/", quick_check.kiosk_check_print, name="check-print"),
    path("advice/", kiosk_advice.advice, name="advice"),
    path("advice/sent/", kiosk_advice.advice_sent, name="advice-sent"),
    path("language/", kiosk.set_language, name="set-language"),
    path("reset/", kiosk.reset, name="reset"),
]

# Mounted at /info/<lang>/ under the "info" namespace: the public web pages.
public_patterns = [
    path("", public.start, name="start"),
    path("offices/", public.offices, name="offices"),
    path("check/", quick_check.public_check, name="check"),
    path("check/print/", quick_check.public_check_print, name="check-print"),
]
