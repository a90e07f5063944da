from django.urls import path

from openarea.views import kiosk, kiosk_receipts, receipts, staff

app_name = "openarea"

urlpatterns = [
    path("kiosks/", staff.kiosk_list, name="kiosk-list"),
    path("kiosks/enrol/", staff.kiosk_enrol, name="kiosk-enrol"),
    path("kiosks/<int:pk>/revoke/", staff.kiosk_revoke, name="kiosk-revoke"),
    path("receipts/", receipts.receipt_list, name="receipt-list"),
    path("receipts/new/", receipts.receipt_new, name="receipt-new"),
    path("receipts/informal/new/", receipts.informal_new, name="receipt-informal-new"),
    path("receipts/power-of-attorney/", receipts.power_of_attorney, name="power-of-attorney"),
    path("receipts/<int:pk>/", receipts.receipt_detail, name="receipt-detail"),
    path("receipts/<int:pk>/pdf/", receipts.receipt_pdf, name="receipt-pdf"),
    path("receipts/<int:pk>/label/", receipts.receipt_label, name="receipt-label"),
    path("receipts/<int:pk>/letter/", receipts.receipt_letter, name="receipt-letter"),
    path("receipts/<int:pk>/cancel/", receipts.receipt_cancel, name="receipt-cancel"),
    path("receipts/<int:pk>/forward/", receipts.receipt_forward, name="receipt-forward"),
    path("receipts/forwarding/<int:office>/", receipts.forwarding_sheet, name="forwarding-sheet"),
    path("receipts/forwarding/<int:office>/forward/", receipts.forwarding_record, name="forwarding-record"),
]

# Mounted at the top level (infopoint/urls.py): the link in a receipt's QR code, for staff.
verify_patterns = [
    path("verify/<str:code>", receipts.receipt_verify, name="receipt-verify"),
]

# Mounted at /kiosk/ under the single "kiosk" namespace (infopoint/urls.py).
kiosk_patterns = [
    path("", kiosk.start, name="start"),
    path("offices/", kiosk.offices, name="offices"),
    path("language/", kiosk.set_language, name="set-language"),
    path("reset/", kiosk.reset, name="reset"),
    path("receipt-check/", kiosk_receipts.receipt_check, name="receipt-check"),
    path("hand-in/", kiosk_receipts.hand_in, name="hand-in"),
    path("hand-in/code/", kiosk_receipts.hand_in_done, name="hand-in-done"),
]
