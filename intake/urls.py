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
    path("visitors/<visitor_code:code>/", views.visitor_detail, name="visitor-detail"),
    path("visitors/<visitor_code:code>/sheet.pdf", views.visitor_sheet, name="visitor-sheet"),
]
