"""Settings, read from the environment. Development defaults just work; production fails loudly."""

import datetime as dt
import ipaddress
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from presscenter.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("PRESSCENTER_DATA_DIR", str(BASE_DIR / "var")))

# "development" (default), "demo", "test" or "production".
ENVIRONMENT = env_str("PRESSCENTER_ENV", "development")
if ENVIRONMENT not in {"development", "demo", "test", "production"}:
    raise ImproperlyConfigured(f"PRESSCENTER_ENV must be development, demo, test or production, got {ENVIRONMENT!r}")
DEBUG = env_bool("DEBUG", ENVIRONMENT == "development")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if ENVIRONMENT == "production":
        raise ImproperlyConfigured("SECRET_KEY must be set when PRESSCENTER_ENV=production")
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["*"] if ENVIRONMENT != "production" else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "presscenter.portal.views.csrf_failure"
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Trung tâm Báo chí Thủ đô")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "presscenter.core",
    "presscenter.accounts",
    "presscenter.orgs",
    "presscenter.audit",
    "presscenter.releases",
    "presscenter.authenticity",
    "presscenter.search",
    "presscenter.syndication",
    "presscenter.portal",
    "presscenter.workspace",
    "presscenter.press",
    "presscenter.subscriptions",
    "presscenter.delivery",
    "presscenter.mail",
    "presscenter.webhooks",
    "presscenter.live",
    "presscenter.workdays",
    "presscenter.inquiries",
    "presscenter.open311",
    "presscenter.events",
    "presscenter.exhibitions",
    "presscenter.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "presscenter.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "presscenter.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "presscenter.core.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "presscenter.urls"
ASGI_APPLICATION = "presscenter.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "presscenter.core.context.site",
                "presscenter.accounts.context.second_factor",
            ],
        },
    }
]

# SQLite (WAL, immediate transactions: no "database is locked" under web + workers) unless
# DATABASE_URL names another database.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "presscenter.sqlite3"),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env_bool("TASKS_IMMEDIATE", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# django-axes first: a locked-out username or address is refused before any password is hashed.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
# Only a fallback: the sign-in page sends each role to its own home (presscenter.accounts.landing).
LOGIN_REDIRECT_URL = "portal:home"

# Sign-in throttling (django-axes, presscenter.accounts.lockout): a username from one address
# that failed AXES_FAILURE_LIMIT times, and an address that failed LOGIN_ADDRESS_FAILURE_LIMIT
# times under any usernames, are locked for AXES_COOLOFF_TIME, or until an operator unlocks them.
# No username is locked from every address: anyone could lock a named account (docs/security.md).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 50)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "presscenter.accounts.lockout.PairAndAddressHandler"
AXES_USERNAME_CALLABLE = "presscenter.accounts.lockout.attempted_username"
AXES_LOCKOUT_CALLABLE = "presscenter.accounts.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client's address behind a reverse proxy (presscenter.core.client): X-Forwarded-For is read
# only when the direct peer is one of these addresses or CIDR blocks (comma-separated); empty:
# never. Every rate limit and the sign-in lockout count the address it gives.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address or a CIDR block") from _exc
AXES_CLIENT_IP_CALLABLE = "presscenter.core.client.address_or_none"

# Two-factor sign-in (django-otp, TOTP + recovery codes): required for the roles in
# presscenter.accounts.twofactor.REQUIRED_ROLES; the same switch asks for a fresh password and
# code (within REAUTH_MINUTES) before account and role changes.
PRESSCENTER_REQUIRE_STAFF_OTP = env_bool("PRESSCENTER_REQUIRE_STAFF_OTP", True)
REAUTH_MINUTES = env_int("REAUTH_MINUTES", 10)
OTP_TOTP_ISSUER = SITE_NAME
LOGOUT_REDIRECT_URL = "portal:home"

# Event calendar feeds (presscenter.events.views_feeds): a rendered feed is served from the cache
# for this many seconds (0: rendered on every request); changes show within that time.
EVENTS_FEED_CACHE_SECONDS = env_int("EVENTS_FEED_CACHE_SECONDS", 60)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "presscenter" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
if ENVIRONMENT != "production":
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request otherwise
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or ENVIRONMENT in {"test", "demo"}
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = ENVIRONMENT != "production"

