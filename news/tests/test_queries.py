"""``latest_news``: what campaigns show, newest first, at a fixed number of queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.factories import StandardPageFactory
from news.factories import NewsIndexPageFactory
from news.queries import latest_news

pytestmark = pytest.mark.django_db


def titles(pages):
    return [page.title for page in pages]


def test_newest_live_items_of_the_active_language(make_news):
    make_news("Oud", "2020-01-01")
    make_news("Nieuw", "2026-01-01")
    make_news("Midden", "2024-01-01")
    make_news("Concept", "2027-01-01").unpublish()
    assert titles(latest_news()) == ["Nieuw", "Midden", "Oud"]
    assert titles(latest_news(limit=2)) == ["Nieuw", "Midden"]
    assert latest_news(locale="en") == []
    assert titles(latest_news(locale=Locale.objects.get(language_code="nl"), limit=1)) == ["Nieuw"]


def test_by_tag_slug_or_name_and_under_a_page(make_news, home):
    make_news("Een", "2026-01-01", tags=["Samen is leuker"])
    make_news("Twee", "2026-02-01", tags=["Samen eten"])
    section = StandardPageFactory(parent=home, title="Campagne", slug="campagne")
    local_index = NewsIndexPageFactory(parent=section, slug="nieuws-campagne")
    make_news("Drie", "2026-03-01", parent=local_index)
    assert titles(latest_news(tag="samen-is-leuker")) == ["Een"]
    assert titles(latest_news(tag="Samen is leuker")) == ["Een"]
    assert latest_news(tag="bestaat-niet") == []
    assert titles(latest_news(under=section)) == ["Drie"]
    assert titles(latest_news(under=section, tag="samen-is-leuker")) == []


def count(**kwargs):
    """(items shown, queries), measured after a warm-up as tests/querycount.py does."""
    cache.clear()
    kwargs["tags"] = True  # what a list with tags shows
    assert latest_news(**kwargs)[0].url  # warm-up: site root paths, active locale
    with CaptureQueriesContext(connection) as context:
        pages = latest_news(**kwargs)
        for page in pages:  # what a list of news shows
            _ = (page.url, page.sender, list(page.tags.all()), page.image)
    return len(pages), len(context.captured_queries)


def test_one_item_or_ten_cost_the_same_queries(make_news, home):
    from core.models import Organisation

    organisation = Organisation.objects.create(
        name="Humanitas", slug="humanitas", locale=home.locale
    )
    make_news("Eerste", "2026-01-01", tags=["Samen is leuker"], organisation=organisation)
    shown, one = count(tag="samen-is-leuker", limit=10)
    assert shown == 1
    for day in range(2, 11):
        make_news(
            f"Bericht {day}",
            f"2026-01-{day:02}",
            tags=["Samen is leuker", f"Tag {day}"],
            organisation=organisation,
        )
    shown, ten = count(tag="samen-is-leuker", limit=10)
    assert shown == 10
    assert ten == one


def test_either_below_a_page_or_tagged_in_one_query(make_news, home):
    """A campaign's news: below the campaign or with its tag, newest first."""
    make_news("Getagd", "2026-01-01", tags=["Samen is leuker"])
    make_news("Anders", "2026-02-01", tags=["Samen eten"])
    section = StandardPageFactory(parent=home, title="Campagne", slug="campagne")
    local_index = NewsIndexPageFactory(parent=section, slug="nieuws-campagne")
    make_news("Eronder", "2026-03-01", parent=local_index)
    found = latest_news(under=section, tag="samen-is-leuker", either=True, limit=5)
    assert titles(found) == ["Eronder", "Getagd"]
    assert titles(latest_news(under=section, either=True)) == ["Eronder"]
    assert titles(latest_news(tag="samen-is-leuker", either=True)) == ["Getagd"]
    assert titles(latest_news(under=section, tag="samen-is-leuker", either=True, limit=1)) == [
        "Eronder"
    ]
