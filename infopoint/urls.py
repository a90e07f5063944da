from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, register_converter
from django.views.i18n import set_language

from infopoint import csp_report, staff_session, views
from infopoint.forms import LoginForm
from openarea.converters import LanguageConverter
from openarea.urls import kiosk_patterns, public_patterns, verify_patterns
from openarea.views import public

register_converter(LanguageConverter, "lang")

urlpatterns = [
    path("", include("intake.urls")),
    path("", include("referrals.urls")),
    path("screening/", include("screening.urls")),
    path("openarea/", include("openarea.urls")),
    path("stats/", include("stats.urls")),
    path("kiosk/", include((kiosk_patterns, "kiosk"))),
    path("info/", public.root, name="info-root"),
    path("info/<lang:lang>/", include((public_patterns, "info"))),
    *verify_patterns,
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/session/extend/", staff_session.session_extend, name="session-extend"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("csp-report/", csp_report.csp_report, name="csp-report"),
    path("admin/", admin.site.urls),
]

handler400 = "infopoint.views.bad_request"
handler403 = "infopoint.views.permission_denied"
handler404 = "infopoint.views.page_not_found"
handler500 = "infopoint.views.server_error"
