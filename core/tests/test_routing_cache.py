"""The route cache (core.routing, on with the chrome cache): one query for a cached route, and
every change to the tree or to a section's privacy seen on the very next request."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction, Site

from core.routing import _key, find_site
from home.factories import StandardPageFactory
from home.models import HomePage, StandardPage


@pytest.fixture
def cached_routes(settings):
    cache.clear()
    settings.PAGE_CACHE_SECONDS = 0  # routing's own cache, not whole pages
    settings.CHROME_CACHE_SECONDS = 3600
    yield
    cache.clear()


def _page_id(client, url):
    response = client.get(url)
    page = response.context.get("page") if response.status_code == 200 else None
    return response.status_code, page.pk if page is not None else None


def _served_twice(client, url):
    """The second answer comes from the route cache when the first stored one."""
    first = _page_id(client, url)
    assert _page_id(client, url) == first
    return first


def _request(path="/"):
    return RequestFactory().get(path)


def test_a_cached_route_costs_one_query_and_no_restriction_query(
    home, cached_routes, django_assert_num_queries
):
    parent = home.add_child(instance=StandardPageFactory.build(slug="ouder"))
    page = parent.add_child(instance=StandardPageFactory.build(slug="kind"))
    home = HomePage.objects.get(pk=home.pk)
    with django_assert_num_queries(2):
        routed, _args, _kwargs = home.route(_request(), ["ouder", "kind"])
    with django_assert_num_queries(1):  # the restrictions on the path, noted in the entry
        assert list(routed.get_view_restrictions()) == []

    with django_assert_num_queries(1):  # the page by id
        routed, _args, _kwargs = home.route(_request(), ["ouder", "kind"])
    with django_assert_num_queries(0):
        assert (type(routed), routed.pk) == (StandardPage, page.pk)
        assert routed.get_parent().pk == parent.pk
        assert routed.get_parent().get_parent().pk == home.pk
        assert list(routed.get_view_restrictions()) == []


def test_the_restrictions_without_the_cache_cost_one_query(home, django_assert_num_queries):
    """Wagtail's asks for the aliases on the path first; routing knows them."""
    page = home.add_child(instance=StandardPageFactory.build(slug="open"))
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    home = HomePage.objects.get(pk=home.pk)
    routed, _args, _kwargs = home.route(_request(), ["open"])
    with django_assert_num_queries(1):
        assert list(routed.get_view_restrictions()) == [restriction]
    assert list(routed.get_view_restrictions()) == list(Page.get_view_restrictions(routed))


def test_a_publish_is_seen_on_the_next_request(home, client, cached_routes):
    page = home.add_child(instance=StandardPageFactory.build(slug="concept", live=False))
    assert _served_twice(client, "/nl/concept/") == (404, None)

    page.save_revision().publish()

    assert _page_id(client, "/nl/concept/") == (200, page.pk)


def test_an_unpublish_is_seen_on_the_next_request(home, client, cached_routes):
    page = home.add_child(instance=StandardPageFactory.build(slug="weg"))
    assert _served_twice(client, "/nl/weg/") == (200, page.pk)

    page.unpublish(log_action=False)

    assert _page_id(client, "/nl/weg/") == (404, None)


def test_a_slug_change_is_seen_on_the_next_request(home, client, cached_routes):
    parent = home.add_child(instance=StandardPageFactory.build(slug="oud"))
    child = parent.add_child(instance=StandardPageFactory.build(slug="kind"))
    assert _served_twice(client, "/nl/oud/") == (200, parent.pk)
    assert _served_twice(client, "/nl/oud/kind/") == (200, child.pk)

    parent.slug = "nieuw"
    parent.save_revision().publish()

    assert _page_id(client, "/nl/oud/") == (404, None)
    assert _page_id(client, "/nl/oud/kind/") == (404, None)
    assert _page_id(client, "/nl/nieuw/") == (200, parent.pk)
    assert _page_id(client, "/nl/nieuw/kind/") == (200, child.pk)


def test_a_move_is_seen_on_the_next_request(home, client, cached_routes):
    first = home.add_child(instance=StandardPageFactory.build(slug="eerste"))
    second = home.add_child(instance=StandardPageFactory.build(slug="tweede"))
    page = first.add_child(instance=StandardPageFactory.build(slug="verhuisd"))
    assert _served_twice(client, "/nl/eerste/verhuisd/") == (200, page.pk)

    page.move(second, pos="last-child")

    old = client.get("/nl/eerste/verhuisd/")  # Wagtail's redirect from the old address
    assert old.status_code == 301 and old["Location"].endswith("/nl/tweede/verhuisd/")
    assert _page_id(client, "/nl/tweede/verhuisd/") == (200, page.pk)


