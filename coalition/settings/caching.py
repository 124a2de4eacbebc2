"""Page cache, Cache-Control and the front-end cache (CDN) purge."""

from .env import env_int, env_str

# How long an anonymous visitor's page is kept in the shared cache at most (a publish, a
# snippet or settings change purges it at once; pages that change by the clock expire at
# that moment). 0 turns the page cache off (the Cache-Control and ETag headers stay).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60)
# The header and footer (menu, helplines, settings) and each page's breadcrumbs and language
# links, kept apart from the pages: a page the page cache cannot serve (first visit after a
# publish, a new query string, a visitor with a session) is still built without them. Unset:
# as PAGE_CACHE_SECONDS; 0 turns it off.
CHROME_CACHE_SECONDS = env_int("CHROME_CACHE_SECONDS", None)
# How long a browser may keep a page without asking again: short, because a browser cannot
# be told that a page was purged.
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 60)
PAGE_CACHE_MAX_BYTES = env_int("PAGE_CACHE_MAX_BYTES", 2_000_000)
# Never cached: the admins, documents (they may be private) and static and media files
# (WhiteNoise and the web server answer those themselves).
PAGE_CACHE_SKIP_PREFIXES = ["/admin/", "/django-admin/", "/documents/", "/static/", "/media/"]
# Never cached: every search is counted (search/views.py), suggestions are per keystroke.
PAGE_CACHE_SKIP_URL_NAMES = ["search", "search_suggestions", "search_old_address"]

# A CDN in front of the site (Wagtail's frontend_cache): every purge of the page cache also
# purges the addresses of the pages concerned. Unset: no CDN, nothing sent.
#   FRONTEND_CACHE_BACKEND=http        FRONTEND_CACHE_LOCATION=http://varnish:8000
#   FRONTEND_CACHE_BACKEND=cloudflare  FRONTEND_CACHE_CLOUDFLARE_TOKEN, FRONTEND_CACHE_CLOUDFLARE_ZONE
#   FRONTEND_CACHE_BACKEND=cloudfront  FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION
FRONTEND_CACHE_BACKEND = env_str("FRONTEND_CACHE_BACKEND")
_FRONTEND_BACKENDS = {
    "http": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_LOCATION"),
    },
    "cloudflare": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env_str("FRONTEND_CACHE_CLOUDFLARE_TOKEN"),
        "ZONEID": env_str("FRONTEND_CACHE_CLOUDFLARE_ZONE"),
    },
    "cloudfront": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env_str("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION"),
    },
}
if FRONTEND_CACHE_BACKEND and FRONTEND_CACHE_BACKEND not in _FRONTEND_BACKENDS:
    raise ValueError(
        f"FRONTEND_CACHE_BACKEND must be one of {', '.join(_FRONTEND_BACKENDS)}, "
        f"not {FRONTEND_CACHE_BACKEND!r}"
    )
WAGTAILFRONTENDCACHE = (
    {"default": _FRONTEND_BACKENDS[FRONTEND_CACHE_BACKEND]()} if FRONTEND_CACHE_BACKEND else {}
)
