"""Settings for production. SECRET_KEY and SITE_URL must come from the environment."""

import sys
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

DEBUG = False

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    # One clear line instead of a traceback: this is the most common first mistake.
    message = (
        "SECRET_KEY is not set: set the SECRET_KEY environment variable to a long random "
        'string (for example: python -c "import secrets; print(secrets.token_urlsafe(50))").'
    )
    sys.stderr.write(message + "\n")
    raise SystemExit(1)

# The public address: absolute links, the sitemap, iCal feeds, QR codes and the admin's
# e-mails lead there. A development default would send them to 127.0.0.1.
SITE_URL = env_str("SITE_URL").rstrip("/")
if not SITE_URL:
    message = (
        "SITE_URL is not set: set the SITE_URL environment variable to the site's public "
        "address (for example: https://samentegeneenzaamheid.nl); WAGTAILADMIN_BASE_URL "
        "defaults to it."
    )
    sys.stderr.write(message + "\n")
    raise SystemExit(1)
_site = urlsplit(SITE_URL)
if _site.scheme not in ("http", "https") or not _site.hostname:
    sys.stderr.write(
        f"SITE_URL must be a full address such as https://samentegeneenzaamheid.nl, "
        f"not {SITE_URL!r}.\n"
    )
    raise SystemExit(1)
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", SITE_URL).rstrip("/")

# HTTPS everywhere; a proxy in front terminates TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

LOGGING["root"]["level"] = env_str("LOG_LEVEL", "INFO")  # noqa: F405
