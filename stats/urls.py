from django.urls import path, register_converter

from stats.converters import ExportFormatConverter, MonthConverter
from stats.views import dashboard, exports

register_converter(MonthConverter, "month")
register_converter(ExportFormatConverter, "export_format")

app_name = "stats"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("year/", dashboard.year_view, name="year-current"),
    path("year/<int:year>/", dashboard.year_view, name="year"),
    path("year/<int:year>/<slug:figure>.<export_format:fmt>", exports.year_export, name="year-export"),
    path("<month:month>/", dashboard.month_view, name="month"),
    path("<month:month>/close/", dashboard.month_close, name="month-close"),
    path("<month:month>/corrections/", dashboard.month_corrections, name="month-corrections"),
    path("<month:month>/report.pdf", exports.month_report, name="month-report"),
    path("<month:month>/<slug:figure>.<export_format:fmt>", exports.month_export, name="month-export"),
]
