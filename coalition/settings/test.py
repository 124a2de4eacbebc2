"""Settings for the test suite: fast hashing, plain static files, no debug toolbar."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# The address the demo loader gives the default Site: the same localhost:80 that Wagtail's
# migration and the `home` fixture give it, so loading the demo changes no absolute URL.
SITE_URL = "http://localhost"
# The test client never asks whitenoise for static files, and STATIC_ROOT does not exist
# before a `collectstatic`. Without autorefresh whitenoise scans STATIC_ROOT each time the
# middleware is built and warns "No directory at: .../staticfiles/" (some 180 times a run);
# with it, whitenoise only looks on disk when a /static/ URL is requested.
WHITENOISE_AUTOREFRESH = True
# Indexing every save makes loading the demo content a third slower; tests that
# search build the index themselves with `update_index`.
for _search_backend in WAGTAILSEARCH_BACKENDS.values():  # noqa: F405
    _search_backend["AUTO_UPDATE"] = False
# Background tasks run at once, inside the test (Wagtail's and the long imports alike).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# The suite counts SQL queries per page: a cache in the database would add its own. Tests of
# what the shared cache promises (rate limits across processes, the page cache) set it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page cache is off in the suite: a test's rolled-back rows would stay in cached pages
# that later tests read. The page cache's own tests (core/tests/test_page_cache*.py) turn it on;
# TEST_PAGE_CACHE_SECONDS=3600 runs a suite (e.g. the crawls) with it on.
from .env import env_int  # noqa: E402

PAGE_CACHE_SECONDS = env_int("TEST_PAGE_CACHE_SECONDS", 0)
CHROME_CACHE_SECONDS = None  # follows PAGE_CACHE_SECONDS, whatever the environment says
# Two-factor authentication is off for the suite: most admin tests log a superuser in with
# force_login and test the admin, not the second step. users/tests/test_two_factor.py turns
# it on with override_settings, and so must any test of the login flow.
TWO_FACTOR_REQUIRED_FOR = ["none"]
