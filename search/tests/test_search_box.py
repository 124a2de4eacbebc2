"""Every page carries the search box in its header, going to the search in its language."""

import re

import pytest
from django.test import override_settings
from wagtail.models import Page

pytestmark = pytest.mark.django_db

SEARCH_FORM = re.compile(
    r'<form class="search-box( search-box--hero)?" role="search" action="([^"]+)" method="get"'
)


def search_boxes(html):
    """[(is_hero, action)] of the search boxes of a page."""
    return [(bool(hero), action) for hero, action in SEARCH_FORM.findall(html)]


def one_page_per_type(language):
    """A live page of every page type of the demo in this language."""
    found = {}
    pages = Page.objects.live().filter(locale__language_code=language, depth__gt=1)
    for page in pages.select_related("content_type").order_by("path"):
        found.setdefault(page.content_type_id, page)
    return list(found.values())


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    "language, action, types", [("nl", "/nl/zoeken/", 12), ("en", "/en/search/", 6)]
)
def test_every_page_type_has_the_search_box_in_its_header(
    demo_site, client, language, action, types
):
    pages = one_page_per_type(language)
    # Dutch: home, activities, events, places, koplopers, news, ...; English: fewer translated.
    assert len(pages) >= types
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert (False, action) in search_boxes(html), page.url
        header = html.split('<header class="site-header">')[1].split("</header>")[0]
        assert 'type="search"' in header and 'name="q"' in header, page.url


@override_settings(DEBUG=False)
def test_the_not_found_page_has_the_search_box(demo_site, client):
    response = client.get("/nl/bestaat-niet/")
    assert response.status_code == 404
    assert (False, "/nl/zoeken/") in search_boxes(response.content.decode())


@override_settings(DEBUG=False)
def test_the_home_page_has_a_big_search_box_near_the_top(demo_site, client):
    html = client.get("/nl/").content.decode()
    assert search_boxes(html) == [(False, "/nl/zoeken/"), (True, "/nl/zoeken/")]
    hero = html.split('<section class="hero"')[1].split("</section>")[0]
    assert '<label class="search-box__label" for="home-search-q">Waar zoekt u naar?</label>' in hero
    assert '<input class="search-box__input" type="search" id="home-search-q" name="q"' in hero


@override_settings(DEBUG=False)
def test_the_box_has_a_label_a_button_and_the_suggestions_address(demo_site, client):
    html = client.get("/nl/").content.decode()
    box = html.split('<div class="site-header__search">')[1].split("</form>")[0]
    assert '<label class="search-box__label visually-hidden" for="site-search-q">' in box
    assert "Zoeken op de website</label>" in box
    assert 'data-suggestions-url="/nl/zoeken/suggesties/"' in box
    assert 'data-status-many="{n} suggesties"' in box
    assert re.search(r'<button [^>]*type="submit">Zoeken</button>', box)
    # The enhancement is a static file loaded with defer: no inline script.
    assert 'search-suggestions.js" defer></script>' in html
