"""The one settings module of the Infopoint. Every deploy-varying value comes from the
environment; see README.md, "Configuration". Tests override a few values in tests/settings.py.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from infopoint.lib.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=True)
# Demo mode creates the demo log-ins (make run). It is refused with production settings.
DEMO_MODE = env_bool("INFOPOINT_DEMO", default=False)
if DEMO_MODE and not DEBUG:
    raise ImproperlyConfigured(
        "INFOPOINT_DEMO=true is only allowed together with DJANGO_DEBUG=true: demo log-ins must never exist in production."
    )

_DEV_SECRET = "dev-only-insecure-key-not-for-production-use-0123456789abcdef"  # noqa: S105 - refused when DJANGO_DEBUG=false
SECRET_KEY = env_str("DJANGO_SECRET_KEY", default=_DEV_SECRET if DEBUG else None)
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set (at least 50 characters) when DJANGO_DEBUG=false.")
if not DEBUG and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random value of at least 50 characters in production.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the host names of the Infopoint when DJANGO_DEBUG=false.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "auditlog",
    "infopoint",
    "intake",
    "screening",
    "referrals",
    "openarea",
    "stats",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Early: a kiosk asking for anything outside /kiosk/ gets 404 before sessions, CSRF,
    # slash redirects or the log-in check can reveal that the page exists.
    "openarea.middleware.KioskMiddleware",
    "infopoint.middleware.AllowedMethodsMiddleware",
    # Django's, except that a committed create form reaches its page when the session save fails.
    "infopoint.session_save.SessionMiddleware",
    "infopoint.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "infopoint.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends idle and too old staff sessions; the log-in check runs later (process_view), so
    # an ended session goes straight to the log-in page.
    "infopoint.staff_session.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "infopoint.middleware.AccessMatrixMiddleware",
    "infopoint.middleware.NoStoreMiddleware",
    # Refused look-ups of other organisations' records go to the security log (issue 21).
    "infopoint.refused_lookups.RefusedLookupMiddleware",
    # Reporting-Endpoints: where "report-to csp" of the Content-Security-Policy sends reports (issue 21).
    "infopoint.csp_report.ReportingEndpointsMiddleware",
]

ROOT_URLCONF = "infopoint.urls"
WSGI_APPLICATION = "infopoint.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "infopoint.context_processors.infopoint",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    },
]
# Django's form widgets without a template include per <option> (infopoint/lib/form_renderer.py).
FORM_RENDERER = "infopoint.lib.form_renderer.PythonWidgetRenderer"

# --- Database: PostgreSQL only -------------------------------------------------------
_DATABASE_URL = env_str("DATABASE_URL")
_DB_OPTIONS = {
    "connect_timeout": 5,
    # Bounded lock waits and statements (security.md I6): a friendly 503 instead of a hang.
    "options": "-c lock_timeout=5000 -c statement_timeout=30000",
}
if _DATABASE_URL:
    try:
        _db = environ.Env.db_url_config(_DATABASE_URL)
    except Exception as exc:  # django-environ raises several types for malformed URLs
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from exc
    if _db.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must be a postgres:// URL: the Infopoint runs on PostgreSQL only.")
    _db.setdefault("OPTIONS", {}).update(_DB_OPTIONS)
else:
    _db = {
        "ENGINE": "infopoint.db.embedded",
        "NAME": "infopoint",
        # Issue 21: the app role; the embedded server creates it and the owner role on start.
        "USER": "infopoint_app",
        "HOST": "",
        "OPTIONS": dict(_DB_OPTIONS),
    }
# Issue 21: the owner role runs migrate, flush, backup and restore (infopoint/lib/db_roles.py).
# DATABASE_MIGRATE_URL names it; only its user, password, host and port are used (same database);
# the engine and options stay those of DATABASE_URL. Without it (a single-URL setup) the app role
# migrates itself and owns the tables (the protections then rest on the triggers alone: README).
_DATABASE_MIGRATE_URL = env_str("DATABASE_MIGRATE_URL")
if _DATABASE_MIGRATE_URL:
    if not _DATABASE_URL:
        raise ImproperlyConfigured("DATABASE_MIGRATE_URL needs DATABASE_URL (the app role) as well.")
    try:
        _owner = environ.Env.db_url_config(_DATABASE_MIGRATE_URL)
    except Exception as exc:  # django-environ raises several types for malformed URLs
        raise ImproperlyConfigured(f"DATABASE_MIGRATE_URL cannot be read: {exc}") from exc
    if _owner.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_MIGRATE_URL must be a postgres:// URL.")
    DATABASE_OWNER = {key: _owner.get(key, "") for key in ("USER", "PASSWORD", "HOST", "PORT")}
elif _DATABASE_URL:
    DATABASE_OWNER = {"USER": _db.get("USER", "")}
else:
    DATABASE_OWNER = {"USER": "infopoint_owner"}
DATABASE_APP_USER = _db.get("USER", "")
# Persistent connections roughly triple throughput here; health checks reconnect after an outage.
_db["CONN_MAX_AGE"] = env_int("DJANGO_CONN_MAX_AGE", default=60, minimum=0)
_db["CONN_HEALTH_CHECKS"] = True
_db["ATOMIC_REQUESTS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Database outages: client-side timeouts (issue 21) -------------------------------------
# A stopped or frozen database gives the 503 page within about 5 s, never a hanging desk:
# connect_timeout bounds a new connection; TCP keepalives and tcp_user_timeout end a
# connection whose packets are no longer acknowledged (network gone, host frozen); the
# engine probes a server that is silent for PROBE_AFTER_MS (a frozen process whose host
# still acknowledges: infopoint/db/postgresql/base.py). Keepalives apply to TCP only.
_db["OPTIONS"].update(
    connect_timeout=env_int("INFOPOINT_DB_CONNECT_TIMEOUT", default=3, minimum=2, maximum=60),
    keepalives=1,
    keepalives_idle=env_int("INFOPOINT_DB_KEEPALIVES_IDLE", default=5, minimum=1, maximum=3600),
    keepalives_interval=env_int("INFOPOINT_DB_KEEPALIVES_INTERVAL", default=1, minimum=1, maximum=600),
    keepalives_count=env_int("INFOPOINT_DB_KEEPALIVES_COUNT", default=3, minimum=1, maximum=100),
    tcp_user_timeout=env_int("INFOPOINT_DB_TCP_USER_TIMEOUT_MS", default=4000, minimum=0, maximum=600_000),
)
if _db["ENGINE"] == "django.db.backends.postgresql":
    _db["ENGINE"] = "infopoint.db.postgresql"  # Django's backend with the probe
_db["PROBE_AFTER_MS"] = env_int("INFOPOINT_DB_PROBE_AFTER_MS", default=1500, minimum=0, maximum=600_000)
_db["PROBE_TIMEOUT_MS"] = env_int("INFOPOINT_DB_PROBE_TIMEOUT_MS", default=2000, minimum=100, maximum=60_000)

# --- Authentication and sessions -----------------------------------------------------
# ModelBackend with the staff profile and the role groups read along with the user (one query per request).
AUTHENTICATION_BACKENDS = ["infopoint.auth_backend.StaffBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "intake:home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env_int("INFOPOINT_SESSION_HOURS", default=10, minimum=1, maximum=24) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "infopoint.views.csrf_failure"
# Flash messages may name a visitor: keep them server-side, not in a (signed, readable) cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Transport security: on by default in production, off for the local dev server ----
SECURE_COOKIES = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
if SECURE_COOKIES:
    # __Host- cookies are bound to this host and path / (security.md B1).
    SESSION_COOKIE_NAME = "__Host-infopoint-session"
    CSRF_COOKIE_NAME = "__Host-infopoint-csrf"
else:
    SESSION_COOKIE_NAME = "infopoint-session"
    CSRF_COOKIE_NAME = "infopoint-csrf"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): nonce-based, no inline script, nothing from elsewhere.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        # Violations are reported to infopoint/csp_report.py, which counts them in the security log.
        "report-uri": ["/csp-report/"],
        "report-to": "csp",
    },
}

# --- Internationalisation ----------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ru", "Русский"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "infopoint-language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files: our own plus the KERN UX package installed by npm (git-ignored) ----
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
KERN_DIR = BASE_DIR / "node_modules" / "@kern-ux" / "native"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/kern", KERN_DIR / "dist"),
    ("vendor/kern-themes", KERN_DIR / "src" / "scss" / "themes" / "examples"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))

# --- Audit trail (django-auditlog) --------------------------------------------------
# IP addresses are not personal data we need; names and values are masked completely.
AUDITLOG_DISABLE_REMOTE_ADDR = True
AUDITLOG_MASK_CALLABLE = "infopoint.lib.audit.mask_completely"

# --- Kiosk devices -----------------------------------------------------------------
KIOSK_COOKIE_NAME = "__Host-infopoint-kiosk" if SECURE_COOKIES else "infopoint-kiosk"
KIOSK_COOKIE_MAX_AGE = env_int("INFOPOINT_KIOSK_COOKIE_DAYS", default=730, minimum=1) * 86400
KIOSK_IDLE_SECONDS = env_int("INFOPOINT_KIOSK_IDLE_SECONDS", default=120, minimum=30)
KIOSK_IDLE_WARNING_SECONDS = 30
# Posts per kiosk device and minute for each kind of kiosk form (issue 21; openarea/kiosk_guard.py):
# more get the friendly 429 page. A visitor needs one or two tries; a quick check is about ten
# taps, a fast one twenty or thirty; numbers are checked one at a time.
INFOPOINT_KIOSK_RATE_LIMITS = {
    "advice": env_int("INFOPOINT_KIOSK_LIMIT_ADVICE", default=5, minimum=1),  # "talk to someone"
    "feedback": env_int("INFOPOINT_KIOSK_LIMIT_FEEDBACK", default=5, minimum=1),  # yellow card
    "barrier_report": env_int("INFOPOINT_KIOSK_LIMIT_BARRIER_REPORT", default=5, minimum=1),  # accessibility statement
    "hand_in": env_int("INFOPOINT_KIOSK_LIMIT_HAND_IN", default=5, minimum=1),
    "receipt_check": env_int("INFOPOINT_KIOSK_LIMIT_RECEIPT_CHECK", default=10, minimum=1),
    "quick_check": env_int("INFOPOINT_KIOSK_LIMIT_QUICK_CHECK", default=60, minimum=1),  # every answer and the print
}

# --- E-mail (call-backs, later issues) ---------------------------------------------
EMAIL_BACKEND = env_choice(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
    choices={
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
    },
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", default=25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("DJANGO_EMAIL_USE_TLS and DJANGO_EMAIL_USE_SSL cannot both be true: choose STARTTLS or implicit TLS.")
# Seconds to wait for the mail server, so that a dead server gives a message instead of a hanging page.
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", default=10, minimum=1, maximum=120)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", default="infopoint@stuttgart.de")

# --- Logging: structured, no personal data -------------------------------------------
LOG_LEVEL = env_choice("DJANGO_LOG_LEVEL", default="INFO", choices={"DEBUG", "INFO", "WARNING", "ERROR"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "infopoint.lib.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "pgserver": {"level": "WARNING"},
    },
}

SITE_TITLE = _("Infopoint Sozialleistungen")
# How visitors reach the Infopoint (printed on their sheets).
INFOPOINT_PHONE = env_str("INFOPOINT_PHONE", default="0711 216-0")
INFOPOINT_EMAIL = env_str("INFOPOINT_EMAIL", default="")
# Street address and nearest stop, shown on the public pages and the kiosk (one line each, "|" separates lines).
INFOPOINT_ADDRESS = env_str("INFOPOINT_ADDRESS", default="")

# The Infopoint's targets (concept, section 8) and staffing, for the team lead's statistics.
INFOPOINT_TARGET_SGB2_PER_YEAR = env_int("INFOPOINT_TARGET_SGB2_PER_YEAR", default=850, minimum=1)
INFOPOINT_TARGET_SGB12_PER_YEAR = env_int("INFOPOINT_TARGET_SGB12_PER_YEAR", default=850, minimum=1)
INFOPOINT_TARGET_APPLICATION_PERCENT = env_int("INFOPOINT_TARGET_APPLICATION_PERCENT", default=20, minimum=1, maximum=100)
INFOPOINT_TARGET_MIGRATION_PERCENT = env_int("INFOPOINT_TARGET_MIGRATION_PERCENT", default=50, minimum=1, maximum=100)
INFOPOINT_ADVISOR_POSTS = env_int("INFOPOINT_ADVISOR_POSTS", default=8, minimum=1)
# Seconds the dashboard reuses live counts of open months other than the one shown (0: never).
INFOPOINT_STATS_CACHE_SECONDS = env_int("INFOPOINT_STATS_CACHE_SECONDS", default=300, minimum=0)
INFOPOINT_PEOPLE_PER_POST_PER_YEAR = env_int("INFOPOINT_PEOPLE_PER_POST_PER_YEAR", default=240, minimum=1)
# The "stats" cache is a table in the database, so every gunicorn worker shares it (a per-process
# cache would leave the first request in each worker cold): the rendered figures of closed months
# (stats/page_cache.py) and the live counts of earlier open months. The table is created by the
# migration stats 0002 (createcachetable).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "stats": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "infopoint_stats_cache",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# --- Backups (python manage.py backup / restore; README "Backup and restore") --------
INFOPOINT_BACKUP_DIR = Path(env_str("INFOPOINT_BACKUP_DIR", default=str(BASE_DIR / ".data" / "backups")))
# The highest receipt number ever issued per year, outside the database: a restore continues
# above it (infopoint/lib/issued_numbers.py). Keep it (and copy it off the host) with the backups.
INFOPOINT_ISSUED_NUMBERS_FILE = Path(
    env_str("INFOPOINT_ISSUED_NUMBERS_FILE", default=str(INFOPOINT_BACKUP_DIR / "issued-receipt-numbers.json"))
)

# --- Retention (deletion concept, docs/verarbeitungsverzeichnis.md) ------------------
# `python manage.py apply_retention` (daily) deletes or anonymises what is past these periods.
# Case data: years after the visitor's last contact (visit or appointment) or last case activity.
INFOPOINT_RETENTION_CASE_YEARS = env_int("INFOPOINT_RETENTION_CASE_YEARS", default=3, minimum=1, maximum=30)
# Receipts: after these years only the stub (year, number, received, kind, office, benefit) stays.
INFOPOINT_RETENTION_RECEIPT_YEARS = env_int("INFOPOINT_RETENTION_RECEIPT_YEARS", default=3, minimum=1, maximum=30)
# Yellow cards: the contact details (name, phone, e-mail) go after these years; the text stays.
INFOPOINT_RETENTION_YELLOW_CARD_CONTACT_YEARS = env_int(
    "INFOPOINT_RETENTION_YELLOW_CARD_CONTACT_YEARS", default=1, minimum=1, maximum=30
)
# Audit-log entries (writes and reads) are kept this many days (3 years: limitation period, DSK/BSI).
INFOPOINT_LOG_RETENTION_DAYS = env_int("INFOPOINT_LOG_RETENTION_DAYS", default=1095, minimum=30)

# Accessibility statement (BITV 2.0): where people report barriers besides the form on the page.
INFOPOINT_ACCESSIBILITY_EMAIL = env_str("INFOPOINT_ACCESSIBILITY_EMAIL", default=INFOPOINT_EMAIL)
INFOPOINT_ACCESSIBILITY_PHONE = env_str("INFOPOINT_ACCESSIBILITY_PHONE", default=INFOPOINT_PHONE)

# --- Log-in throttling and staff sessions (security.md B3, B4) ------------------------
INFOPOINT_LOGIN_MAX_FAILURES = env_int("INFOPOINT_LOGIN_MAX_FAILURES", default=5, minimum=1)
INFOPOINT_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("INFOPOINT_LOGIN_MAX_FAILURES_PER_ADDRESS", default=20, minimum=1)
INFOPOINT_LOGIN_LOCK_MINUTES = env_int("INFOPOINT_LOGIN_LOCK_MINUTES", default=15, minimum=1, maximum=24 * 60)
INFOPOINT_STAFF_IDLE_MINUTES = env_int("INFOPOINT_STAFF_IDLE_MINUTES", default=15, minimum=3, maximum=24 * 60)
# The warning before the idle log-out (WCAG 2.2.1: enough time to ask for more).
INFOPOINT_STAFF_IDLE_WARNING_SECONDS = 120

# --- Refused look-ups (issue 21): an alert when one account is refused this often ------
# More than COUNT records of other organisations asked for within MINUTES: an ERROR line
# ``refused_lookups_alert`` in the security log (infopoint/refused_lookups.py).
INFOPOINT_REFUSED_LOOKUP_ALERT_COUNT = env_int("INFOPOINT_REFUSED_LOOKUP_ALERT_COUNT", default=10, minimum=1)
INFOPOINT_REFUSED_LOOKUP_ALERT_MINUTES = env_int("INFOPOINT_REFUSED_LOOKUP_ALERT_MINUTES", default=5, minimum=1, maximum=24 * 60)

# --- CSP violation reports (issue 21): at most this many logged per client address and minute.
INFOPOINT_CSP_REPORTS_PER_MINUTE = env_int("INFOPOINT_CSP_REPORTS_PER_MINUTE", default=60, minimum=1)
