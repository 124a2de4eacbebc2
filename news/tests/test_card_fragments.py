"""The news list's cards are kept between page-cache misses (``news.views.news_cards``):
every change a card shows reaches the list on the very next request."""

import pytest
from django.core.cache import cache

from core.models import Organisation

pytestmark = pytest.mark.django_db
URL = "/nl/nieuws/"


def html(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_title_shows_on_the_next_request(fragments_on, client, make_news):
    item = make_news("Samen koken", "2026-03-01")
    assert "Samen koken" in html(client)
    item.title = "Samen koken en eten"
    item.save_revision().publish()
    assert "Samen koken en eten" in html(client)


def test_an_unpublished_item_is_gone_on_the_next_request(fragments_on, client, make_news):
    make_news("Blijft staan", "2026-03-02")
    item = make_news("Gaat weg", "2026-03-01")
    assert "Gaat weg" in html(client)
    item.unpublish()
    page = html(client)
    assert "Gaat weg" not in page
    assert "Blijft staan" in page


def test_a_renamed_organisation_shows_on_the_next_request(fragments_on, client, make_news, home):
    organisation = Organisation.objects.create(
        name="Welzijn Divers", slug="welzijn-divers", locale=home.locale
    )
    make_news("Samen koken", "2026-03-01", organisation=organisation)
    assert "Welzijn Divers" in html(client)
    organisation.name = "Welzijn Anders"
    organisation.save()
    page = html(client)
    assert "Welzijn Anders" in page
    assert "Welzijn Divers" not in page


def test_a_page_cache_miss_stays_within_its_query_budget(demo_site, client, settings):
    """The list: its counts, its rows and the private sections (the cards are kept); an
    item: its organisation and tags in one query besides the routing."""
    from news.models import NewsPage
    from tests.querycount import count_queries

    settings.PAGE_CACHE_SECONDS = 3600
    item = NewsPage.objects.live().filter(locale__language_code="nl").first()
    for url, budget in ((item.get_parent().url, 4), (item.url, 2)):
        cache.clear()
        client.get(url)
        _response, count = count_queries(client, url + "?x=1")  # another entry: a miss
        assert count <= budget, url
