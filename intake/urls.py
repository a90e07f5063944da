from django.urls import path, register_converter

from intake import views
from intake.converters import VisitorCodeConverter

register_converter(VisitorCodeConverter, "visitor_code")

app_name = "intake"

urlpatterns = [
    path("", views.home, name="home"),
    path("visitors/<visitor_code:code>/", views.visitor_detail, name="visitor-detail"),
    path("visitors/<visitor_code:code>/sheet.pdf", views.visitor_sheet, name="visitor-sheet"),
]
