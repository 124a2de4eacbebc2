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


@pytest.mark.parametrize("chrome_seconds, at_most", [(3600, 8), (0, 30)])
def test_the_chrome_has_its_own_switch(
    demo_site, settings, client, django_assert_max_num_queries, chrome_seconds, at_most
):
    """With the page cache off, CHROME_CACHE_SECONDS still keeps the header and footer."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.CHROME_CACHE_SECONDS = chrome_seconds
    client.get(CONTENT_PAGE)
    with django_assert_max_num_queries(at_most) as captured:
        response = client.get(CONTENT_PAGE)
    assert "X-Cache" not in response or response["X-Cache"] != "hit"
    assert 'id="hulplijnen"' in response.text
    if not chrome_seconds:
        assert len(captured) > 8  # the chrome is built again on every request


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


def test_the_footer_is_rendered_once_and_dropped_with_the_chrome(demo_site, page_cache, client):
    """The footer and the helplines come from the chrome's entry as HTML; a settings save
    (which purges the chrome) shows at once."""
    client.get(CONTENT_PAGE + "?a=1")
    settings_obj = SiteSettings.objects.get(site=Site.objects.get(is_default_site=True))
    old_name = settings_obj.organisation_name
    # A write that sends no signal: the footer still comes from the cache.
    SiteSettings.objects.filter(pk=settings_obj.pk).update(contact_email="nieuw@voorbeeld.nl")
    footer = client.get(CONTENT_PAGE + "?b=1").text.split('<footer class="site-footer">')[1]
    assert "nieuw@voorbeeld.nl" not in footer
    assert old_name in footer
    settings_obj.refresh_from_db()
    settings_obj.save()  # as the admin saves it
    footer = client.get(CONTENT_PAGE + "?c=1").text.split('<footer class="site-footer">')[1]
    assert "nieuw@voorbeeld.nl" in footer


def test_a_page_part_is_dropped_with_the_tags_its_build_names(demo_site, page_cache, rf):
    """The page's cached part keeps its translations' addresses: a purge of a translation's
    ancestor's tree tag (a new slug up there) must drop it, though the page itself is not
    below that ancestor."""
    from core.page_cache import chrome, purge_tags

    page = Page.objects.get(url_path__endswith="/wat-is-eenzaamheid/", locale__language_code="nl")
    built = []

    def build(page):
        built.append(page.pk)
        return {"tags": {"tree:0001999"}}

    chrome.for_page(rf.get("/nl/wat-is-eenzaamheid/"), page, build)
    chrome.for_page(rf.get("/nl/wat-is-eenzaamheid/"), page, build)
    assert len(built) == 1
    purge_tags("tree:0001999")
    chrome.for_page(rf.get("/nl/wat-is-eenzaamheid/"), page, build)
    assert len(built) == 2
