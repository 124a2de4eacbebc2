"""Routing in a constant number of queries (core.routing) answers as Wagtail's own walk does."""

from importlib import import_module

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, include, path
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from wagtail import urls as wagtail_urls
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site

from core.i18n import active_locale
from core.models.feedback import FEEDBACK_SLUG, AcceptsFeedback
from core.routing import localized_root, page_urls, route_for_request
from events.models import EventIndexPage, EventPage
from home.factories import StandardPageFactory
from home.models import HomePage, StandardPage

UNKNOWN = "bestaat-niet"


@pytest.fixture(autouse=True, params=["cache-off", "cache-on"])
def route_cache(request, settings):
    """Every test runs without and with the route cache (on with the chrome cache). Whole
    pages are never cached here (TEST_PAGE_CACHE_SECONDS): these tests compare routing."""
    cache.clear()
    settings.PAGE_CACHE_SECONDS = 0
    settings.CHROME_CACHE_SECONDS = 3600 if request.param == "cache-on" else 0
    yield request.param == "cache-on"
    cache.clear()


def _is_page_urls(pattern) -> bool:
    names = [getattr(p, "name", None) for p in getattr(pattern, "url_patterns", [])]
    return isinstance(pattern, URLResolver) and names == [p.name for p in page_urls()]


def _swap(patterns):
    """The site's URL patterns with Wagtail's own page URLs where ``page_urls()`` are included."""
    swapped = []
    for pattern in patterns:
        if _is_page_urls(pattern) and not isinstance(pattern.pattern, LocalePrefixPattern):
            swapped.append(path("", include(wagtail_urls)))
        elif isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            swapped.append(URLResolver(pattern.pattern, _swap(pattern.url_patterns)))
        else:
            swapped.append(pattern)
    return swapped


# This module is also a URLconf: the site's, served by Wagtail's own serve view, to compare.
# The project's URLconf by name: core imports no higher layer (import-linter).
site_urls = import_module(settings.ROOT_URLCONF)
urlpatterns = _swap(site_urls.urlpatterns)
handler404 = site_urls.handler404
handler500 = site_urls.handler500


def _request(path="/"):
    return RequestFactory().get(path)


def _components(home, page, *extra):
    return [part for part in page.url_path[len(home.url_path) :].split("/") if part] + list(extra)


def _wagtail_route(home, components):
    """Wagtail's own walk (``Page.route`` level by level), what ``HomePage.route`` replaces."""
    return Page.route(home, _request(), components)


def _outcome(route, home, components):
    """What a route answers, comparable across two calls: 404, or page, view name, arguments."""
    try:
        page, args, kwargs = route(home, components)
    except Http404:
        return "404"
    args = list(args)
    if args and callable(args[0]):  # a RoutablePageMixin sub-route: (view, args, kwargs)
        args[0] = args[0].__name__
    return (type(page).__name__, page.pk, repr(args), repr(kwargs))


def _our_route(home, components):
    return home.route(_request(), components)


def _sub_routes(page):
    """The sub-paths a page answers itself (routes without parameters), and a wrong one."""
    paths = [[UNKNOWN], [UNKNOWN, UNKNOWN]]
    if isinstance(page, RoutablePageMixin):
        for pattern in type(page).get_resolver().url_patterns:
            route = str(pattern.pattern)
            if "<" not in route and "(" not in route:
                paths.append([part for part in route.strip("^$").split("/") if part])
    if isinstance(page, AcceptsFeedback):
        paths.append([FEEDBACK_SLUG])
    return paths


def _homes():
    return list(HomePage.objects.filter(depth=2))


@pytest.mark.django_db
def test_every_page_and_sub_route_of_the_demo_routes_as_wagtail_does(demo_site):
    checked, types = 0, set()
    for home in _homes():
        for page in home.get_descendants(inclusive=True).specific():
            for extra in [[], *_sub_routes(page)]:
                components = _components(home, page, *extra)
                expected = _outcome(_wagtail_route, home, components)
                assert _outcome(_our_route, home, components) == expected, components
                checked += 1
            types.add(type(page).__name__)
    assert checked > 200
    assert {"ActivityPage", "EventPage", "PlacePage", "KoploperPage", "NewsPage"} <= types


def test_sub_routes_answer_from_the_page_that_owns_them(demo_site):
    home = HomePage.objects.get(pk=demo_site.root_page_id)
    agenda = EventIndexPage.objects.child_of(home).get()
    event = EventPage.objects.child_of(agenda).live().first()

    page, (view, _args, _kwargs), _ = home.route(_request(), ["agenda", "ical"])
    assert (page.pk, view.__name__) == (agenda.pk, "ical_route")
    page, (view, _args, _kwargs), _ = home.route(_request(), ["agenda", event.slug, "ical"])
    assert (type(page), page.pk, view.__name__) == (EventPage, event.pk, "ical_route")


