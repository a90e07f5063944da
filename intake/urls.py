from django.urls import path, register_converter

from intake import views
from intake.converters import VisitorCodeConverter

register_converter(VisitorCodeConverter, "visitor_code")

app_name = "intake"

urlpatterns = [
    path("", views.home, name="home"),
    path("waiting/", views.waiting_list, name="waiting"),
    path("walk-in/", views.walk_in, name="walk-in"),
    path("visits/<int:pk>/take/", views.visit_take, name="visit-take"),
    path("visits/<int:pk>/", views.visit_finish, name="visit-finish"),
    path("visitors/search/", views.visitor_search, name="visitor-search"),
    path("visitors/<visitor_code:code>/", views.visitor_detail, name="visitor-detail"),
    path("visitors/<visitor_code:code>/update/", views.visitor_update, name="visitor-update"),
    path("visitors/<visitor_code:code>/visit/", views.visit_open, name="visit-open"),
    path("visitors/<visitor_code:code>/notes/", views.note_add, name="note-add"),
    path("visitors/<visitor_code:code>/follow-ups/", views.follow_up_add, name="follow-up-add"),
    path("visitors/<visitor_code:code>/erase/", views.visitor_erase, name="visitor-erase"),
    path("visitors/<visitor_code:code>/merge/", views.visitor_merge, name="visitor-merge"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow-up-done"),
    path("events/", views.events, name="events"),
    path("visitors/<visitor_code:code>/sheet.pdf", views.visitor_sheet, name="visitor-sheet"),
    path("visitors/<visitor_code:code>/access-request.json", views.visitor_export_json, name="visitor-export-json"),
    path("visitors/<visitor_code:code>/access-request.pdf", views.visitor_export_pdf, name="visitor-export-pdf"),
]
