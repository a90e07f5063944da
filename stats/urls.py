from django.urls import path, re_path

from stats.views import dashboard

app_name = "stats"

MONTH = r"(?P<month>[^/]{1,20})"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("year/", dashboard.year_view, name="year-current"),
    path("year/<int:year>/", dashboard.year_view, name="year"),
    re_path(rf"^{MONTH}/$", dashboard.month_view, name="month"),
    re_path(rf"^{MONTH}/close/$", dashboard.month_close, name="month-close"),
    re_path(rf"^{MONTH}/corrections/$", dashboard.month_corrections, name="month-corrections"),
]
