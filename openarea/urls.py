from django.urls import path, register_converter

from openarea.converters import VerificationCodeConverter
from openarea.views import (
    accessibility,
    catalogue,
    feedback,
    kiosk,
    kiosk_advice,
    kiosk_catalogue,
    kiosk_feedback,
    kiosk_receipts,
    public,
    quick_check,
    receipts,
    staff,
)

register_converter(VerificationCodeConverter, "verification_code")

app_name = "openarea"

urlpatterns = [
    path("kiosks/", staff.kiosk_list, name="kiosk-list"),
    path("kiosks/enrol/", staff.kiosk_enrol, name="kiosk-enrol"),
    path("kiosks/<int:pk>/revoke/", staff.kiosk_revoke, name="kiosk-revoke"),
    path("forms/", catalogue.form_list, name="form-list"),
    path("forms/add/", catalogue.form_add, name="form-add"),
    path("forms/<int:form>/", catalogue.form_edit, name="form-edit"),
    path("forms/<int:form>/pdf/", catalogue.form_pdf, name="form-pdf"),
    path("forms/<int:form>/retire/", catalogue.form_retire, name="form-retire"),
    path("forms/<int:form>/reactivate/", catalogue.form_reactivate, name="form-reactivate"),
    path("feedback/", feedback.card_list, name="card-list"),
    path("feedback/<int:card>/", feedback.card_detail, name="card-detail"),
    path("feedback/<int:card>/status/", feedback.card_update, name="card-update"),
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
    path("verify/<verification_code:code>", receipts.receipt_verify, name="receipt-verify"),
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
    path("forms/", kiosk_catalogue.forms, name="forms"),
    path("forms/<slug:slug>/", kiosk_catalogue.form_detail, name="form-detail"),
    path("forms/<slug:slug>/print/", kiosk_catalogue.form_print, name="form-print"),
    path("forms/<slug:slug>/form.pdf", kiosk_catalogue.form_pdf, name="form-pdf"),
    path("forms/<slug:slug>/online/", kiosk_catalogue.form_online, name="form-online"),
    path("feedback/", kiosk_feedback.feedback, name="feedback"),
    path("feedback/thanks/", kiosk_feedback.thanks, name="feedback-thanks"),
    path("receipt-check/", kiosk_receipts.receipt_check, name="receipt-check"),
    path("hand-in/", kiosk_receipts.hand_in, name="hand-in"),
    path("hand-in/code/", kiosk_receipts.hand_in_done, name="hand-in-done"),
    path("accessibility/", accessibility.kiosk_statement, name="accessibility"),
]

# Mounted at /info/<lang>/ under the "info" namespace: the public web pages.
public_patterns = [
    path("", public.start, name="start"),
    path("offices/", public.offices, name="offices"),
    path("check/", quick_check.public_check, name="check"),
    path("check/print/", quick_check.public_check_print, name="check-print"),
    path("forms/", public.forms, name="forms"),
    path("forms/<slug:slug>/", public.form_detail, name="form-detail"),
    path("forms/<slug:slug>/form.pdf", public.form_pdf, name="form-pdf"),
    path("accessibility/", accessibility.public_statement, name="accessibility"),
]
