"""The chrome (menu, footer, helplines, settings, language links) cached per site and language."""

import pytest
from wagtail.models import Page, Site

from core.models import SiteSettings

CONTENT_PAGE = "/nl/wat-is-eenzaamheid/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600


def test_an_uncached_content_page_makes_few_queries(
    demo_site, page_cache, client, django_assert_max_num_queries
):
    client.get(CONTENT_PAGE + "?eerste=1")  # builds the chrome and the page's part
    with django_assert_max_num_queries(8):  # was 23 before the chrome was cached
        response = client.get(CONTENT_PAGE + "?tweede=1")  # a page-cache miss
    assert response["X-Cache"] == "miss"
    assert 'class="main-nav"' in response.text
    assert 'id="hulplijnen"' in response.text


def test_menu_marks_the_current_section_with_a_cached_chrome(demo_site, page_cache, client):
    agenda = Page.objects.get(url_path__endswith="/agenda/", locale__language_code="nl")
    client.get(CONTENT_PAGE)
    in_agenda = client.get(agenda.url).text
    elsewhere = client.get(CONTENT_PAGE + "?x=1").text
    link = f'href="{agenda.url}" aria-current="page"'
    assert link in in_agenda
    assert link not in elsewhere


def test_each_language_has_its_own_chrome(demo_site, page_cache, client):
    dutch = client.get("/nl/").text
    english = client.get("/en/").text
    assert 'lang="nl"' in dutch and '<html lang="en"' in english
    assert "Hoofdmenu" in dutch and "Hoofdmenu" not in english


def test_each_site_has_its_own_chrome(demo_site, page_cache, client):
    other_root = Page.objects.get(
        url_path__endswith="/wat-is-eenzaamheid/", locale__language_code="nl"
    )
    other = Site.objects.create(hostname="ander.example", port=80, root_page=other_root)
    SiteSettings.objects.create(site=other, organisation_name="Coalitie Elders")
    client.get("/nl/", HTTP_HOST="localhost")
    response = client.get("/nl/", HTTP_HOST="ander.example")
    assert "Coalitie Elders" in response.text
    assert "Coalitie Elders" not in client.get("/nl/?y=1", HTTP_HOST="localhost").text
