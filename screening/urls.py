from django.urls import path

from screening import local_value_views, rescreen_views, views, views_law

app_name = "screening"

urlpatterns = [
    path("new/", views.household_new, name="new"),
    path("calculate/", views.calculate, name="calculate"),
    path("runs/", views.run_list, name="run-list"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("runs/<int:pk>/compare/", views.run_compare, name="run-compare"),
    path("runs/<int:pk>/print.pdf", views.run_print, name="run-print"),
    path("law/", views_law.law, name="law"),
    # Local values the city sets (issue 20): team lead and administration.
    path("local-values/", local_value_views.local_value_list, name="local-values"),
    path("local-values/new/", local_value_views.local_value_new, name="local-value-new"),
    path("local-values/<int:pk>/confirm/", local_value_views.local_value_confirm, name="local-value-confirm"),
    path("rescreen/", rescreen_views.rescreen_page, name="rescreen"),
]