def test_the_calendar_feeds_are_served(demo_site, client):
    response = client.get("/nl/agenda/ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_a_child_named_like_a_sub_route_does_not_hide_the_sub_route(demo_site):
    """Wagtail asks the agenda first: its ``ical/`` wins over a child page slugged ``ical``."""
    home = HomePage.objects.get(pk=demo_site.root_page_id)
    agenda = EventIndexPage.objects.child_of(home).get()
    agenda.add_child(instance=StandardPage(title="Ical", slug="ical", intro="x"))

    page, (view, _args, _kwargs), _ = home.route(_request(), ["agenda", "ical"])
    assert (page.pk, view.__name__) == (agenda.pk, "ical_route")
    assert _outcome(_our_route, home, ["agenda", "ical"]) == _outcome(
        _wagtail_route, home, ["agenda", "ical"]
    )


def test_an_unpublished_page_and_an_unknown_slug_are_not_found(demo_site, client):
    home = HomePage.objects.get(pk=demo_site.root_page_id)
    page = StandardPage.objects.child_of(home).live().first()
    assert client.get(page.url).status_code == 200

    page.unpublish(log_action=False)

    assert client.get(page.url).status_code == 404
    with pytest.raises(Http404):
        home.route(_request(), [page.slug])
    assert client.get(f"/nl/{UNKNOWN}/").status_code == 404
    assert client.get(f"/nl/agenda/{UNKNOWN}/").status_code == 404
    assert client.get(f"/nl/agenda/{UNKNOWN}/{UNKNOWN}/").status_code == 404


def test_a_live_page_below_an_unpublished_parent_answers_as_in_wagtail(home):
    parent = home.add_child(instance=StandardPageFactory.build(slug="ouder"))
    child = parent.add_child(instance=StandardPageFactory.build(slug="kind"))
    Page.objects.filter(pk=parent.pk).update(live=False)

    assert _outcome(_our_route, home, ["ouder"]) == "404"
    # Wagtail checks only the page that answers, not its ancestors.
    assert _outcome(_wagtail_route, home, ["ouder", "kind"])[1] == child.pk
    assert _outcome(_our_route, home, ["ouder", "kind"])[1] == child.pk


def test_an_unpublished_agenda_has_no_feed(demo_site):
    home = HomePage.objects.get(pk=demo_site.root_page_id)
    agenda = EventIndexPage.objects.child_of(home).get()
    Page.objects.filter(pk=agenda.pk).update(live=False)

    assert _outcome(_our_route, home, ["agenda", "ical"]) == "404"
    assert _outcome(_wagtail_route, home, ["agenda", "ical"]) == "404"


def test_english_pages_route_below_the_english_home(demo_site, client):
    english = HomePage.objects.get(depth=2, locale__language_code="en")
    page = english.get_children().live().exclude(numchild=0).specific().first()
    child = page.get_children().live().first()

    response = client.get(f"/en/{page.slug}/{child.slug}/")

    assert response.status_code == 200
    assert response.context["page"].pk == child.pk
    assert client.get("/en/").context["page"].pk == english.pk


def test_an_alias_routes_to_the_alias(home):
    original = home.add_child(instance=StandardPageFactory.build(slug="origineel"))
    folder = home.add_child(instance=StandardPageFactory.build(slug="map"))
    alias = original.create_alias(parent=folder, update_slug="kopie")

    page, _args, _kwargs = home.route(_request(), ["map", "kopie"])

    assert (page.pk, page.alias_of_id) == (alias.pk, original.pk)


def test_a_private_page_still_asks_for_a_login(demo_site, client):
    home = HomePage.objects.get(pk=demo_site.root_page_id)
    page = StandardPage.objects.child_of(home).live().first()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(page.url)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_redirect_still_answers_for_an_unknown_path(demo_site, client):
    home = HomePage.objects.get(pk=demo_site.root_page_id)
    page = StandardPage.objects.child_of(home).live().first()
    Redirect.objects.create(old_path=f"/nl/{UNKNOWN}", redirect_page=page)

    response = client.get(f"/nl/{UNKNOWN}/")

    assert response.status_code in (301, 302)
    assert response["Location"].endswith(page.url)


def test_a_path_without_its_trailing_slash_is_redirected(demo_site, client):
    response = client.get("/nl/agenda")
    assert response.status_code == 301
    assert response["Location"].endswith("/nl/agenda/")


@pytest.mark.parametrize("depth", [1, 3, 6])
def test_routing_costs_two_queries_at_any_depth(home, depth, django_assert_num_queries):
    page = home
    for level in range(depth):
        page = page.add_child(instance=StandardPageFactory.build(slug=f"niveau-{level}"))
    components = _components(home, page)
    home = HomePage.objects.get(pk=home.pk)

    with django_assert_num_queries(2):
        found, _args, _kwargs = home.route(_request(), components)
    assert (type(found), found.pk) == (StandardPage, page.pk)
    with django_assert_num_queries(0):  # templates show the parent's title (breadcrumbs)
        assert found.get_parent().pk == page.get_parent().pk

    # An unknown slug below it: no second query.
    with django_assert_num_queries(1), pytest.raises(Http404):
        home.route(_request(), [*components, UNKNOWN])


def _site_with_cached_root(language):
    """A site as the chrome cache hands it over: root page and its specific form loaded."""
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    site.root_page.specific  # noqa: B018 (loads it, as the cached site has it)
    request = _request()
    with translation.override(language):
        active_locale(request)
    return site, request


def test_the_root_in_the_sites_language_costs_no_query(demo_site, django_assert_num_queries):
    site, request = _site_with_cached_root("nl")
    with translation.override("nl"), django_assert_num_queries(0):
        root = localized_root(site, request)
    assert (type(root), root.pk) == (HomePage, site.root_page_id)


def test_the_root_in_another_language_costs_one_query(demo_site, django_assert_num_queries):
    site, request = _site_with_cached_root("en")
    with translation.override("en"), django_assert_num_queries(1):
        root = localized_root(site, request)
    with translation.override("en"):
        expected = Site.objects.get(pk=site.pk).root_page.localized.specific
    assert (type(root), root.pk, root.locale.language_code) == (HomePage, expected.pk, "en")


def test_a_root_translation_in_draft_is_not_used(demo_site):
    english = HomePage.objects.get(depth=2, locale__language_code="en")
    Page.objects.filter(pk=english.pk).update(live=False)
    site, request = _site_with_cached_root("en")
    with translation.override("en"):
        root = localized_root(site, request)
        expected = Site.objects.get(pk=site.pk).root_page.localized.specific
    assert root.pk == expected.pk == site.root_page_id


def test_route_for_request_is_kept_on_the_request_as_wagtail_keeps_it(demo_site):
    request = RequestFactory().get("/nl/agenda/", HTTP_HOST="localhost")
    with translation.override("nl"):
        page, _args, _kwargs = route_for_request(request, "agenda/")
        assert Page.find_for_request(request, "agenda/") is page
        assert route_for_request(RequestFactory().get("/", HTTP_HOST="localhost"), "x/") is None
    assert isinstance(page, EventIndexPage)


PAGES = [
    "/nl/",
    "/nl/activiteitenbank/",
    "/nl/agenda/",
    "/nl/agenda/ical/",
    "/nl/sociale-kaart/",
    "/nl/koplopers/",
    "/nl/nieuws/",
    "/en/",
    "/en/news/",
    f"/nl/{UNKNOWN}/",
    f"/nl/agenda/{UNKNOWN}/",
]


def _answers(client, paths):
    answers, counts = {}, {}
    for url in paths:
        client.get(url)  # warm up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        page = response.context.get("page") if response.context else None
        answers[url] = (response.status_code, page.pk if page else None)
        counts[url] = len(queries)
    return answers, counts


@pytest.mark.django_db
def test_the_site_served_by_core_routing_answers_as_with_wagtails_view(demo_site, client, settings):
    home = HomePage.objects.get(pk=demo_site.root_page_id)
    deep = [
        page.url
        for page in home.get_descendants().live().filter(depth=home.depth + 2).specific()[:8]
    ]
    paths = PAGES + deep
    answers, counts = _answers(client, paths)  # the site as configured: core.routing.serve

    settings.ROOT_URLCONF = __name__
    wagtail_answers, wagtail_counts = _answers(client, paths)

    assert answers == wagtail_answers
    assert all(status == 200 for status, _page in list(answers.values())[:9])
    # The root (and its Locale) no longer costs a query of its own.
    assert all(counts[url] < wagtail_counts[url] for url in PAGES[:9] + deep), (
        counts,
        wagtail_counts,
    )


def test_a_stale_url_path_falls_back_to_wagtails_walk(home):
    parent = home.add_child(instance=StandardPageFactory.build(slug="ouder"))
    child = parent.add_child(instance=StandardPageFactory.build(slug="kind"))
    Page.objects.filter(pk=parent.pk).update(url_path=f"{home.url_path}verouderd/")

    page, _args, _kwargs = home.route(_request(), ["ouder", "kind"])

    assert page.pk == child.pk
