"""One settings module, read from the environment (see README "Configuración")."""

import copy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Lets the classes that django-stubs makes generic be subscripted at run time too
# (`admin.ModelAdmin[Plan]`, `forms.ModelForm[Commitment]`, `Paginator[Proposal]`).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# An optional file of variables for development (`make run` writes one with DEBUG=1 and a fresh
# SECRET_KEY on its first run, so `manage.py …` works as the README says). The real environment
# always wins over it; ENV_FILE names another file, and an empty ENV_FILE reads none (the tests).
ENV_FILE = env.str("ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE and Path(ENV_FILE).is_file():
    environ.Env.read_env(ENV_FILE, overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
SITE_ID = 1
# Who publishes the platform's own data (DCAT publisher, CKAN maintainer) and where to write.
OPEN_DATA_PUBLISHER = env.str("OPEN_DATA_PUBLISHER", default="Cocrea")
OPEN_DATA_CONTACT_EMAIL = env.str("OPEN_DATA_CONTACT_EMAIL", default="datos@example.org")

INSTALLED_APPS = [
    # First: Django takes a management command from the first app that has it, and core's
    # createsuperuser (the account's e-mail verified) replaces django.contrib.auth's.
    "cocrea.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    # Its own system check runs too (silenced below only for its "not officially supported").
    "django_ratelimit",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "ninja",
    "mailer",
    "cocrea.exercises",
    "cocrea.plans",
    "cocrea.monitoring",
    "cocrea.participation",
    "cocrea.reports",
    "cocrea.comptrollership",
    "cocrea.lawmaking",
    "cocrea.opendata",
    "cocrea.requests",
    "cocrea.search",
    "cocrea.demo",
    "cocrea.pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # HTML, JSON and CSV compressed for phones on slow networks. BREACH: the CSRF token is
    # masked anew on every response (Django), and no other secret is echoed into pages.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cocrea.core.replicas.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cocrea.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cocrea.core.query_guard.NulByteQueryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "cocrea.core.tablecsv.TableCsvMiddleware",
]
# Load tests read Django's own time from a header, and compare it with a view that does nothing.
SERVER_TIMING = env.bool("SERVER_TIMING", default=False)
# Only a load test from one address turns the per-address limits off.
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# The client's address (cocrea/core/client_ip.py): REMOTE_ADDR, unless a reverse proxy is named
# here by the header it sets (`X-Real-IP`, or `X-Forwarded-For` read from the right: the entry
# TRUSTED_PROXY_COUNT hops in). A header the client sends itself is never believed.
TRUSTED_PROXY_HEADER = env.str("TRUSTED_PROXY_HEADER", default="")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
RATELIMIT_IP_META_KEY = "cocrea.core.client_ip.client_ip"
if SERVER_TIMING:
    MIDDLEWARE.insert(0, "cocrea.core.middleware.ServerTimingMiddleware")

ROOT_URLCONF = "cocrea.urls"
WSGI_APPLICATION = "cocrea.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cocrea" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# --- Database -------------------------------------------------------------------------------
def _database(config: dict[str, Any]) -> dict[str, Any]:
    if config["ENGINE"] == "django.db.backends.postgresql":
        # psycopg 3's pool replaces persistent connections; the two cannot be combined.
        config["CONN_MAX_AGE"] = 0
        if env.bool("DATABASE_POOL", default=True):
            config.setdefault("OPTIONS", {})["pool"] = {
                "min_size": env.int("DATABASE_POOL_MIN", default=1),
                "max_size": env.int("DATABASE_POOL_MAX", default=8),
                "timeout": 10,
            }
    elif config["ENGINE"] == "django.db.backends.sqlite3":
        VAR_DIR.mkdir(exist_ok=True)
        config.setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    return config


DATABASES = {
    "default": _database(
        env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'cocrea.sqlite3'}")
    ),
}
# A read replica for public pages (cocrea/core/replicas.py). "primary" makes the alias a second
# connection to the primary itself: the routing then runs, and is tested, on one machine.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **(
            copy.deepcopy(DATABASES["default"])
            if DATABASE_REPLICA_URL == "primary"
            else _database(env.db_url_config(DATABASE_REPLICA_URL))
        ),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["cocrea.core.replicas.PrimaryReplicaRouter"]
