"""The page cache for anonymous visitors, with Cache-Control, ETag and 304 answers.

One middleware first in MIDDLEWARE: a hit is answered before any other middleware runs, with
the headers stored with it (the security headers the inner middleware set on the miss), and
a miss is stored only after every inner middleware had its say, so a Set-Cookie, a CSRF token
or a logged-in user is seen. A request with a session cookie (every editor) neither gets nor
fills a cached copy.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe

from . import chrome
from .keys import VIEW_RESTRICTIONS_KEY, entry_key, route_key, routed_part_key
from .record import state
from .tags import (
    ALL,
    CHROME,
    COMMON,
    PAGES,
    prefetch,
    read_valid,
    request_snapshot,
    versions_for_store,
)

_CACHE_METHODS = ("GET", "HEAD")
_PERSONAL = ("private", "no-store", "no-cache")


def _enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def _candidate(request) -> bool:
    """Could the answer to this request be anyone's? (Checked before anything runs.)"""
    if request.method not in _CACHE_METHODS or "HTTP_AUTHORIZATION" in request.META:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # editors, visitors who entered a page password: their own pages
    return not request.path.startswith(tuple(settings.PAGE_CACHE_SKIP_PREFIXES))


def _storable(request, response) -> bool:
    """Is this answer the same for every anonymous visitor? (Checked after the view ran.)"""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in _PERSONAL) or "*" in response.get("Vary", ""):
        return False
    if request.META.get("CSRF_COOKIE_USED") or state(request)["never"]:
        return False  # a form with a CSRF token, or personal data
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if getattr(request, "is_preview", False):
        return False
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name in settings.PAGE_CACHE_SKIP_URL_NAMES:
        return False
    return len(response.content) <= settings.PAGE_CACHE_MAX_BYTES


def _lifetime(request) -> int:
    """Seconds the response may be kept: the default, or less when the clock changes it."""
    seconds = settings.PAGE_CACHE_SECONDS
    expires = state(request)["expires"]
    if expires is not None:
        seconds = min(seconds, int((expires - timezone.now()).total_seconds()))
    return seconds


def _add_public_headers(request, response, lifetime: int) -> None:
    notes = state(request)
    browser = max(0, min(settings.PAGE_CACHE_BROWSER_SECONDS, lifetime))
    if settings.WAGTAILFRONTENDCACHE:
        patch_cache_control(response, public=True, max_age=browser, s_maxage=max(0, lifetime))
    else:
        patch_cache_control(response, public=True, max_age=browser)
    patch_vary_headers(response, ("Cookie",))
    if not response.has_header("ETag"):
        set_response_etag(response)
    if notes["last_modified"] is not None and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(notes["last_modified"].timestamp())


def _conditional(request, response):
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


def _store(key, request, response, lifetime: int, started_ns: int) -> None:
    notes = state(request)
    tags = notes["tags"] or {PAGES}  # a view that is not one page: any page change
    versions = versions_for_store(tags | {ALL, CHROME}, started_ns)
    if versions is None:
        return  # purged while rendering: the render may show the old state
    entry = {
        "content": response.content,
        "headers": [(k, v) for k, v in response.items() if k.lower() != "set-cookie"],
        "tags": versions,
    }
    cache.set(key, entry, timeout=lifetime)


def _from_entry(request, entry):
    response = HttpResponse(b"" if request.method == "HEAD" else entry["content"])
    for header, value in entry["headers"]:
        response[header] = value
    response = _conditional(request, response)
    response["X-Cache"] = "hit"
    return response


def _read_ahead(request) -> None:
    """What nearly every page reads from the shared cache (the chrome, the route, the page's
    part of the chrome, the private sections), with the tags most entries hold, in one round
    trip (``tags.prefetch``)."""
    if chrome.shared_enabled():
        keys = [chrome.key_for(request), VIEW_RESTRICTIONS_KEY]
        route = route_key(request)
        if route is not None:
            keys += [route, routed_part_key(route)]
        prefetch([key for key in keys if key is not None], COMMON)
    chrome.attach(request)  # the header and footer, if cached


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._page_cache_started_ns = time.time_ns()  # see record.request_started_ns
        with request_snapshot():  # each tag's version read once in the request
            return self._respond(request)

    def _respond(self, request):
        if not _candidate(request):
            if not request.path.startswith(tuple(settings.PAGE_CACHE_SKIP_PREFIXES)):
                _read_ahead(request)  # editors see the same header and footer
            return self._private(self.get_response(request))
        key = entry_key(request) if _enabled() else None
        if key is not None:
            entry = read_valid([key]).get(key)
            if entry is not None:
                return _from_entry(request, entry)
        started_ns = request._page_cache_started_ns  # before any tag version was read
        _read_ahead(request)
        response = self.get_response(request)
        if not _storable(request, response):
            return self._private(response)
        lifetime = _lifetime(request)
        _add_public_headers(request, response, lifetime)
        stored = key is not None and lifetime > 0
        if stored:
            _store(key, request, response, lifetime, started_ns)
        response = _conditional(request, response)
        if stored:
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def _private(response):
        """One visitor's answer: browsers may keep it but must ask again, proxies may not."""
        if response.status_code == 200 and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response
