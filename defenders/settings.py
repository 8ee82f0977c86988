"""Django settings, read from environment variables with safe defaults (see the README's configuration table).

A value that cannot be read keeps its default and is listed in DEFENDERS_ENVIRONMENT_PROBLEMS; the system
check defenders.E001 (defenders/checks.py) then stops start-up and names the variable.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from defenders.clock import OFFICE_TIME_ZONE_NAME
from defenders.environment import Environment

env = Environment()

BASE_DIR = Path(__file__).resolve().parent
DEFENDERS_DATA_DIR = env.path("DEFENDERS_DATA_DIR", Path("var"))

# A key for development and tests only; `defenders serve` refuses to start while this one is in use.
DEFENDERS_INSECURE_DEVELOPMENT_KEY = "insecure-development-key-never-use-in-production"
SECRET_KEY = env.text("DEFENDERS_SECRET_KEY", DEFENDERS_INSECURE_DEVELOPMENT_KEY)
DEBUG = env.flag("DEFENDERS_DEBUG", False)
ALLOWED_HOSTS = env.names("DEFENDERS_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
# The onion service's address (its `hostname` file, e.g. "abc…xyz.onion"): pages on the clear-web site then
# offer it to Tor Browser (defenders/core/onion.py), and the site answers on it. Empty: no onion service.
DEFENDERS_ONION_ADDRESS = env.text("DEFENDERS_ONION_ADDRESS", "").strip()
if DEFENDERS_ONION_ADDRESS:
    ALLOWED_HOSTS.append(DEFENDERS_ONION_ADDRESS.lower().removeprefix("http://").rstrip("/"))

INSTALLED_APPS = [
    "defenders.accounts.admin_site.DefendersAdminConfig",
    # Before django.contrib.auth, so that its `changepassword` command (which revokes the staff key through the
    # intake action) is the one `defenders changepassword` runs.
    "defenders.intake",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "simple_history",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "defenders.core",
    "defenders.accounts",
    "defenders.addressees",
    "defenders.mandates",
    "defenders.cases",
    "defenders.communications",
    "defenders.publication",
    "defenders.press",
    "defenders.interchange",
    "defenders.workspace",
    "defenders.drafting",
    "defenders.meetings",
    "defenders.notifications",
    "defenders.search",
    "defenders.api",
    "django.contrib.sitemaps",
    "defenders.analytics",
    "defenders.extraction",
    "defenders.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A public page kept by cached_public_page, answered with its stored headers before the rest runs.
    "defenders.publication.page_cache.PublicPageCacheMiddleware",
    # Pages compressed for slow links (issue 12); Django pads each compressed body with random bytes against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    # Offers the onion service to Tor Browser when DEFENDERS_ONION_ADDRESS is set.
    "defenders.core.onion.OnionLocationMiddleware",
    # A view that meets the database away answers a quick 503 with Retry-After (defenders/core/unavailable.py).
    "defenders.core.unavailable.DatabaseAwayMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The staff pages (/staff/, unprefixed) in the staff member's language (defenders/core/staff_language.py).
    "defenders.core.staff_language.StaffLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "defenders.csrf.NoReferrerCsrfMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Public reads on the read replica when one is configured (it asks whether someone is signed in).
    "defenders.core.db_router.ReplicaReadsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "defenders.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "defenders.accounts.middleware.IdleSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it answers the lockout page when an account is locked out.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "defenders.urls"
WSGI_APPLICATION = "defenders.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "defenders.context_processors.languages",
                "defenders.context_processors.intake",
                "defenders.workspace.context_processors.workspace",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env.text("DATABASE_URL", f"sqlite:///{DEFENDERS_DATA_DIR / 'defenders.sqlite3'}"),
        conn_max_age=env.integer("DEFENDERS_DB_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while a submission is being written; the timeout absorbs short write bursts.
    # synchronous=FULL: a submission acknowledged to its sender survives a power cut, not only a crash.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
    }
else:
    # A database host that stops answering (rather than refusing) must not hold a worker for minutes: after this
    # many seconds the request gets the quick 503 (defenders/core/unavailable.py) instead.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.integer(
        "DEFENDERS_DB_CONNECT_TIMEOUT", 5, minimum=1
    )

# A streaming replica of the primary (PostgreSQL) for public reads (defenders/core/db_router.py): public pages
# read it when it has replayed the primary's current public data, and the primary otherwise; staff and every write
# use the primary.
replica_url = env.text("DATABASE_REPLICA_URL", "").strip()
if replica_url:
    DATABASES["replica"] = dj_database_url.parse(
        replica_url, conn_max_age=env.integer("DEFENDERS_DB_CONN_MAX_AGE", 0, minimum=0)
    )
    # A replica that stops answering costs a request this long once, then is set aside (the primary answers).
    DATABASES["replica"]["OPTIONS"] = {
        "connect_timeout": env.integer("DEFENDERS_REPLICA_CONNECT_TIMEOUT", 2, minimum=1)
    }
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["defenders.core.db_router.PrimaryUnlessPublic"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first: a stolen password hash must cost as much to guess as the staff key the password seals.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The six UN languages. Chinese is Django's "zh-hans" (whose own catalogues it then uses) under the address
# prefix /zh/ (defenders/core/language_urls.py).
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The office works on Geneva time: Django's zone is the office clock's (defenders/clock.py), by construction.
TIME_ZONE = OFFICE_TIME_ZONE_NAME
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DEFENDERS_DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DEFENDERS_DATA_DIR / "files"
# Uploaded files are never served from a public URL: views check the publication rule and stream them.
MEDIA_URL = "/_files/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Outside DEBUG, `collectstatic` (run by `defenders serve` and `defenders demo`) writes each file under a
        # name with its hash, gzip and Brotli copies beside it; WhiteNoise serves them compressed, cached for a year.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "accounts:login"

# Staff log in with a password and a one-time code (defenders/accounts). Failed attempts, of either, lock the
# account out for 15 minutes after 5, counted in the database so that every worker sees them. Attempts are
# counted by account only: no address is stored, in keeping with the rest of the site.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_CLIENT_IP_CALLABLE = "defenders.accounts.lockout.no_address"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
OTP_TOTP_ISSUER = "Defenders"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# The CSRF token lives in the session, so that a source's browser holds one cookie only: the session's.
CSRF_USE_SESSIONS = True
SESSION_COOKIE_NAME = "session"
SESSION_COOKIE_AGE = 60 * 60 * 8
# Expiry rounded up to the hour and data signed without a time: a session row does not say when its visitor came.
SESSION_ENGINE = "defenders.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
X_FRAME_OPTIONS = "DENY"
# Both bind every host under the site's name (preload: for years, through browsers' own lists), which only
# the owner of that whole domain can promise: off unless the operator says so. Read even without HTTPS, so
# that a mistyped value is reported.
hsts_include_subdomains = env.flag("DEFENDERS_HSTS_INCLUDE_SUBDOMAINS", False)
hsts_preload = env.flag("DEFENDERS_HSTS_PRELOAD", False)
if env.flag("DEFENDERS_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = hsts_include_subdomains
    SECURE_HSTS_PRELOAD = hsts_preload
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Django's deploy warnings that do not apply here (the README's "Checks at start" says the same).
SILENCED_SYSTEM_CHECKS = [
    "security.W003",  # it looks for CsrfViewMiddleware by name; defenders.csrf's middleware is a subclass of it
    "security.W005",  # HSTS for subdomains is the domain owner's call: DEFENDERS_HSTS_INCLUDE_SUBDOMAINS
    "security.W021",  # HSTS preloading is the domain owner's call: DEFENDERS_HSTS_PRELOAD
    "axes.W006",  # lockouts count by account on purpose: no address is stored, and agents or cookies do not reset it
]

# No request line, address or user agent is ever logged: the access logger is silenced and errors are
# logged without the request object and with every address removed (see defenders/logging.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "drop_request": {"()": "defenders.logging.DropRequestDetails"},
        "drop_addresses": {"()": "defenders.logging.DropAddresses"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["drop_request", "drop_addresses"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "defenders": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# The mandate whose office runs this site, as its public pages name it.
DEFENDERS_OFFICE_NAME = env.text(
    "DEFENDERS_OFFICE_NAME", "the UN Special Rapporteur on Human Rights Defenders"
)
DEFENDERS_OFFICE_MANDATE = env.text("DEFENDERS_OFFICE_MANDATE", "SR HRDs")
DEFENDERS_PAGE_SIZE = 20
# A staff session ends after this many minutes without a request (defenders/accounts/middleware.py).
DEFENDERS_STAFF_IDLE_MINUTES = env.integer("DEFENDERS_STAFF_IDLE_MINUTES", 30, minimum=1)

# Every page: nothing from other sites, no inline script, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    }
}

# The cache counts the open data rate limit (defenders/api/limits.py): local memory by default, which each worker
# keeps on its own (check defenders.W030); a Redis server shares one count between every worker.
cache_url = env.text("DEFENDERS_CACHE_URL", "").strip()
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": cache_url}
    if cache_url
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
RATELIMIT_USE_CACHE = "default"
# Requests per client and period on the API's pages, and on the exports (each may stream 200,000 rows).
DEFENDERS_API_RATE = env.text("DEFENDERS_API_RATE", "120/m").strip()
DEFENDERS_EXPORT_RATE = env.text("DEFENDERS_EXPORT_RATE", "20/h").strip()
# Behind a reverse proxy every request comes from the proxy: name the header in which it appends the client's
# address (e.g. X-Forwarded-For), so that clients are told apart. Empty: the peer's address.
DEFENDERS_CLIENT_ADDRESS_HEADER = env.text("DEFENDERS_CLIENT_ADDRESS_HEADER", "").strip()

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# A history row's reason is part of the audit trail (a withholding reason, every signing mandate of an imported
# letter): kept whole in a text column rather than cut at django-simple-history's default of 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Email to staff (defenders/notifications), sent by the task worker (`defenders db_worker`): printed on the
# worker's console until an SMTP host is named. Every variable is read even without a host, so that a mistyped
# value is reported.
DEFAULT_FROM_EMAIL = env.text("DEFENDERS_EMAIL_FROM", "Defenders workspace <defenders@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[Defenders] "
email_host = env.text("DEFENDERS_EMAIL_HOST", "").strip()
email_port = env.integer("DEFENDERS_EMAIL_PORT", 587, minimum=1)
email_user = env.text("DEFENDERS_EMAIL_USER", "")
email_password = env.text("DEFENDERS_EMAIL_PASSWORD", "")
# Implicit TLS (usually port 465) replaces STARTTLS (587): Django refuses both at once.
email_ssl = env.flag("DEFENDERS_EMAIL_SSL", False)
email_starttls = env.flag("DEFENDERS_EMAIL_STARTTLS", True) and not email_ssl
if email_host:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = email_host
    EMAIL_PORT = email_port
    EMAIL_HOST_USER = email_user
    EMAIL_HOST_PASSWORD = email_password
    EMAIL_USE_SSL = email_ssl
    EMAIL_USE_TLS = email_starttls
    # A mail server that stops answering must not hold the worker: the task fails and says so.
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The address staff open the workspace at, for the links in their email (only /staff/ pages are linked).
DEFENDERS_SITE_URL = env.text("DEFENDERS_SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")

# Intake (defenders/intake): whether it is on, keys, scratch space and limits.
# Intake on means the office must hold a recovery key before serving (check defenders.E003).
DEFENDERS_INTAKE = env.flag("DEFENDERS_INTAKE", True)
# Keys and the codename pepper; in production keep this directory off the database host and out of its backups.
DEFENDERS_KEY_DIR = env.path(
    "DEFENDERS_KEY_DIR", DEFENDERS_DATA_DIR.parent / f"{DEFENDERS_DATA_DIR.name}-keys"
)
# Uploads wait here, in plaintext, only while a request runs: a memory-backed file system, never a disk.
DEFENDERS_SCRATCH_DIR = env.path(
    "DEFENDERS_SCRATCH_DIR",
    Path("/dev/shm" if Path("/dev/shm").is_dir() else "/tmp"),  # noqa: S108
)
DEFENDERS_MAX_FILE_BYTES = env.integer("DEFENDERS_MAX_FILE_BYTES", 20 * 1024 * 1024, minimum=1)
DEFENDERS_MAX_SUBMISSION_BYTES = env.integer("DEFENDERS_MAX_SUBMISSION_BYTES", 100 * 1024 * 1024, minimum=1)
DEFENDERS_MAX_FILES = 20
DEFENDERS_RETENTION_DAYS = env.integer("DEFENDERS_RETENTION_DAYS", 365, minimum=1)
# argon2id cost for keys derived from codenames and staff passwords: "moderate" in production.
DEFENDERS_KDF_COST = env.text("DEFENDERS_KDF_COST", "moderate")
FILE_UPLOAD_HANDLERS = ["defenders.intake.uploads.ScratchUploadHandler"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Every value above that could not be read (and so kept its default): check defenders.E001 stops start-up.
DEFENDERS_ENVIRONMENT_PROBLEMS = env.problems
