"""Page routing in a constant number of queries, whatever the depth of the page.

Wagtail's ``Page.route`` walks the path one level at a time: a ``get_children().get(slug=)``
and a ``.specific`` query per level. ``route_below`` finds every page whose ``url_path`` is a
prefix of the requested path in one query, fetches only the deepest one's specific instance
and hands it the rest of the path, so its own ``route()`` (``RoutablePageMixin`` sub-routes
such as ``ical/``, the feedback form) still decides. Each page gets its parent cached, as
after Wagtail's walk, so ``get_parent()`` in a template costs no query.

Wagtail's semantics are kept: only the page that answers must be live (not its ancestors, as in
Wagtail), a page in between whose own ``route()`` may claim the rest of the path (a live
routable page whose resolver matches it, the feedback slug, or any route override this module
does not know) gets it, exactly as Wagtail would walk on from there, and an unknown slug is a
404 without a further query.

While the chrome cache is on, what the walk learned for a path that a page answers itself (its
ancestors, its id and type, the view restrictions on it) is kept in the shared cache, checked
against the page cache's ``all`` and ``pages`` tags: the next request loads only the page by
id (one query) and the view-restriction check costs none for a public page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import re_path
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from .i18n import active_locale
from .models.feedback import FEEDBACK_SLUG, AcceptsFeedback
from .page_cache import chrome as chrome_cache
from .page_cache import tags as page_cache_tags
from .page_cache.keys import route_key
from .page_cache.record import request_started_ns
from .page_cache.tags import ALL, PAGES

# What routing learns from the tree, kept in the shared cache while the chrome cache is on:
# a path's pages (ancestors as base rows, the answering page by id and model) and the ids of
# the view restrictions on it. Every publish, unpublish, move, delete and privacy change
# purges ``PAGES`` (core.page_cache.purge), so the next request walks the tree again.
_SITE_PREFIX = "pagecache:site:"
_TAGS = (ALL, PAGES)


def route_below(start: Page, request, path_components) -> RouteResult:
    """Route ``path_components`` below ``start`` (whose own sub-routes the caller has tried).

    Two queries for any depth: the pages on the path, then the deepest one's specific page.
    Raises ``Http404`` where Wagtail's ``route`` would.
    """
    components = [component for component in path_components if component]
    key = _key(request, components) if chrome_cache.shared_enabled() else None
    # The middleware may have read the entry and its tags when the request began.
    started_ns = request_started_ns(request)
    if key is not None:
        found = _cached_route(key, start, request, started_ns)
        if found is not None:
            return found
    if not components:
        _note(start, start, [start], key, started_ns)
        return Page.route(start, request, [])
    prefixes, url_path = [], start.url_path
    for component in components:
        url_path = f"{url_path}{component}/"
        prefixes.append(url_path)
    pages = Page.objects.filter(
        path__startswith=start.path,
        depth__gt=start.depth,
        depth__lte=start.depth + len(components),
        url_path__in=prefixes,
    ).order_by("depth")
    chain, parent = [], start
    for index, page in enumerate(pages):
        if (
            page.url_path != prefixes[index]
            or page.depth != parent.depth + 1
            or not page.path.startswith(parent.path)
        ):
            # Not a parent-child chain along the path: a stale url_path. Walk as Wagtail does.
            return Page.route(start, request, components)
        page._cached_parent_obj = parent
        chain.append(page)
        parent = page
    if not chain:
        raise Http404
    last = len(chain) - 1
    for index, page in enumerate(chain):
        remaining = components[index + 1 :]
        if _may_claim(page, remaining):
            specific = page.specific
            if not remaining:  # the page itself answers: what its restrictions are is known
                _note(specific, start, chain, key, started_ns)
            return specific.route(request, remaining)
        if index == last:
            raise Http404  # no child has this slug (the query above would have found it)


class _RouteNote:
    """What routing knows of the answering page's place: enough for ``view_restrictions``."""

    __slots__ = ("key", "start_ns", "paths", "aliased", "entry")

    def __init__(self, key, start_ns, paths, aliased, entry):
        self.key, self.start_ns, self.paths, self.aliased = key, start_ns, paths, aliased
        self.entry = entry

    def __reduce__(self):
        # Never kept with a page (the root in the chrome cache): unpickled, it is None.
        return (type(None), ())


def _key(request, components: list[str]) -> str | None:
    """Per host, port, language and path (``page_cache.keys``: read ahead by the middleware);
    the entry names the root it was routed from."""
    return route_key(request, components) if request is not None else None


def _ancestor_paths(page: Page) -> list[str]:
    return [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]


