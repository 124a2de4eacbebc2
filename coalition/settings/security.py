"""Security headers (Content-Security-Policy, Permissions-Policy), password rules and upload limits.

Imported at the end of base.py, so the tile server, media address and site address read
there are known here; production.py comes after and adds HSTS and secure cookies.
"""

from urllib.parse import urlsplit

from .base import MAP_TILE_URL, MEDIA_URL, SITE_URL, WAGTAIL_SITE_NAME
from .env import env_bool, env_int, env_list, env_str


def _origin(url):
    """``https://host[:port]`` of an absolute address; None for a path such as ``/media/``."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


# --- Content-Security-Policy (django-csp 4; core.security.CoalitionCSPMiddleware) -----------
# Public pages: nothing inline, nothing from elsewhere but the map tiles, media on another host
# (S3) and the video players the click-to-load video block puts in the page after a click.
# Leaflet positions tiles and markers through element.style from its own file, which CSP
# allows; style="" in markup it would not.
_SELF = "'self'"
# A tile address with {s} (OpenStreetMap style) is served from the subdomains a, b and c.
_TILE_HOSTS = sorted(
    {host for s in "abc" if (host := _origin(MAP_TILE_URL.replace("{s}", s))) is not None}
)
_MEDIA_HOSTS = [host for host in [_origin(MEDIA_URL)] if host]
# Where the video block's players come from (oEmbed answers of YouTube and Vimeo).
CSP_VIDEO_HOSTS = env_list(
    "CSP_VIDEO_HOSTS",
    ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
)
CSP_REPORT_URI = env_str("CSP_REPORT_URI")
# Browsers upgrade http:// references on an https site; never on a development http address.
CSP_UPGRADE_INSECURE_REQUESTS = env_bool(
    "CSP_UPGRADE_INSECURE_REQUESTS", SITE_URL.startswith("https://")
)

CSP_PUBLIC_DIRECTIVES = {
    "default-src": [_SELF],
    "script-src": [_SELF],
    "style-src": [_SELF],
    "img-src": [_SELF, "data:", *_TILE_HOSTS, *_MEDIA_HOSTS],
    "font-src": [_SELF],
    "media-src": [_SELF, *_MEDIA_HOSTS],
    "connect-src": [_SELF],
    "frame-src": CSP_VIDEO_HOSTS,
    "frame-ancestors": ["'none'"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "object-src": ["'none'"],
    "upgrade-insecure-requests": CSP_UPGRADE_INSECURE_REQUESTS,
}
# The admin (/admin/, /django-admin/) is Wagtail's and Django's own code, which still writes
# inline scripts and styles (Django's admin, Draftail, the preview panel), shows thumbnails of
# embeds from their hosts and frames its own previews: it gets this looser policy instead,
# chosen by path in core.security. Previews and draft views live under /admin/ and so are
# framed by the admin ('self'); public pages may be framed by nobody. Wagtail's userbar is
# not on public pages (no template loads {% wagtailuserbar %}).
CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
CSP_ADMIN_DIRECTIVES = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:", "https:"],
    "font-src": [_SELF, "data:"],
    "media-src": [_SELF, *_MEDIA_HOSTS],
    "connect-src": [_SELF],
    "frame-src": [_SELF, *CSP_VIDEO_HOSTS],
    "worker-src": [_SELF, "blob:"],
    "frame-ancestors": [_SELF],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "object-src": ["'none'"],
    "upgrade-insecure-requests": CSP_UPGRADE_INSECURE_REQUESTS,
}
# No avatars from Gravatar in the admin: it would tell a third party who edits (an e-mail hash
# per editor) and load over plain http; Wagtail shows its own default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
if CSP_REPORT_URI:
    CSP_PUBLIC_DIRECTIVES["report-uri"] = CSP_REPORT_URI
    CSP_ADMIN_DIRECTIVES["report-uri"] = CSP_REPORT_URI

# CSP_REPORT_ONLY=true: browsers report what the policy would block and block nothing (to try
# a change of policy on the live site first).
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
if CSP_REPORT_ONLY:
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_PUBLIC_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_PUBLIC_DIRECTIVES}
    CONTENT_SECURITY_POLICY_REPORT_ONLY = None

# --- Permissions-Policy (django-permissions-policy) ----------------------------------------
# The site asks for no device: no camera, microphone or location (the front door asks for a
# postcode, never for the browser's position). Only the video player may go full screen and
# play protected media, and only from the video hosts.
_VIDEO_FEATURE = ["self", *CSP_VIDEO_HOSTS]
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": _VIDEO_FEATURE,
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": _VIDEO_FEATURE,
    "fullscreen": _VIDEO_FEATURE,
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "interest-cohort": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": _VIDEO_FEATURE,
    "publickey-credentials-get": ["self"],  # security keys as a second factor in the admin
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# --- Other headers (Django's SecurityMiddleware and XFrameOptionsMiddleware) ---------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow same-origin themselves

# --- Passwords -------------------------------------------------------------------------------
# Django's four rules (its minimum length with a Dutch message), at least 12 characters, and none of the words of this site and its
# cause (users/passwords.py): they are the first an attacker tries here.
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 12)
PASSWORD_SITE_WORDS = env_list("PASSWORD_SITE_WORDS")  # extra words, comma-separated
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "users.passwords.LengthPasswordValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "users.passwords.SiteWordsPasswordValidator",
        "OPTIONS": {"site_name": WAGTAIL_SITE_NAME, "site_url": SITE_URL},
    },
]

# --- Uploads ---------------------------------------------------------------------------------
# A request body held in memory before Django refuses it (forms; files go to disk above the
# next limit). Uploads of images and documents have their own limits below.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_PERMISSIONS = 0o644
# Images: Wagtail checks that the content is an image of the format the name says.
# No SVG: it can carry scripts.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Documents: the content must match the extension (core/uploads.py); they are served through
# Wagtail's view, which adds "Content-Security-Policy: default-src 'none'" and nosniff, and
# only PDFs open in the browser, everything else is a download.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.uploads.CheckedDocumentForm"
WAGTAILDOCS_SERVE_METHOD = env_str("WAGTAILDOCS_SERVE_METHOD", "serve_view")
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