# Uploads: attachments are checked by content; this is the hard cap per file.
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("API_MAX_BODY_BYTES", 2 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# API rate limits: requests per minute per client (token or address).
API_RATE_LIMIT_READ = env_int("API_RATE_LIMIT_READ", 600)
API_RATE_LIMIT_WRITE = env_int("API_RATE_LIMIT_WRITE", 120)

# A scheduled item published later than this is reported as a missed slot.
SCHEDULE_GRACE_SECONDS = env_int("SCHEDULE_GRACE_SECONDS", 120)
CLOCK_INTERVAL_SECONDS = env_int("CLOCK_INTERVAL_SECONDS", 15)

# Working hours of a working day in Vietnam's time, for every deadline (presscenter.workdays,
# docs/workdays.md): periods "HH:MM-HH:MM", comma-separated, in order. Checked at start-up.
WORKING_HOURS = env_str("WORKING_HOURS", "08:00-12:00,13:00-17:00")

# Signed checkpoints of the audit chain, outside the database (docs/cli.md, audit verify): every
# process that writes audit entries or runs tasks must see the same directory.
AUDIT_CHECKPOINT_DIR = Path(env_str("AUDIT_CHECKPOINT_DIR", str(DATA_DIR)))
AUDIT_CHECKPOINT_EVERY = env_int("AUDIT_CHECKPOINT_EVERY", 100)  # entries; the clock adds one every 5 minutes

# The learned routing suggestion (docs/routing.md): `presscenter routing train` writes it, the
# daily retraining replaces it; every process that suggests must see the same file.
ROUTING_MODEL_PATH = Path(env_str("ROUTING_MODEL_PATH", str(DATA_DIR / "routing-model.bin")))
# The daily retraining waits until this many inquiries have been routed.
ROUTING_RETRAIN_MIN_DECISIONS = env_int("ROUTING_RETRAIN_MIN_DECISIONS", 50)

# Webhooks: seconds before a slow receiver is given up (retried later); WebSub callbacks inside
# the private network are refused unless allowed (tests, closed networks).
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 5)
WEBSUB_ALLOW_PRIVATE_CALLBACKS = env_bool("WEBSUB_ALLOW_PRIVATE_CALLBACKS", False)

# The demo writes mail to files (var/mail) instead of needing a mail server.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if ENVIRONMENT == "demo"
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@presscenter.local")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = ENVIRONMENT == "production"
CSRF_COOKIE_SECURE = ENVIRONMENT == "production"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # On the handler too: db_worker sets its own loggers to INFO, which the demo keeps quiet.
    "handlers": {"console": {"class": "logging.StreamHandler", "level": env_str("LOG_LEVEL", "INFO")}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Questions and feedback (inquiries): the deadline when no policy applies, in working days; how
# long after an answer the asker may reopen or rate it, in days.
INQUIRY_DEFAULT_DAYS = env_int("INQUIRY_DEFAULT_DAYS", 5)
INQUIRY_REOPEN_DAYS = env_int("INQUIRY_REOPEN_DAYS", 10)
# The public asking forms: sends per client address and per contact (e-mail or phone) an hour,
# similar-question look-ups per address a minute, files per question and their size, and how
# far back similar open questions are looked for.
INQUIRY_RATE_PER_ADDRESS = env_int("INQUIRY_RATE_PER_ADDRESS", 20)
INQUIRY_RATE_PER_CONTACT = env_int("INQUIRY_RATE_PER_CONTACT", 10)
INQUIRY_RATE_SIMILAR = env_int("INQUIRY_RATE_SIMILAR", 60)
INQUIRY_ATTACHMENT_MAX_FILES = env_int("INQUIRY_ATTACHMENT_MAX_FILES", 5)
INQUIRY_ATTACHMENT_MAX_BYTES = env_int("INQUIRY_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
INQUIRY_SIMILAR_DAYS = env_int("INQUIRY_SIMILAR_DAYS", 60)
# Escalation of an overdue inquiry: to the parent organisation and the centre on breach, to the
# grandparent this many working days after the deadline if still unanswered.
INQUIRY_ESCALATE_AGAIN_DAYS = env_int("INQUIRY_ESCALATE_AGAIN_DAYS", 2)
# The most working days the superior organisation may add to a deadline, once (superior.extend).
INQUIRY_MAX_EXTENSION_DAYS = env_int("INQUIRY_MAX_EXTENSION_DAYS", 10)
# The accountability dashboard (inquiries.stats): PostgreSQL's sort memory for its queries (SET
# LOCAL in their transaction), so the medians of a month sort in memory.
INQUIRY_STATS_WORK_MEM = env_str("INQUIRY_STATS_WORK_MEM", "32MB")

# Open311 GeoReport v2 (/open311/v2/): service requests a client application may post per hour,
# per api_key and per client address.
OPEN311_POSTS_PER_KEY = env_int("OPEN311_POSTS_PER_KEY", 600)
OPEN311_POSTS_PER_ADDRESS = env_int("OPEN311_POSTS_PER_ADDRESS", 60)
