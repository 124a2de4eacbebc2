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

# Media (uploaded images and documents) on S3-compatible storage when a bucket is named
# (django-storages: `pip install '.[s3]'`); otherwise on the local disk in MEDIA_ROOT. Several
# app servers need it, or a shared disk. MEDIA_URL is the public address of the media (the
# CSP allows images from it), the single source of the address: https://media.example.nl/media/
# (a custom domain or CDN) or https://s3.nl-ams.scw.cloud/<bucket>/media/ (path style). The
# keys come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3 itself.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    from importlib.util import find_spec

    if find_spec("storages") is None:
        sys.stderr.write(
            "AWS_STORAGE_BUCKET_NAME is set: install django-storages: pip install '.[s3]'\n"
        )
        raise SystemExit(1)
    AWS_LOCATION = env_str("AWS_LOCATION", "media").strip("/")
    _suffix = f"/{AWS_LOCATION}/" if AWS_LOCATION else "/"
    _media = urlsplit(MEDIA_URL)  # noqa: F405
    if _media.scheme not in ("http", "https") or not _media.path.endswith(_suffix):
        sys.stderr.write(
            "With AWS_STORAGE_BUCKET_NAME set, MEDIA_URL must be the public address of the "
            f"folder {AWS_LOCATION!r} in the bucket, ending in {_suffix} (for example "
            f"https://media.samentegeneenzaamheid.nl{_suffix}), not {MEDIA_URL!r}.\n"  # noqa: F405
        )
        raise SystemExit(1)
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None  # empty: Amazon S3
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    # Links to media are built from MEDIA_URL, without signatures: a cached page keeps working.
    AWS_S3_CUSTOM_DOMAIN = _media.netloc + _media.path.removesuffix(_suffix)
    AWS_S3_URL_PROTOCOL = f"{_media.scheme}:"
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None  # the bucket's policy decides what is public (see the README)
    AWS_S3_FILE_OVERWRITE = False  # a new upload never replaces another file of the same name
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}
    # Documents keep going through Wagtail's view (WAGTAILDOCS_SERVE_METHOD, security.py), which
    # checks a private collection's rules: only the images need to be public in the bucket.
    STORAGES = {**STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}  # noqa: F405
