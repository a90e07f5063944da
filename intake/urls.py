from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path("", views.home, name="home"),
    path("visitors/<str:code>/", views.visitor_detail, name="visitor-detail"),
    path("visitors/<str:code>/sheet.pdf", views.visitor_sheet, name="visitor-sheet"),
]
