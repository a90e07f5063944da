from django.urls import path

from screening import rescreen_views, views

app_name = "screening"

urlpatterns = [
    path("new/", views.household_new, name="new"),
    path("calculate/", views.calculate, name="calculate"),
    path("runs/", views.run_list, name="run-list"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("runs/<int:pk>/compare/", views.run_compare, name="run-compare"),
    path("runs/<int:pk>/print.pdf", views.run_print, name="run-print"),
    path("rescreen/", rescreen_views.rescreen_page, name="rescreen"),
]
