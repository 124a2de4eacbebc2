"""Settings shared by every environment.

Everything that differs between machines comes from environment variables (see
the table in README.md); the ``dev``, ``test`` and ``production`` modules only
change defaults.
"""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps first, so their templates override those of packages.
    "core",
    "users",
    "images",
    "home",
    "activities",
    "social_map",
    "koplopers",
    "news",
    "signups",
    "campaigns",
    "events",
    "search",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
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
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "dbbackup",  # backup_site and restore_site
    # Admin accounts: lock-out after failed logins, two-factor authentication
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # First: a hit for an anonymous visitor skips everything below and is answered with the
    # headers stored with it (CSP, Permissions-Policy, HSTS: the inner middleware set them on
    # the miss); a miss is stored after the inner middleware ran (Set-Cookie, CSRF, user
    # seen). An http request never matches an https entry (the scheme is in the key), so
    # SecurityMiddleware's redirect to https still happens. core.page_cache.
    "core.page_cache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.security.CoalitionCSPMiddleware",  # strict CSP; the admin's own (settings/security.py)
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.query_values.StripNulMiddleware",  # no NUL in GET values (PostgreSQL refuses them)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.UnknownLanguagePrefixMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "users.two_factor.middleware.TwoFactorMiddleware",  # second factor for the admin
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lock-out into its page
]

ROOT_URLCONF = "coalition.urls"
WSGI_APPLICATION = "coalition.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL, defaulting to a SQLite file in the project.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# Cache: Redis when REDIS_URL is set, otherwise a table in the database (`createcachetable`,
# run by `make migrate`). Both are shared by every worker process and survive a restart, so
# rate limits, the geocoder's breaker and the page cache hold for the whole site; a cache in
# the memory of each process would count per worker and forget on every restart.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",  # one client per pool, not per call
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "coalition"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "coalition_cache",
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "coalition"),
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20_000)},
        }
    }

AUTH_USER_MODEL = "users.User"
# AUTH_PASSWORD_VALIDATORS, upload limits and security headers: security.py.

# Languages: Dutch is the source language of all content.
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Static and media files.
STATIC_URL = env_str("STATIC_URL", "/static/")
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Front-end packages installed from the npm registry by `npm ci`. Only the files the site
# uses are served, listed one by one in core/staticfiles.py: whole `dist/` folders hold
# stylesheets that refer to files the package lacks, which stops the production build.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "core.staticfiles.VendorFilesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # WhiteNoise's compressed manifest storage, its URLs remembered per process.
    "staticfiles": {"BACKEND": "core.static_storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Search: Elasticsearch when ELASTICSEARCH_URL is set, otherwise the database.
# With Elasticsearch: "default" (every object, Dutch analysers; the admin searches it) and one
# index per language, "nl" and "en" (only pages of that locale, that language's analysers and
# synonyms); search.backends.backend_for_language picks the alias for a visitor's language.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
if ELASTICSEARCH_URL:
    _es_prefix = env_str("ELASTICSEARCH_INDEX_PREFIX", "coalition_")

    def _elasticsearch(prefix, language, only_language=None):
        params = {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 5),
            "OPTIONS": {},
            "LANGUAGE": language,
        }
        if only_language:
            params["ONLY_LANGUAGE"] = only_language
        return params

    WAGTAILSEARCH_BACKENDS = {
        "default": _elasticsearch(_es_prefix, "nl"),
        "nl": _elasticsearch(f"{_es_prefix}nl_", "nl", only_language="nl"),
        "en": _elasticsearch(f"{_es_prefix}en_", "en", only_language="en"),
    }
else:
    # search.backends.database: modelsearch's database backend, with Dutch stemming on SQLite.
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    if IS_POSTGRES:
        # Dutch stemming: "eenzaam" also finds "eenzaamheid".
        WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "dutch"

# The public address of the site, without a trailing slash: the base of absolute links
# (canonical, og:url, sitemap, iCal, QR codes go through the default Site, which the demo
# loader sets from it) and of links in the admin's e-mails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Wagtail
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Samen tegen eenzaamheid")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", SITE_URL).rstrip("/")
WAGTAILIMAGES_IMAGE_MODEL = "images.CoalitionImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "images.forms.CoalitionImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAILSNIPPETS_MENU_SHOW_ALL = True  # /admin/snippets/ lists every snippet one may use
# Dates as Dutch editors type and read them (core/admin_dates.py reads every common form).
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# Wagtail's responsive embed wrapper carries style="" (a strict CSP forbids it): site.css
# gives video players their shape instead.
WAGTAILEMBEDS_RESPONSIVE_HTML = False

# E-mail: console in development, SMTP settings from the environment in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@example.org")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Privacy: no cookies for anonymous visitors beyond what a form needs.
SESSION_COOKIE_HTTPONLY = True

