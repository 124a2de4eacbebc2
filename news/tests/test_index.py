"""The news index: newest first, page by page, one tag at a time; bad input never a 500."""

import re

import pytest
from django.utils.html import escape

from core.models import Organisation
from tests.querycount import assert_same_query_count, count_queries

pytestmark = pytest.mark.django_db
URL = "/nl/nieuws/"


def listed(response):
    assert response.status_code == 200
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


@pytest.fixture
def five(make_news):
    make_news("Oudste", "2024-01-05", tags=["Samenwerken"])
    make_news("Tweede", "2025-03-01", tags=["Samen is leuker"])
    make_news("Derde", "2025-06-10")
    make_news("Vierde", "2026-02-01", tags=["Samen is leuker", "Samen eten"])
    make_news("Nieuwste", "2026-09-21", tags=["Samen is leuker"])


def test_newest_first_in_pages_of_the_chosen_size(client, five, make_news, news_index):
    draft = make_news("Concept", "2026-10-01")
    draft.unpublish()
    assert listed(client.get(URL)) == ["Nieuwste", "Vierde"]
    assert listed(client.get(URL + "?pagina=2")) == ["Derde", "Tweede"]
    last = client.get(URL + "?pagina=3")
    assert listed(last) == ["Oudste"]
    html = last.content.decode()
    assert 'href="?pagina=2" rel="prev"' in html
    assert '<span aria-current="page">3</span>' in html


@pytest.mark.parametrize(
    ("number", "titles", "note"),
    [
        ("abc", ["Nieuwste", "Vierde"], "we tonen de eerste pagina"),
        ("99", ["Oudste"], "we tonen de laatste pagina"),
        ("-1", ["Oudste"], "we tonen de laatste pagina"),
    ],
)
def test_a_page_number_that_does_not_exist_gives_a_note(client, five, number, titles, note):
    response = client.get(URL, {"pagina": number})
    assert listed(response) == titles
    assert note in response.content.decode()


def test_the_tags_with_their_counts_filter_the_list(client, five):
    response = client.get(URL)
    html = response.content.decode()
    tags = re.findall(r'<a href="/nl/nieuws/\?tag=([a-z-]+)#news-list-title"[^>]*>([^<]+) <', html)
    assert tags == [
        ("samen-eten", "Samen eten"),
        ("samen-is-leuker", "Samen is leuker"),
        ("samenwerken", "Samenwerken"),
    ]
    assert "(3 berichten)" in html and "(1 bericht)" in html

    tagged = client.get(URL, {"tag": "samen-is-leuker"})
    assert listed(tagged) == ["Nieuwste", "Vierde"]
    html = tagged.content.decode()
    assert "Nieuws over ‘Samen is leuker’" in html
    assert 'href="/nl/nieuws/?tag=samen-is-leuker#news-list-title" aria-current="page"' in html
    # The page links keep the tag.
    assert listed(client.get(URL, {"tag": "samen-is-leuker", "pagina": "2"})) == ["Tweede"]
    assert 'href="?tag=samen-is-leuker&amp;pagina=2"' in html


@pytest.mark.parametrize("tag", ["bestaat-niet", "<script>", "x" * 500])
def test_an_unknown_tag_gives_an_empty_list_and_says_so(client, five, tag):
    response = client.get(URL, {"tag": tag, "pagina": "7"})
    assert listed(response) == []
    html = response.content.decode()
    assert f"Er is geen nieuws met de tag ‘{escape(tag[:100])}’" in html
    assert "Geen berichten met deze tag." in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_an_empty_index_says_there_is_no_news_yet(client, news_index):
    assert "Er is nog geen nieuws." in client.get(URL).content.decode()


def test_the_head_names_both_feeds_on_the_sites_host(client, five):
    html = client.get(URL).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Nieuws (RSS)" '
        'href="http://localhost/nl/nieuws/rss/">' in html
    )
    assert (
        'type="application/atom+xml" title="Nieuws (Atom)" href="http://localhost/nl/nieuws/atom/"'
        in html
    )
    tagged = client.get(URL, {"tag": "samen-eten"}).content.decode()
    assert 'href="http://localhost/nl/nieuws/rss/?tag=samen-eten"' in tagged
    assert "testserver" not in html


def test_the_list_costs_the_same_queries_with_more_items(client, make_news, home):
    organisation = Organisation.objects.create(
        name="Welzijn Divers", slug="welzijn-divers", locale=home.locale
    )
    make_news("Eerste", "2026-01-01", tags=["Samen is leuker"], organisation=organisation)

    def grow():
        for day in range(2, 9):
            make_news(
                f"Bericht {day}",
                f"2026-01-0{day}",
                tags=["Samen is leuker", f"Tag {day}"],
                organisation=organisation,
                author="Fatima de Vries",
            )

    assert_same_query_count(client, URL + "?tag=samen-is-leuker", grow)


def test_the_list_and_its_tags_cost_a_fixed_number_of_queries(
    client, make_news, django_assert_max_num_queries
):
    """The tags' counts and the number of items come in one query: no COUNT of its own."""
    for day in range(1, 8):
        make_news(f"Bericht {day}", f"2026-02-0{day}", tags=["Samen is leuker"])
    make_news("Zonder tag", "2026-01-01")
    client.get(URL)
    _response, plain = count_queries(client, URL)
    _response, tagged = count_queries(client, URL + "?tag=samen-is-leuker")
    assert tagged == plain
    with django_assert_max_num_queries(plain):
        response = client.get(URL, {"pagina": "4"})  # two per page: the last
    assert listed(response) == ["Bericht 1", "Zonder tag"]
    assert "pagina=3" in response.content.decode()  # the page links know the count
    tagged = client.get(URL, {"tag": "samen-is-leuker", "pagina": "4"})
    assert listed(tagged) == ["Bericht 1"]
