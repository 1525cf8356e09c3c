"""Settings shared by every environment.

The environment is read here and nowhere else: each variable is looked up once
through :func:`env` so an operator can find every knob in one file.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    """Return an environment variable, or ``default`` when it is unset or empty."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "home",
    "rpjpd",
    "experts",
    "consult",
    "pustaka",
    "outbox",
    "ops",
    "privacy",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ops.middleware.SecurityHeadersMiddleware",
    "ops.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside the headers above (added to cached pages too), outside CSRF, auth
    # and messages (so it sees every cookie they set before storing a page).
    "ops.page_cache.VisitorPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "ops.routing.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.AdminAccessMiddleware",
    "ops.middleware.AdminChooserQueryMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "ruangrunding.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "ruangrunding.wsgi.application"

# SQLite by default so a fresh clone runs with nothing installed;
# PostgreSQL (or anything dj-database-url understands) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Language and time: public pages speak Indonesian, times are shown in WITA.
# No LocaleMiddleware: a visitor whose phone is set to English still gets the
# Indonesian site. Editors pick the admin's language in their Wagtail profile.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True
# Wagtail ships its Indonesian admin catalogue as "id_ID", which the plain "id"
# does not find; "id-id" finds Wagtail's and still falls back to our "id".
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("id-id", "Bahasa Indonesia"),
    ("en", "English"),
]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Consultation attachments: outside MEDIA_ROOT, served only by a checked view.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "consult.storage.PrivateFileStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: refuse oversized requests before they reach a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Whole request bodies (files included) above this get 413 before being read;
# the reverse proxy's limit (nginx ``client_max_body_size``) should match.
MAX_REQUEST_BODY_BYTES = int(env("MAX_UPLOAD_MB", "50")) * 1024 * 1024

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
if env("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": env("REDIS_URL"),
    }

# Visitor page cache (ops.page_cache): whole pages for requests without a
# session, in the shared cache; off in development unless PAGE_CACHE=1.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", False)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_EXCLUDED_PREFIXES = ["/admin/", "/akun/", "/healthz"]

# Security headers. The Content Security Policy (django-csp) is active in every
# environment so a page that needs an inline script fails early. Public pages
# load only the site's own files; the Wagtail admin gets a few allowances,
# each found by running the admin in Chromium and reading its CSP reports.
ADMIN_PATH_PREFIXES = ["/admin/"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The admin renders date pickers with inline <script> tags and its editor adds
# inline styles at run time, and it shows its own preview in a frame.
CONTENT_SECURITY_POLICY_ADMIN_REPLACE = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "blob:"],
    "frame-ancestors": ["'self'"],
}
# Previews of a page are rendered with the public policy but shown in a frame.
CONTENT_SECURITY_POLICY_PREVIEW_REPLACE = {"frame-ancestors": ["'self'"]}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, refusing session cookies Django could not have set.
SESSION_ENGINE = "ops.sessions.db"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Background work: immediate in development and tests, the database queue
# (worker: ``manage.py db_worker``) in production.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "Ruang Runding Kukar <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Private consultations: limits per user, counted in the database.
CONSULT_MAX_NEW_PER_DAY = int(env("CONSULT_MAX_NEW_PER_DAY", "5"))
CONSULT_MAX_MESSAGES_PER_HOUR = int(env("CONSULT_MAX_MESSAGES_PER_HOUR", "30"))
CONSULT_MAX_ATTACHMENT_SIZE = 5 * 1024 * 1024

# RPJPD replies: an account that has posted RPJPD_REPLY_RATE_LIMIT replies within
# the last RPJPD_REPLY_RATE_WINDOW_MINUTES is refused (429) until older ones age
# out; counted in the database, so every web process sees the same number.
RPJPD_REPLY_RATE_LIMIT = int(env("RPJPD_REPLY_RATE_LIMIT", "10"))
RPJPD_REPLY_RATE_WINDOW_MINUTES = int(env("RPJPD_REPLY_RATE_WINDOW_MINUTES", "10"))

# Wagtail
WAGTAIL_SITE_NAME = "Ruang Runding Kutai Kartanegara"
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "csv",
    "odt",
    "ods",
    "zip",
]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: editors' email hashes must not go to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# django-allauth: log in with username or email, verified email for sign-up.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Ruang Runding] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("SITE_PROTOCOL", "http")
# Accounts (issue 3): our sign-up fields, mail through the outbox, limits.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_FORMS = {"login": "accounts.login_forms.LoginForm"}
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_USER_DISPLAY = "accounts.utils.user_display"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_RATE_LIMITS = {
    # Failed logins: 10 a minute per address, 5 per 5 minutes per account name.
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/h/ip",
    "reset_password": "10/h/ip,3/h/key",
}
# Password-reset links work once (the token hashes the password) and for a day.
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# The Wagtail admin login shares allauth's failed-login throttle; password resets
# go through allauth (and the outbox) only.
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_FRONTEND_LOGIN_URL = "/akun/login/"

# Logs: one line per event on stderr, ``key=value`` text by default or JSON
# lines (LOG_FORMAT=json, the production default), tagged with the request id.
# One access line per request (ops.middleware.RequestLogMiddleware) replaces
# gunicorn's access log, because it can leave tokens in URLs out.
ACCESS_LOG = env_bool("ACCESS_LOG", True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ops.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"()": "ops.logs.KeyValueFormatter"},
        "json": {"()": "ops.logs.JSONFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", "plain"),
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Replace Django's default handlers, which would print every line twice.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        # Django's own request log repeats what ops.access writes, with full URLs.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
