"""The whole site as it is deployed: DEBUG off, the production static build, every link followed.

A production deploy once answered 500 on every page (the static manifest could not be built)
and every past event page answered 500, while every test was green: the tests looked only
where the developer had looked. This crawl looks everywhere a visitor can click.
"""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from wagtail.models import Locale

from coalition.settings import base as base_settings
from tests.crawler import Crawler, sitemap_locations

pytestmark = pytest.mark.usefixtures("demo_site")


@pytest.fixture(scope="session")
def production_static(tmp_path_factory):
    """The static files built as production builds them, with its manifest storage."""
    root = tmp_path_factory.mktemp("static-build")
    storages = {**base_settings.STORAGES}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
    return {"STATIC_ROOT": root, "STORAGES": storages}


@pytest.fixture
def as_deployed(production_static, settings):
    settings.DEBUG = False
    settings.STATIC_ROOT = production_static["STATIC_ROOT"]
    settings.STORAGES = production_static["STORAGES"]


def site_hosts(site):
    return {site.hostname}


def test_every_internal_link_works_with_production_settings(
    as_deployed, demo_site, record_property
):
    client = Client(raise_request_exception=False)
    crawler = Crawler(client, site_hosts(demo_site))
    result = crawler.crawl(["/nl/", "/en/", "/", "/sitemap.xml", "/robots.txt"])

    assert not result.problems(), "\n".join(result.problems())
    # The crawl reached every kind of URL, not only the home pages.
    visited = set(result.statuses)
    assert len(visited) > 200
    for route in ("/ical/", "/uitnodiging/", "/poster/", "/print/", "/archief/", "/programma/"):
        assert any(url.split("?")[0].endswith(route) for url in visited), route
    assert any("?" in url for url in visited)
    record_property("count", f"crawl with production settings: {len(visited)} URLs visited")


def test_every_sitemap_url_answers_200(as_deployed, demo_site, record_property):
    client = Client(raise_request_exception=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = sitemap_locations(response.content)
    assert len(locations) > 100
    for location in locations:
        parts = urlsplit(location)
        assert f"{parts.scheme}://{parts.netloc}" == demo_site.root_url
        assert client.get(parts.path).status_code == 200, location
    record_property("count", f"sitemap: {len(locations)} URLs, each 200")


def test_an_unknown_address_is_a_404_page_not_an_error(as_deployed):
    client = Client(raise_request_exception=False)
    for path in ("/nl/bestaat-niet/", "/en/does-not-exist/", "/nl/agenda/bestaat-niet/poster/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "<main" in response.content.decode()


def test_sitemap_names_each_translation_and_the_dutch_default(as_deployed, demo_site):
    from xml.etree import ElementTree

    from home.models import StandardPage

    client = Client(raise_request_exception=False)
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)
    ns = {
        "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "xhtml": "http://www.w3.org/1999/xhtml",
    }
    article = StandardPage.objects.get(slug="wat-is-eenzaamheid", locale__language_code="nl")
    english = article.get_translation(Locale.objects.get(language_code="en"))
    expected = {
        "nl": article.get_full_url(),
        "en": english.get_full_url(),
        "x-default": article.get_full_url(),
    }
    for url in (article.get_full_url(), english.get_full_url()):
        entry = next(
            e for e in tree.iterfind("sm:url", ns) if e.findtext("sm:loc", namespaces=ns) == url
        )
        alternates = {
            link.get("hreflang"): link.get("href") for link in entry.iterfind("xhtml:link", ns)
        }
        assert alternates == expected, url
    # A page in one language only has no alternates.
    dutch_only = next(
        e
        for e in tree.iterfind("sm:url", ns)
        if "/nl/activiteitenbank/" in e.findtext("sm:loc", namespaces=ns)
    )
    assert dutch_only.find("xhtml:link", ns) is None


def test_sitemap_leaves_out_entries_residents_cannot_open(as_deployed, demo_site):
    from social_map.models import PlacePage

    hidden = [place for place in PlacePage.objects.live() if place.is_hidden_as_stale]
    assert hidden, "the demo has a sociale kaart entry not checked for too long"
    client = Client(raise_request_exception=False)
    locations = sitemap_locations(client.get("/sitemap.xml").content)
    for place in hidden:
        assert client.get(place.url).status_code == 404
        assert place.get_full_url() not in locations