def _note(page: Page, start: Page, chain: list[Page], key, started_ns) -> None:
    """Note the page's ancestry on it, and keep the route in the shared cache (when on).

    Aliases use their source page's restrictions (Wagtail's ``get_view_restrictions``): a path
    with one is left to Wagtail. Only a root at depth 2 (a site's home) has all ancestors in
    ``chain`` (the tree's root, depth 1, is never an alias).
    """
    aliased = start.depth > 2 or any(p.alias_of_id is not None for p in (start, *chain[:-1], page))
    entry = None
    if key is not None:
        entry = {
            "start": start.pk,
            "chain": chain[:-1],
            "id": page.pk,
            "model": type(page),
            "path": page.path,
            "url_path": page.url_path,
            "aliased": aliased,
            "restrictions": None,  # filled in by ``view_restrictions`` when the page is served
        }
    page._route_note = _RouteNote(key, started_ns, _ancestor_paths(page), aliased, entry)
    if entry is not None:
        _store(page._route_note)


def _store(note: _RouteNote) -> None:
    parents = [
        (page, page.__dict__.pop("_cached_parent_obj", None)) for page in note.entry["chain"]
    ]
    try:  # the parents are linked again on a hit: never pickle the root page and its body
        page_cache_tags.set_entry(
            note.key, note.entry, _TAGS, note.start_ns, chrome_cache.shared_seconds()
        )
    finally:
        for page, parent in parents:
            if parent is not None:
                page._cached_parent_obj = parent


def _cached_route(key: str, start: Page, request, started_ns: int) -> RouteResult | None:
    """The route kept for ``key``, answered with one query (the page by id); None: walk.

    The page is read fresh (``live`` and its fields are the database's); its path and address
    must still be those routed, or the tree walk decides.
    """
    data = page_cache_tags.get_entry(key, _TAGS)
    if data is None or data.get("start") != start.pk:
        return None
    # The root itself is loaded already.
    page = start if data["id"] == start.pk else _page_by_id(data["model"], data["id"])
    if page is None or page.path != data["path"] or page.url_path != data["url_path"]:
        return None
    parent = start
    for ancestor in data["chain"]:
        ancestor._cached_parent_obj = parent
        parent = ancestor
    page._cached_parent_obj = parent
    page._route_note = _RouteNote(key, started_ns, _ancestor_paths(page), data["aliased"], data)
    return Page.route(page, request, []) if page is start else page.route(request, [])


_PAGE_SHAPES: dict = {}  # (model, database) -> what ``_page_shape`` works out, once


def _page_shape(model: type[Page], db: str, pk: int):
    """The SQL of ``filter(pk=%s)`` for ``model``, the converters of its columns and the
    attribute names they fill; None when the query is not of the id alone."""
    compiler = model._default_manager.filter(pk=pk).query.get_compiler(using=db)
    sql, params = compiler.as_sql()
    info = compiler.klass_info
    if tuple(params) != (pk,) or info is None or compiler.annotation_col_map:
        return None
    columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
    fields = info["select_fields"]
    names = [column.target.attname for column in columns[fields[0] : fields[-1] + 1]]
    return sql, compiler.get_converters(columns), names, fields[0]


def _page_by_id(model: type[Page], pk: int) -> Page | None:
    """``model._default_manager.filter(pk=pk).first()`` without building the query each time.

    Building the SQL of a page type (every column of its table and Wagtail's) costs more than
    running it, and a raw queryset maps its columns again on every call; both differ only in
    the id, so each process works them out once per page type and builds the page as Django's
    queryset does (``from_db`` after the columns' converters).
    """
    manager = model._default_manager
    key = (model, manager.db)
    shape = _PAGE_SHAPES.get(key)
    if shape is None:
        shape = _PAGE_SHAPES[key] = _page_shape(model, manager.db, pk) or False
    if shape is False:  # not a query of the id alone: no shortcut
        return manager.filter(pk=pk).first()
    sql, converters, names, start = shape
    connection = connections[manager.db]
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    row = list(row)
    for index, (functions, expression) in converters.items():
        value = row[index]
        for function in functions:
            value = function(value, expression, connection)
        row[index] = value
    return model.from_db(manager.db, names, row[start : start + len(names)])


def view_restrictions(page: Page):
    """The view restrictions on a routed page and its ancestors, as Wagtail's
    ``get_view_restrictions`` finds them, without its query for aliases; from the route's cache
    entry when it has them (no query for a public page). None: not routed here, ask Wagtail.
    """
    note = getattr(page, "_route_note", None)
    if note is None or note.aliased:
        return None
    entry = note.entry
    ids = entry["restrictions"] if entry is not None else None
    rows = None
    if ids is None:
        rows = list(PageViewRestriction.objects.filter(page__path__in=note.paths))
        ids = [row.pk for row in rows]
        if entry is not None:
            entry["restrictions"] = ids
            _store(note)
    if not ids:
        return PageViewRestriction.objects.none()
    restrictions = PageViewRestriction.objects.filter(pk__in=ids)
    if rows is not None:
        restrictions._result_cache = rows  # read already: a chained queryset reads again
    return restrictions


