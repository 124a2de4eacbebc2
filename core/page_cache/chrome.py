"""The site's chrome (menu, footer, helplines, settings, homes) cached per site and language.

Every page shows the same header and footer; building them costs about a dozen queries. The
template tags build them once (``core_tags``), store them here under the request's host,
port and language, and the middleware puts them back on the next request before Wagtail
looks up the site. A publish of any page, a settings, helpline or site change drops them
(tags ``pages``, ``chrome``, ``site:<id>``, ``all``).
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language_from_path

from .keys import routed_part_key
from .purge import tree_tags
from .record import request_started_ns
from .tags import ALL, CHROME, PAGES, page_tag, read_valid, site_tag, versions_for_store

_PREFIX = "pagecache:chrome:"


def shared_seconds() -> int:
    """How long what many pages share is kept (the chrome, routing data, list cards):
    CHROME_CACHE_SECONDS, or PAGE_CACHE_SECONDS when it is not set."""
    seconds = getattr(settings, "CHROME_CACHE_SECONDS", None)
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) if seconds is None else seconds


def shared_enabled() -> bool:
    return shared_seconds() > 0


def _key(request, language: str) -> str | None:
    try:
        host = request.get_host().rsplit(":", 1)[0]
    except Exception:  # DisallowedHost: Django answers 400 later
        return None
    return f"{_PREFIX}{host}:{request.get_port()}:{language}"


def key_for(request) -> str | None:
    """The key of the request's chrome (None: no language in the path, or a host not allowed)."""
    language = get_language_from_path(request.path_info)
    return _key(request, language) if language else None


def attach(request) -> None:
    """Put the cached chrome (and the site and locale it was built for) on the request."""
    key = key_for(request) if shared_enabled() else None
    if key is None:
        return
    # The tag versions may have been read since the request began (``tags.prefetch``): a
    # fragment added to the chrome is kept only if no tag was purged since then.
    checked_ns = request_started_ns(request)
    entry = read_valid([key]).get(key)
    if entry is not None:
        apply(request, entry["data"])
        request._chrome_checked_ns = checked_ns  # valid then: a fragment may be added to it
    else:
        request._chrome_started_ns = checked_ns


def apply(request, data: dict) -> None:
    request._chrome = data
    request._wagtail_site = data["site"]  # what Site.find_for_request would look up
    request._locale_cache = {data["language"]: data["locale"]}
    if "root_paths" in data:  # what Page.get_url_parts reads from the cache otherwise
        request._wagtail_cached_site_root_paths = data["root_paths"]
    settings_obj = data["settings"]
    if settings_obj is not None:
        settings_obj._request = request  # as Wagtail's for_request does (page URLs)
        setattr(request, type(settings_obj).get_cache_attr_name(), settings_obj)


def store(request, data: dict) -> None:
    """Keep the chrome built for this request (skipped when purged meanwhile)."""
    started_ns = getattr(request, "_chrome_started_ns", None)
    if started_ns is None:
        started_ns = getattr(request, "_chrome_checked_ns", None)
    site = data["site"]
    if not shared_enabled() or started_ns is None or site is None:
        return
    key = _key(request, data["language"])
    versions = versions_for_store({ALL, CHROME, PAGES, site_tag(site.pk)}, started_ns)
    if key is None or versions is None:
        return
    settings_obj = data["settings"]
    request_of_settings = getattr(settings_obj, "_request", None)
    if settings_obj is not None:
        settings_obj._request = None  # never pickle the request
    cache.set(key, {"tags": versions, "data": data}, timeout=shared_seconds())
    if settings_obj is not None:
        settings_obj._request = request_of_settings


def fragment(request, data: dict, name: str, render) -> str:
    """HTML that depends on nothing but the chrome (the footer, the helplines), rendered once
    per site and language and kept in the chrome's entry: ``render()`` makes it on a miss."""
    html = data.setdefault("html", {})
    if name not in html:
        html[name] = render()
        if request is not None:
            store(request, data)
    return html[name]


def for_page(request, page, build) -> dict:
    """The page's own part of the chrome (breadcrumbs, translations, section look), cached.

    ``build(page)`` makes the dict on a miss (its ``tags``: more tags it depends on, e.g. the
    translations' addresses). It is dropped when the page, one of its
    ancestors (``tree:`` tags: titles in the breadcrumbs, the campaign's look) or one of its
    translations (which purge ``page:<id>``) is published, and with the site's chrome. A page
    ``core.routing`` routed keeps it under its route's key: the middleware reads it ahead.
    """
    notes = request.__dict__.setdefault("_page_chrome", {})
    if page.pk in notes:
        return notes[page.pk]
    key = _part_key(request, page)
    if shared_enabled():
        entry = read_valid([key]).get(key)
        if entry is not None and entry.get("page") == page.pk:
            notes[page.pk] = entry["data"]
            return entry["data"]
    started_ns = request_started_ns(request)  # the chrome it reads came from the snapshot
    data = notes[page.pk] = build(page)
    if shared_enabled():
        tags = {ALL, CHROME, page_tag(page.pk), *tree_tags(page), *data.get("tags", ())}
        versions = versions_for_store(tags, started_ns)
        if versions is not None:
            entry = {"tags": versions, "data": data, "page": page.pk}
            cache.set(key, entry, timeout=shared_seconds())
    return data


def _part_key(request, page) -> str:
    route = getattr(getattr(page, "_route_note", None), "key", None)  # core.routing's note
    if route is not None:
        return routed_part_key(route)
    language = get_language_from_path(request.path_info) or "-"
    return f"{_PREFIX}part:{page.pk}:{language}"  # not "page:": those held pages, not plain data
