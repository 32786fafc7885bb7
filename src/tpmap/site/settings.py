"""Django settings of TPMAP.

Zero set-up by default: SQLite under ``data/`` and the demo warehouse in
``data/demo/warehouse``. Everything that differs per deployment comes from the environment:

* ``DATABASE_URL``        PostgreSQL (``postgres://user:pass@host:5432/name``); SQLite otherwise
* ``TPMAP_SQLITE``        path of the SQLite file (default ``data/logbook.sqlite3``)
* ``TPMAP_WAREHOUSE``     warehouse folder (default ``data/demo/warehouse``)
* ``TPMAP_MEDIA_ROOT``    where photos are stored (default ``data/media``)
* ``TPMAP_SECRET_KEY``    secret key (default: generated once into ``data/.secret_key``)
* ``TPMAP_DEBUG``         ``1`` for Django's debug pages (never in production)
* ``TPMAP_ALLOWED_HOSTS`` comma-separated host names (default localhost names)
* ``TPMAP_TILE_URL``      map tile URL template (production default: OpenStreetMap's standard
                          tiles; empty: outlines and survey points only, no internet needed)
* ``TPMAP_TILE_ATTRIBUTION`` the tile layer's attribution (OpenStreetMap's with its default)
* ``TPMAP_HTTPS``         ``1`` when served over HTTPS (secure cookies, HSTS, redirect)
* ``TPMAP_SESSION_HOURS`` session lifetime in hours (default 8)
* ``TPMAP_PRODUCTION``    ``1`` in production: requires TPMAP_SECRET_KEY and TPMAP_ALLOWED_HOSTS, implies HTTPS
* ``TPMAP_API_TOKEN_HOURS`` lifetime of an API token in hours (default 12)
"""

from __future__ import annotations

import contextlib
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
# The repository root when running from a checkout (src layout); data/ lives there.
BASE_DIR = PACKAGE_DIR.parents[2]
DATA_DIR = Path(os.environ.get("TPMAP_DATA_DIR", BASE_DIR / "data"))


def _env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


# TPMAP_PRODUCTION=1: a real deployment. It must be given its secret key and host names,
# is served over HTTPS, and passes `python -m tpmap.site check --deploy` with no warning.
PRODUCTION = _env_bool("TPMAP_PRODUCTION")


def _secret_key() -> str:
    key = os.environ.get("TPMAP_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        # A key generated into data/ would differ per server behind a load balancer and
        # is lost with the disk: production is given one.
        raise ImproperlyConfigured(
            "TPMAP_PRODUCTION=1 needs TPMAP_SECRET_KEY (50 or more random characters, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
    path = DATA_DIR / ".secret_key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(key, encoding="utf-8")
        path.chmod(0o600)
    except OSError:
        pass  # a read-only checkout still runs, with a key per process
    return key


SECRET_KEY = _secret_key()
DEBUG = _env_bool("TPMAP_DEBUG")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("TPMAP_DEBUG=1 shows stack traces: never with TPMAP_PRODUCTION=1")
if PRODUCTION and not os.environ.get("TPMAP_ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "TPMAP_PRODUCTION=1 needs TPMAP_ALLOWED_HOSTS (the site's host names)"
    )
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("TPMAP_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(
        ","
    )
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("TPMAP_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    # django-ninja's app only serves its bundled Swagger UI assets (no CDN at run time).
    "ninja",
    "tpmap.site",
    "tpmap.accounts",
    "tpmap.logbook",
    "tpmap.portal",
    "tpmap.dashboard",
    "tpmap.field",
    "tpmap.projects",
    "tpmap.committees",
]

# tpmap.site.middleware.* wrap the middlewares only the pages need (sessions, their
# language, log-in, first-login redirect, messages): requests to /api/ (bearer tokens,
# never a session) pass them by.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tpmap.site.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tpmap.site.middleware.SessionMiddleware",
    "tpmap.site.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, authentication and axes, which read the form (site/privacy.py).
    "tpmap.site.privacy.MaskNidInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "tpmap.site.middleware.AuthenticationMiddleware",
    "tpmap.site.middleware.FirstLoginMiddleware",
    "tpmap.site.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Outside axes' middleware, so its lockout page is turned into the API's JSON error too.
    "tpmap.api.middleware.ApiMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tpmap.site.urls"
WSGI_APPLICATION = "tpmap.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # A feature folder of an app (logbook/search/templates/...) keeps its own templates.
        "DIRS": sorted(PACKAGE_DIR.parent.glob("*/*/templates")),
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["tpmap.site.templatetags.thai"],
        },
    }
]

# The zero-setup SQLite default with several officers writing at once: WAL lets readers go on
# while one writer writes; IMMEDIATE takes the write lock at BEGIN (a transaction that reads
# then writes cannot fail half-way with "database is locked"); a writer waits up to
# SQLITE_BUSY_SECONDS for the lock instead of failing. synchronous=NORMAL is durable in WAL
# mode except for the last transactions on a power cut. Beyond a few simultaneous users,
# use PostgreSQL (DATABASE_URL): SQLite still serialises every write.
SQLITE_BUSY_SECONDS = 20
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": SQLITE_BUSY_SECONDS,
}
if os.environ.get("DATABASE_URL"):
    # Connection reuse: a gunicorn thread keeps its connection TPMAP_CONN_MAX_AGE seconds
    # (0 closes it after each request) and checks it before reusing it, so a PostgreSQL
    # restart costs one reconnect, not a 500.
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"],
            conn_max_age=int(os.environ.get("TPMAP_CONN_MAX_AGE", "600")),
            conn_health_checks=True,
        )
    }