def _model(page: Page) -> type[Page]:
    return page.specific_class or Page


def _may_claim(page: Page, remaining: list[str]) -> bool:
    """Whether the page's own ``route()`` might answer ``remaining`` itself (not a child).

    Known overrides are decided here without loading the page; an unknown one is assumed to
    claim, so that page is loaded and routes itself as in Wagtail (correct, one query more).
    """
    if not remaining:
        return True
    for klass in _model(page).__mro__:
        route = vars(klass).get("route")
        if route is None or getattr(route, "routes_below", False):
            continue
        if route is Page.route:  # Wagtail's own (defined on AbstractPage): children only
            return False
        if klass is RoutablePageMixin:
            if page.live and _resolves(_model(page), remaining):
                return True
        elif klass is AcceptsFeedback:
            if remaining == [FEEDBACK_SLUG]:
                return True
        else:
            return True
    return False


def _resolves(model: type[RoutablePageMixin], remaining: list[str]) -> bool:
    try:
        model.get_resolver().resolve("/" + "/".join(remaining) + "/")
    except Http404:  # Resolver404 is one
        return False
    return True


def routes_below(route):
    """Mark a ``route`` method that uses ``route_below`` (a page in between skips its check)."""
    route.routes_below = True
    return route


def localized_root(site: Site, request) -> Page:
    """``site.root_page.localized.specific`` in at most one query (none in the site's language).

    The site (and its root page, specific) may come from the chrome cache
    (``core.page_cache.chrome``), the Locale from ``core.i18n``'s memo; only a root in another
    language is looked up, straight as its specific model. As Wagtail's ``localized``: a
    translation that is not live is not used.
    """
    root = site.root_page
    locale = active_locale(request) if getattr(settings, "WAGTAIL_I18N_ENABLED", False) else None
    if locale is None or locale.pk == root.locale_id:
        return root.specific
    model = root.specific_class or Page
    translation = (
        model._default_manager.filter(translation_key=root.translation_key, locale_id=locale.pk)
        .order_by()
        .first()
    )
    return translation if translation is not None and translation.live else root.specific


def find_site(request) -> Site | None:
    """``Site.find_for_request``, kept in the shared cache per host and port while the chrome
    cache is on: a request the chrome does not dress (robots.txt, the sitemap) would otherwise
    pay Wagtail's query (an annotated, ordered one: most of robots.txt's time). A site change
    purges ``ALL``, a change of its root page ``PAGES``.
    """
    if request is None or hasattr(request, "_wagtail_site") or not chrome_cache.shared_enabled():
        return Site.find_for_request(request)
    try:
        request.get_host()  # only a host the site answers for (ALLOWED_HOSTS) gets an entry
    except Exception:  # DisallowedHost: Django answers 400 later
        return Site.find_for_request(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"{_SITE_PREFIX}{hostname}:{request.get_port()}"
    started_ns = request_started_ns(request)
    site = page_cache_tags.get_entry(key, _TAGS)
    if site is not None:
        request._wagtail_site = site
        return site
    site = Site.find_for_request(request)
    if site is not None:
        page_cache_tags.set_entry(key, site, _TAGS, started_ns, chrome_cache.shared_seconds())
    return site


def route_for_request(request, path: str) -> RouteResult | None:
    """Wagtail's ``Page.route_for_request``, with the root found by ``localized_root``.

    Kept on the request where Wagtail keeps it, so ``Page.route_for_request`` and
    ``Page.find_for_request`` later in the request answer the same without a query.
    """
    if not hasattr(request, "_wagtail_route_for_request"):
        site = find_site(request)
        result = None
        if site is not None:
            try:
                components = [component for component in path.split("/") if component]
                result = localized_root(site, request).route(request, components)
            except Http404:
                pass
        request._wagtail_route_for_request = result
    return request._wagtail_route_for_request


def serve(request, path: str):
    """Wagtail's ``serve`` view (hooks, restrictions, 404), routed by ``route_for_request``."""
    from wagtail import views as wagtail_views  # not at import: it loads models (home imports us)

    route_for_request(request, path)
    return wagtail_views.serve(request, path)


def page_urls() -> list:
    """Wagtail's front-end URL patterns with ``serve`` above in place of Wagtail's own::

    urlpatterns += i18n_patterns(..., path("", include(page_urls())))
    """
    from wagtail import urls as wagtail_urls

    return [
        re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve")
        if getattr(pattern, "name", None) == "wagtail_serve"
        else pattern
        for pattern in wagtail_urls.urlpatterns
    ]