# Sociale kaart: geocoding through the PDOK Locatieserver (free, no key), map tiles from
# a configurable tile server (PDOK BRT-Achtergrondkaart by default), and how long an entry
# may go unchecked before editors are reminded and before residents no longer see it.
GEOCODER_URL = env_str("GEOCODER_URL", "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free")
GEOCODER_TIMEOUT = env_int("GEOCODER_TIMEOUT", 3)
# A failed lookup is not tried again for this many seconds; after this many failures in a
# row the service is left alone for GEOCODER_BREAKER_SECONDS (core/geocoding.py).
GEOCODER_FAILURE_CACHE = env_int("GEOCODER_FAILURE_CACHE", 120)
GEOCODER_BREAKER_FAILURES = env_int("GEOCODER_BREAKER_FAILURES", 3)
GEOCODER_BREAKER_SECONDS = env_int("GEOCODER_BREAKER_SECONDS", 60)
MAP_TILE_URL = env_str(
    "MAP_TILE_URL",
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION", "Kaartgegevens &copy; Kadaster (PDOK), OpenStreetMap-bijdragers"
)
SOCIAL_MAP_FLAG_AFTER_DAYS = env_int("SOCIAL_MAP_FLAG_AFTER_DAYS", 180)
SOCIAL_MAP_HIDE_AFTER_DAYS = env_int("SOCIAL_MAP_HIDE_AFTER_DAYS", 365)

# Agenda: how far ahead recurring events are expanded, how long submitters' contact details
# are kept, how many submissions one address may send, and when organisers are reminded.
EVENTS_OCCURRENCE_WINDOW_MONTHS = env_int("EVENTS_OCCURRENCE_WINDOW_MONTHS", 18)
EVENTS_SUBMISSION_RETENTION_DAYS = env_int("EVENTS_SUBMISSION_RETENTION_DAYS", 90)
EVENTS_SUBMISSION_RATE = env_str("EVENTS_SUBMISSION_RATE", "5/h")
EVENTS_MODERATOR_EMAILS = env_list("EVENTS_MODERATOR_EMAILS")
EVENTS_REMIND_AFTER_DAYS = env_int("EVENTS_REMIND_AFTER_DAYS", 60)
EVENTS_IMPORT_GEOCODE = env_bool("EVENTS_IMPORT_GEOCODE", True)
EVENTS_REMINDER_REPLY_TO = env_list("EVENTS_REMINDER_REPLY_TO")
EVENTS_MAP_MAX_MARKERS = env_int("EVENTS_MAP_MAX_MARKERS", 2000)
EVENTS_DUPLICATE_WINDOW_MINUTES = env_int("EVENTS_DUPLICATE_WINDOW_MINUTES", 60)

# Spreadsheet imports (core/IMPORT.md): what a file may hold, and from how many rows on an
# import runs in the background (a new page costs about a quarter of a second, so 25 rows
# keep a web worker a few seconds at most). The limits keep a crafted file from costing
# gigabytes.
IMPORT_MAX_FILE_SIZE = env_int("IMPORT_MAX_FILE_SIZE", 5 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 5000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 50)
IMPORT_MAX_CELL_LENGTH = env_int("IMPORT_MAX_CELL_LENGTH", 10_000)
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 150_000)
IMPORT_MAX_UNPACKED_SIZE = env_int("IMPORT_MAX_UNPACKED_SIZE", 30 * 1024 * 1024)
IMPORT_MAX_ZIP_RATIO = env_int("IMPORT_MAX_ZIP_RATIO", 100)
IMPORT_BACKGROUND_ROWS = env_int("IMPORT_BACKGROUND_ROWS", 25)

# Background tasks (django_tasks). Wagtail's own tasks stay immediate ("default"); long
# imports go to the database queue ("imports"), worked off by
# `manage.py db_worker --backend imports` (started by `make run` and `make serve`).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}

# Behind a reverse proxy REMOTE_ADDR is the proxy; let it set X-Real-IP and use
# RATELIMIT_IP_META_KEY=HTTP_X_REAL_IP, or every visitor shares one rate-limit bucket.
# The limit counts in the cache, so several workers need the shared Redis cache.
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY") or None

# "Klopt er iets niet?" notes: after this many days `manage.py delete_old_feedback` wipes the
# sender's name and e-mail address and deletes notes that were handled.
FEEDBACK_RETENTION_DAYS = env_int("FEEDBACK_RETENTION_DAYS", 90)
# Sign-up forms (signups): accepted sign-ups per address, and how long they are kept.
SIGNUP_RATE = env_str("SIGNUP_RATE", "5/h")
SIGNUP_RETENTION_DAYS = env_int("SIGNUP_RETENTION_DAYS", 180)
# Site search: searches per address (django-ratelimit, counted in the cache) for the
# results page and for the suggestions while typing; how long the counts of what people
# searched for are kept (`manage.py delete_old_search_counts`, and Wagtail's own daily hits
# through `searchpromotions_garbage_collect`).
SEARCH_RATE = env_str("SEARCH_RATE", "60/m")
SEARCH_SUGGESTIONS_RATE = env_str("SEARCH_SUGGESTIONS_RATE", "240/m")
SEARCH_LOG_RETENTION_DAYS = env_int("SEARCH_LOG_RETENTION_DAYS", 90)
WAGTAILSEARCH_HITS_MAX_AGE = SEARCH_LOG_RETENTION_DAYS


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Settings of one concern each, kept beside this file (production overrides some of them).
from .accounts import *  # noqa: E402, F403
from .backup import *  # noqa: E402, F403
from .caching import *  # noqa: E402, F403
from .security import *  # noqa: E402, F403