else:
    _sqlite = Path(os.environ.get("TPMAP_SQLITE", DATA_DIR / "logbook.sqlite3"))
    _sqlite.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_sqlite),
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Django's password rules with Thai messages and help texts (tpmap/accounts/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "tpmap.accounts.passwords.UserAttributeSimilarityValidator"},
    {
        "NAME": "tpmap.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "tpmap.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "tpmap.accounts.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "logbook:home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after a working day, or when the browser closes.
SESSION_COOKIE_AGE = int(float(os.environ.get("TPMAP_SESSION_HOURS", "8")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Behind HTTPS (TPMAP_HTTPS=1): secure cookies, HSTS, redirect to https; a reverse proxy
# that terminates TLS must send X-Forwarded-Proto.
HTTPS = _env_bool("TPMAP_HTTPS") or PRODUCTION
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000
    # HSTS covers this host's own subdomains only; preload is a flag that matters only if
    # the host is submitted to the browsers' preload list.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "tpmap.site.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Lockout (django-axes, tpmap.accounts.lockout): 5 wrong passwords lock a user name and 30
# lock a client address (officers of an office share one NAT address), for 30 minutes from
# the failure that locked; a failure while locked does not extend the lock. The address is
# the audit trail's (X-Forwarded-For only behind a trusted proxy).
AXES_FAILURE_LIMIT = "tpmap.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "tpmap.accounts.audit.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False
# The user name axes records (AccessAttempt, its log lines) is masked like every input.
AXES_USERNAME_CALLABLE = "tpmap.site.privacy.axes_username"

# The REST API (tpmap.api, docs/api.md): bearer tokens live this many hours.
TPMAP_API_TOKEN_HOURS = float(os.environ.get("TPMAP_API_TOKEN_HOURS", "12"))
# The monitoring dashboard's snapshots (docs/monitor.md): a month's figures are kept as
# reported from this day of the next month on (after the 15th, the monthly reporting
# deadline of the provinces' letters); 1 keeps them as soon as the month ends.
TPMAP_SNAPSHOT_DAY = int(os.environ.get("TPMAP_SNAPSHOT_DAY", "16"))
if not 1 <= TPMAP_SNAPSHOT_DAY <= 28:
    raise ImproperlyConfigured("TPMAP_SNAPSHOT_DAY must be a day from 1 to 28")
# Rate limits (tpmap.site.ratelimit): (requests, seconds) per account and per IP address.
# Per-IP limits are wide because a district office shares one NAT address.
TPMAP_RATE_LIMITS: dict[str, dict[str, tuple[int, int]]] = {
    "token": {"user": (10, 60), "ip": (30, 60)},
    "household_read": {"user": (60, 60), "ip": (300, 60)},
    "search": {"user": (60, 60), "ip": (300, 60)},
}
# Multiplies every limit above: a large office behind one NAT address, or a load test.
TPMAP_RATE_LIMIT_SCALE = float(os.environ.get("TPMAP_RATE_LIMIT_SCALE", "1"))
# Bulk reading flagged to the area's administrator (tpmap.accounts.bulk).
TPMAP_BULK_READ_HOUSEHOLDS = int(os.environ.get("TPMAP_BULK_READ_HOUSEHOLDS", "200"))
TPMAP_BULK_READ_MINUTES = int(os.environ.get("TPMAP_BULK_READ_MINUTES", "30"))

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("TPMAP_STATIC_ROOT", DATA_DIR / "static"))
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
# Vendored assets are served by WhiteNoise straight from the apps' static folders, so the
# app runs without collectstatic; production may still collect them.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# In production (make serve-prod runs collectstatic) files get hashed names, compressed
# copies and far-future cache headers; elsewhere the plain storage needs no collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "tpmap.site.storage.StaticStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if PRODUCTION:
    WHITENOISE_USE_FINDERS = False

MEDIA_ROOT = Path(os.environ.get("TPMAP_MEDIA_ROOT", DATA_DIR / "media"))
# Photos are personal data: never a public MEDIA_URL; they are served by a view that checks
# the officer's area.
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 10

TPMAP_WAREHOUSE = Path(os.environ.get("TPMAP_WAREHOUSE", DATA_DIR / "demo" / "warehouse"))
# Map tiles: production draws OpenStreetMap's standard tiles under the outlines and points
# unless TPMAP_TILE_URL names another server (or is set empty: no tiles, no internet needed);
# elsewhere (development, tests) maps draw the bundled outlines and survey points only.
OSM_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_TILE_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
TPMAP_TILE_URL = os.environ.get("TPMAP_TILE_URL", OSM_TILE_URL if PRODUCTION else "").strip()
TPMAP_TILE_ATTRIBUTION = os.environ.get(
    "TPMAP_TILE_ATTRIBUTION", OSM_TILE_ATTRIBUTION if TPMAP_TILE_URL == OSM_TILE_URL else ""
)
# Trust X-Forwarded-For only behind a known reverse proxy (for the audit trail's IP).
TPMAP_TRUST_X_FORWARDED_FOR = _env_bool("TPMAP_TRUST_X_FORWARDED_FOR")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_nid": {"()": "tpmap.site.logfilters.MaskNidFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_nid"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("TPMAP_LOG_LEVEL", "WARNING")},
    # The development server's request lines carry query strings: mask them too.
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