# After a write, the writer's own reads stay on the primary this long (replication lag).
DATABASE_REPLICA_PIN_SECONDS = env.int("DATABASE_REPLICA_PIN_SECONDS", default=10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set; otherwise process memory, and limits in the database --
# Limits must count where every worker and machine sees the same number (cocrea/core/limits.py;
# `check` refuses anything else): Redis, or the `cocrea_cache` table that `migrate` creates.
REDIS_URL = env.str("REDIS_URL", default="")
REDIS_CACHE = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": REDIS_URL,
    "KEY_PREFIX": "cocrea",
    "TIMEOUT": 300,
}
CACHES: dict[str, dict[str, Any]] = (
    {"default": REDIS_CACHE, "limits": REDIS_CACHE}
    if REDIS_URL
    else {
        # allauth counts sign-ins in the default cache: its keys go to "limits", the rest stay
        # in memory (fragments and figures, keyed by versions the database holds).
        "default": {
            "BACKEND": "cocrea.core.limits.SplitCache",
            "OPTIONS": {"LOCAL": "local", "SHARED": "limits", "SHARED_PREFIXES": ["allauth:rl:"]},
        },
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cocrea"},
        "limits": {
            "BACKEND": "cocrea.core.limits.SharedDatabaseCache",
            "LOCATION": "cocrea_cache",
            # Django's default (300) would cull live counts under a flood from many addresses.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
)
RATELIMIT_USE_CACHE = "limits"
# django-ratelimit lists only memcached and django-redis as supported; core.E001
# (cocrea/core/checks.py) checks the same thing with Django's own Redis and the shared table.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if REDIS_URL:
    # Every request reads the session: from the shared cache, written through to the database so
    # that a cache restart signs nobody out. (A per-process cache would disagree between workers.)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "pages:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"  # filled in by allauth, never shown
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
# Failed sign-ins count per address and per account *and* address (cocrea/core/limits.py), so
# an attacker locks only their own address; a locked sign-in answers 429 and offers a code by
# e-mail, which the owner can use while the password path is locked.
ACCOUNT_ADAPTER = "cocrea.core.limits.AccountAdapter"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_RATE_LIMITS = {
    "login": env.str("RATE_LIMIT_LOGIN", default="30/m/ip"),
    "login_failed": env.str("RATE_LIMIT_LOGIN_FAILED", default="10/5m/ip,5/5m/key"),
    "signup": env.str("RATE_LIMIT_SIGNUP", default="10/h/ip"),
    "confirm_email": "1/3m/key",
    "reset_password": "10/h/ip,5/h/key",
}

# --- E-mail -------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# E-mails to people without an account (invitations) wait in django-mailer's table; the
# worker's `send_mail` job hands them to the backend above.
MAILER_EMAIL_BACKEND = vars()["EMAIL_BACKEND"]
# The worker already runs each job alone (a PostgreSQL advisory lock); no lock file in the cwd.
MAILER_USE_FILE_LOCK = False
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Cocrea <no-responder@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Replies to information requests: each request has an address at this domain, received by
# `manage.py requests_receive_mail` (an SMTP server; point the domain's MX, or a forward, at it).
REQUESTS_MAIL_DOMAIN = env.str("REQUESTS_MAIL_DOMAIN", default="solicitudes.localhost")
REQUESTS_SMTP_HOST = env.str("REQUESTS_SMTP_HOST", default="127.0.0.1")
REQUESTS_SMTP_PORT = env.int("REQUESTS_SMTP_PORT", default=8025)
REQUESTS_MAIL_MAX_BYTES = env.int("REQUESTS_MAIL_MAX_BYTES", default=15 * 1024 * 1024)

# --- Language and time --------------------------------------------------------------------
LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Español (México)")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "cocrea" / "locale"]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS: list[Any] = [BASE_DIR / "cocrea" / "static"]
# Front-end packages come from the npm registry at install time (`make install`), never from the
# repository; the site serves them itself, so a map page asks no third party but its tiles.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS += [
    (f"vendor/{package}", NODE_MODULES / package / "dist")
    for package in ("leaflet", "leaflet.markercluster")
    if (NODE_MODULES / package / "dist").is_dir()
]
# The map's tiles: OpenStreetMap's by default, with the attribution its licence asks for.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
# A tile URL's `{s}` subdomain becomes a wildcard host in the Content-Security-Policy.
MAP_TILE_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL.replace("{s}.", "*.")))
# A Nominatim-compatible reverse geocoder, asked by the server (never the browser) to fill an
# address back from a chosen place; empty, no address is filled and the place still counts.
GEOCODER_URL = env.str("GEOCODER_URL", default="")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Several app servers share uploads through an S3-compatible store (AWS, MinIO, Spaces…); the
# objects stay private: every file is served by a view that checks who may see it.
S3_BUCKET = env.str("S3_BUCKET", default="")
MEDIA_STORAGE: dict[str, Any] = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "region_name": env.str("S3_REGION", default=None),
            "access_key": env.str("S3_ACCESS_KEY", default=None),
            "secret_key": env.str("S3_SECRET_KEY", default=None),
            "location": env.str("S3_PREFIX", default="media"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STATIC_BACKEND = (
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if env.bool("STATIC_MANIFEST", default=not DEBUG)
    else "django.contrib.staticfiles.storage.StaticFilesStorage"
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": STATIC_BACKEND},
}
WHITENOISE_USE_FINDERS = not STATIC_BACKEND.startswith("whitenoise")

CONTENT_SECURITY_POLICY = {
    # The API's interactive docs (Swagger UI, served from django-ninja's own static files)
    # configure themselves with an inline script; every other page runs none.
    "EXCLUDE_URL_PREFIXES": ["/api/v1/docs"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", MAP_TILE_ORIGIN],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
MINUTES_MAX_UPLOAD_MB = env.int("MINUTES_MAX_UPLOAD_MB", default=10)
EVIDENCE_MAX_UPLOAD_MB = env.int("EVIDENCE_MAX_UPLOAD_MB", default=20)
# Imports larger than this run on a page that shows their progress as they go.
IMPORT_STREAM_BYTES = env.int("IMPORT_STREAM_BYTES", default=512 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security -------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Redirect-free paths so that load balancers can probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Pagination ---------------------------------------------------------------------------
PAGE_SIZE = 25
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
NINJA_PAGINATION_CLASS = "cocrea.core.api_pagination.LimitOffset"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
