"""Cache keys of stored responses: host, language, path and the sorted GET parameters."""

import hashlib
from urllib.parse import urlencode

from django.utils.translation import get_language_from_path

_PREFIX = "pagecache:entry:"


def entry_key(request) -> str | None:
    """The key for this request, or None when the host is not allowed (no caching then)."""
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: Django answers 400 later; nothing to cache
        return None
    language = get_language_from_path(request.path_info) or "-"
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    raw = "\n".join((request.scheme, host, language, request.path, query))
    # A hash bounds the key length whatever the path or query (memcached allows 250 bytes).
    return _PREFIX + hashlib.sha256(raw.encode()).hexdigest()


# The private sections every list leaves out (``core.models.pages``): one entry for all pages.
VIEW_RESTRICTIONS_KEY = "pagecache:view-restrictions"
_ROUTE_PREFIX = "pagecache:route:"
_ROUTED_PART_PREFIX = "pagecache:chrome:routed:"


def route_key(request, components: list[str] | None = None) -> str | None:
    """The key of the route ``core.routing`` keeps for ``components`` below the root of the
    request's host, port and language; the middleware reads it ahead, so it names nothing it
    cannot know before routing (the entry names its root page, checked on use). Without
    ``components``: the request's own path after the language prefix (None without one)."""
    try:
        host = request.get_host().rsplit(":", 1)[0]
    except Exception:  # DisallowedHost: Django answers 400 later
        return None
    language = get_language_from_path(request.path_info)
    if components is None:
        if not language:
            return None
        components = [part for part in request.path_info.split("/")[2:] if part]
    path = "/".join(components)
    digest = hashlib.blake2b(path.encode(), digest_size=16).hexdigest()
    return f"{_ROUTE_PREFIX}{host}:{request.get_port()}:{language or '-'}:{digest}"


def routed_part_key(route: str) -> str:
    """The key of the chrome's part for the page a route (``route_key``) answers: read ahead
    with the route, before the page's id is known (the entry names the page, checked on use)."""
    return _ROUTED_PART_PREFIX + route.removeprefix(_ROUTE_PREFIX)
