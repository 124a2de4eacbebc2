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
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from .i18n import active_locale
from .models.feedback import FEEDBACK_SLUG, AcceptsFeedback


def route_below(start: Page, request, path_components) -> RouteResult:
    """Route ``path_components`` below ``start`` (whose own sub-routes the caller has tried).

    Two queries for any depth: the pages on the path, then the deepest one's specific page.
    Raises ``Http404`` where Wagtail's ``route`` would.
    """
    components = [component for component in path_components if component]
    if not components:
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
            return page.specific.route(request, remaining)
        if index == last:
            raise Http404  # no child has this slug (the query above would have found it)


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


def route_for_request(request, path: str) -> RouteResult | None:
    """Wagtail's ``Page.route_for_request``, with the root found by ``localized_root``.

    Kept on the request where Wagtail keeps it, so ``Page.route_for_request`` and
    ``Page.find_for_request`` later in the request answer the same without a query.
    """
    if not hasattr(request, "_wagtail_route_for_request"):
        site = Site.find_for_request(request)
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