def test_a_delete_is_seen_on_the_next_request(home, client, cached_routes):
    page = home.add_child(instance=StandardPageFactory.build(slug="verwijderd"))
    assert _served_twice(client, "/nl/verwijderd/") == (200, page.pk)

    page.delete()

    assert _page_id(client, "/nl/verwijderd/") == (404, None)


def test_a_privacy_change_is_seen_on_the_next_request(home, client, cached_routes):
    parent = home.add_child(instance=StandardPageFactory.build(slug="sectie"))
    page = parent.add_child(instance=StandardPageFactory.build(slug="binnen"))
    assert _served_twice(client, "/nl/sectie/binnen/") == (200, page.pk)

    restriction = PageViewRestriction.objects.create(
        page=parent, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get("/nl/sectie/binnen/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get("/nl/sectie/binnen/").status_code == 302  # and from the cache

    restriction.delete()

    assert _page_id(client, "/nl/sectie/binnen/") == (200, page.pk)


def _entry(start, components):
    key = _key(_request(f"/nl/{'/'.join(components)}/"), components)
    entry = cache.get(key)
    assert entry is None or entry["data"]["start"] == start.pk
    return key, entry


def test_a_stale_entry_never_routes_to_another_page(home, client, cached_routes):
    """An entry the tags cannot tell is stale (rows changed without a signal) is checked
    against the page it names: another page, or one moved away, makes routing walk."""
    page = home.add_child(instance=StandardPageFactory.build(slug="echt"))
    other = home.add_child(instance=StandardPageFactory.build(slug="ander"))
    assert _served_twice(client, "/nl/echt/") == (200, page.pk)
    key, entry = _entry(home, ["echt"])
    assert entry["data"]["id"] == page.pk

    entry["data"]["id"] = other.pk  # a wrong page, with valid tags
    cache.set(key, entry)
    assert _page_id(client, "/nl/echt/") == (200, page.pk)

    _served_twice(client, "/nl/echt/")
    Page.objects.filter(pk=page.pk).update(slug="elders", url_path=f"{home.url_path}elders/")
    assert _page_id(client, "/nl/echt/") == (404, None)


def test_a_purged_entry_is_not_used(home, client, cached_routes):
    """A private section's page is never answered from an entry stored while it was public."""
    page = home.add_child(instance=StandardPageFactory.build(slug="prive"))
    assert _served_twice(client, "/nl/prive/") == (200, page.pk)
    key, public_entry = _entry(home, ["prive"])
    assert public_entry["data"]["restrictions"] == []

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    cache.set(key, public_entry)  # the entry from before, put back: its tags are outdated

    assert client.get("/nl/prive/").status_code == 302


def test_robots_txt_finds_the_site_in_the_cache_and_sees_a_site_change(
    home, client, cached_routes, django_assert_num_queries
):
    """The site lookup (Wagtail's query) is kept per host and port; a site change purges it."""
    assert "Sitemap: http://localhost/sitemap.xml" in client.get("/robots.txt").text
    with django_assert_num_queries(0):
        response = client.get("/robots.txt")
    assert "Sitemap: http://localhost/sitemap.xml" in response.text

    site = Site.objects.get(is_default_site=True)
    site.hostname = "www.example.org"
    site.save()

    with django_assert_num_queries(1):
        response = client.get("/robots.txt")
    assert "Sitemap: http://www.example.org/sitemap.xml" in response.text


def test_without_the_cache_the_site_is_wagtails(home, rf, django_assert_num_queries):
    request = rf.get("/robots.txt")
    default = Site.objects.get(is_default_site=True)
    with django_assert_num_queries(1):
        assert find_site(request) == default
    with django_assert_num_queries(0):  # kept on the request, as Wagtail keeps it
        assert find_site(request) is request._wagtail_site


def test_the_private_sections_for_lists_come_from_the_cache_until_privacy_changes(
    home, rf, cached_routes, django_assert_num_queries
):
    from core.models.pages import view_restrictions

    page = home.add_child(instance=StandardPageFactory.build(slug="besloten"))
    assert view_restrictions(rf.get("/")) == []
    with django_assert_num_queries(0):
        assert view_restrictions(rf.get("/")) == []

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )

    with django_assert_num_queries(1):
        found = view_restrictions(rf.get("/"))
    assert [(item.pk, item.page.path) for item in found] == [(restriction.pk, page.path)]
    with django_assert_num_queries(0):
        assert [item.page.depth for item in view_restrictions(rf.get("/"))] == [page.depth]

    restriction.delete()

    assert view_restrictions(rf.get("/")) == []
