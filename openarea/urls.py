from django.urls import path

from openarea.views import catalogue, feedback, kiosk, kiosk_catalogue, kiosk_feedback, staff

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
]

# Mounted at /kiosk/ under the single "kiosk" namespace (infopoint/urls.py).
kiosk_patterns = [
    path("", kiosk.start, name="start"),
    path("offices/", kiosk.offices, name="offices"),
    path("language/", kiosk.set_language, name="set-language"),
    path("reset/", kiosk.reset, name="reset"),
    path("forms/", kiosk_catalogue.forms, name="forms"),
    path("forms/<slug:slug>/", kiosk_catalogue.form_detail, name="form-detail"),
    path("forms/<slug:slug>/print/", kiosk_catalogue.form_print, name="form-print"),
    path("forms/<slug:slug>/form.pdf", kiosk_catalogue.form_pdf, name="form-pdf"),
    path("forms/<slug:slug>/online/", kiosk_catalogue.form_online, name="form-online"),
    path("feedback/", kiosk_feedback.feedback, name="feedback"),
    path("feedback/thanks/", kiosk_feedback.thanks, name="feedback-thanks"),
]
