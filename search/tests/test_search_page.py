"""The search page on the demo content: types, facts, facets, filters, exact title first,
promoted results, "did you mean", the empty state, recording and a fixed number of queries.
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from home.factories import StandardPageFactory
from search import views
from search.models.queries import DailySearchCount
from search.results import highlight

URL = "/nl/zoeken/"


@pytest.fixture
def indexed_demo(_shared_demo_switch, django_db_blocker):
    """The demo's search index, built once per shared demo rather than once per test.

    Listed before ``demo_site``: it runs before the test's own transaction is opened, so the
    index stays (with the demo) for every test that shares it. A test in a transaction of its
    own has no shared demo: it indexes inside the test instead.
    """
    from conftest import SharedDemo

    with django_db_blocker.unblock():
        atomic = SharedDemo.atomic
        if atomic is not None and not getattr(atomic, "search_indexed", False):
            call_command("update_index", verbosity=0)
            atomic.search_indexed = True
    yield atomic is not None


@pytest.fixture
def demo(indexed_demo, demo_site):
    if not indexed_demo:
        call_command("update_index", verbosity=0)
    return demo_site


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def result_list(html):
    """The main results list (not the promoted block)."""
    main = html.split('<h2 id="resultaten">')[1]
    if '<ol class="search-results"' not in main:
        return []
    return re.findall(
        r'<li class="search-result">(.*?)</li>',
        main.split('<ol class="search-results"')[1].split("</ol>")[0],
        re.S,
    )


def titles(items):
    return [
        re.search(r'class="search-result__link" href="[^"]*">([^<]*)</a>', item).group(1)
        for item in items
    ]


def types(items):
    return [re.search(r'class="search-result__type">([^<]*)<', item).group(1) for item in items]


def facet_nav(html):
    return html.split('<nav class="search-facets" aria-label="Filter op soort">')[1].split(
        "</nav>"
    )[0]


def test_results_of_every_type_carry_their_type_and_facts(demo, client, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 50)
    html = get(client, q="koffie")
    items = result_list(html)
    assert len(items) >= 2
    assert {"Activiteit", "Plek op de sociale kaart"} <= set(types(items))
    places = [item for item in items if "Plek op de sociale kaart" in item]
    assert any("<dt>Gemeente</dt>" in item for item in places)
    activities = [item for item in items if ">Activiteit<" in item]
    assert all("<dt>Onderbouwing</dt>" in item for item in activities)
    assert "<mark>koffie</mark>" in html
    assert "<title>Zoeken: koffie |" in html
    assert '<meta name="robots" content="noindex">' in html


def test_an_event_shows_its_next_date(demo, client):
    html = get(client, q="koffie", soort="eventpage")
    items = result_list(html)
    assert items and set(types(items)) == {"Activiteit in de agenda"}
    assert any("<dt>Datum</dt>" in item for item in items)


def test_facets_count_every_type_and_mark_the_chosen_one(demo, client):
    everything = facet_nav(get(client, q="eenzaamheid"))
    assert '<a href="?q=eenzaamheid" aria-current="true">Alle soorten' in everything
    counts = {
        name: int(count)
        for name, count in re.findall(r'soort=(\w+)">[^<]*<span[^>]*>\((\d+)\)', everything)
    }
    assert {"activitypage", "placepage", "koploperpage"} <= set(counts)

    html = get(client, q="eenzaamheid", soort="placepage")
    chosen = facet_nav(html)
    assert 'soort=placepage" aria-current="true"' in chosen
    assert "activitypage" in chosen  # the other types stay visible, with the same counts
    assert set(types(result_list(html))) == {"Plek op de sociale kaart"}
    assert f"{counts['placepage']} resultaten" in html or "1 resultaat" in html


def test_places_filter_by_municipality_and_activities_by_target_group(demo, client, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 50)
    html = get(client, q="koffie", soort="placepage")
    assert 'name="gemeente"' in html and 'name="doelgroep"' in html
    places = result_list(html)
    name = re.search(r"<dt>Gemeente</dt><dd>([^<]+)</dd>", places[0]).group(1)
    slug = re.search(rf'<option value="([^"]+)">{re.escape(name)}</option>', html).group(1)
    filtered = result_list(get(client, q="koffie", soort="placepage", gemeente=slug))
    assert filtered and all(f"<dd>{name}</dd>" in item for item in filtered)
    assert len(filtered) < len(places)

    everyone = titles(result_list(get(client, q="maatje", soort="activitypage")))
    youth = titles(result_list(get(client, q="maatje", soort="activitypage", doelgroep="jongeren")))
    assert set(youth) < set(everyone)


def test_unknown_filters_give_a_note(demo, client):
    html = get(client, q="koffie", soort="geheim", gemeente="atlantis")
    assert "Die soort pagina kennen we niet" in html
    assert "Dat filter past niet bij deze soort" in html
    assert result_list(html)
    html = get(client, q="koffie", soort="placepage", gemeente="atlantis")
    assert "Die keuze kennen we niet" in html


def test_an_exact_title_comes_first_and_once(demo, client, monkeypatch):
    from wagtail.search.backends import get_search_backend

    html = get(client, q="week tegen  EENZAAMHEID")
    assert titles(result_list(html))[0] == "Week tegen Eenzaamheid 2026"

    home = Page.objects.get(depth=2, locale__language_code="nl")
    for title in ("Wandelgroep Zonnestraal Zomerroute", "Wandelgroep Zonnestraal"):
        get_search_backend().add(StandardPageFactory(parent=home, title=title))
    monkeypatch.setattr(views, "PER_PAGE", 1)
    first = get(client, q="wandelgroep ZONNESTRAAL")
    assert titles(result_list(first)) == ["Wandelgroep Zonnestraal"]
    assert "2 resultaten" in first
    second = get(client, q="wandelgroep zonnestraal", pagina="2")
    assert titles(result_list(second)) == ["Wandelgroep Zonnestraal Zomerroute"]  # not twice


def test_promoted_results_show_above_once_and_only_in_the_visitors_language(demo, client):
    page = Page.objects.get(title="Week tegen Eenzaamheid 2026", locale__language_code="nl")
    english = Page.objects.filter(locale__language_code="en").live().exclude(depth__lte=2).first()
    query = Query.get("hulp")
    SearchPromotion.objects.create(query=query, page=page, sort_order=0, description="Doe mee!")
    SearchPromotion.objects.create(query=query, page=english, sort_order=1)
    html = get(client, q="hulp")
    promoted = html.split('<section class="search-promoted"')[1].split("</section>")[0]
    assert "Aanbevolen" in promoted
    assert titles(re.findall(r'<li class="search-result">(.*?)</li>', promoted, re.S)) == [
        page.title
    ]
    assert "Doe mee!" in promoted
    assert page.title not in titles(result_list(html))
    assert english.title not in html


def test_did_you_mean_corrects_from_the_sites_own_words(demo, client):
    html = get(client, q="eenzaamhied")
    assert 'Bedoelde u: <a href="?q=eenzaamheid">eenzaamheid</a>?' in html
    assert "Bedoelde u" not in get(client, q="eenzaamheid")


def test_the_empty_state_offers_popular_searches_the_maps_and_helplines(demo, client):
    DailySearchCount.record("koffie", "nl", True)
    DailySearchCount.record("zzgeheimzz", "nl", False)
    html = get(client, q="qwxzvbn")
    assert result_list(html) == []
    assert "We hebben niets gevonden" in html
    assert '<a href="?q=koffie">koffie</a>' in html
    assert "zzgeheimzz" not in html  # found nothing itself, so not offered
    assert "sociale kaart" in html and "agenda" in html
    assert 'href="#hulplijnen"' in html


def test_every_search_is_counted_also_without_results(demo, client):
    get(client, q="qwxzvbn")
    get(client, q="koffie")
    nothing = DailySearchCount.objects.get(query_string="qwxzvbn", language="nl")
    assert (nothing.searches, nothing.without_results) == (1, 1)
    found = DailySearchCount.objects.get(query_string="koffie", language="nl")
    assert (found.searches, found.without_results) == (1, 0)
    assert Query.get("qwxzvbn").hits == 1  # Wagtail's own count too (promotions admin)


def test_a_locked_database_loses_the_count_not_the_results(demo, client, monkeypatch):
    """Under load SQLite answers "database is locked" to the counting write: results still show."""
    from django.db import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(DailySearchCount, "record", locked)
    html = get(client, q="koffie")
    assert result_list(html), "the results are shown"
    assert "konden we niet uitvoeren" not in html


def test_a_page_of_results_costs_the_same_queries_for_2_and_10_mixed_hits(
    demo, client, monkeypatch
):
    get(client, q="eenzaamheid")  # the vocabulary and site caches, as on a warm site
    counts = {}
    for per_page in (2, 10):
        monkeypatch.setattr(views, "PER_PAGE", per_page)
        with CaptureQueriesContext(connection) as queries:
            html = get(client, q="eenzaamheid")
        items = result_list(html)
        assert len(items) == per_page
        counts[per_page] = len(queries)
    assert len(set(types(items))) >= 3  # a mix of types
    assert counts[2] == counts[10]


def test_the_english_page_searches_english_pages(demo, client):
    response = client.get("/en/search/", {"q": "loneliness"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'action="/en/search/"' in html
    assert "Filter op soort" in html or "resultaten" in html or "We hebben niets gevonden" in html


@pytest.mark.django_db
def test_the_vocabulary_follows_publishing(home, client):
    StandardPageFactory(parent=home, title="Koken met buren", slug="koken")
    call_command("update_index", verbosity=0)
    assert "Bedoelde u" not in get(client, q="zonnebloemveld")
    page = StandardPageFactory(parent=home, title="Zonnebloemveld", slug="veld")
    page.save_revision().publish()
    assert 'Bedoelde u: <a href="?q=zonnebloemveld">' not in get(client, q="zonnebloemveld")
    assert 'Bedoelde u: <a href="?q=zonnebloemveld">zonnebloemveld</a>' in get(
        client, q="zonnebloemvelt"
    )
    page.unpublish()
    assert "Bedoelde u" not in get(client, q="zonnebloemvelt")


@pytest.mark.django_db
@override_settings(SEARCH_RATE="2/m")
def test_too_many_searches_from_one_address_get_a_429_with_the_form(home, client):
    for _ in range(2):
        assert client.get(URL, {"q": "koffie"}).status_code == 200
    response = client.get(URL, {"q": "koffie & thee"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "U heeft in korte tijd heel vaak gezocht" in html
    assert 'name="q" value="koffie &amp; thee"' in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_highlight_marks_stemmed_forms_and_escapes():
    assert "<mark>wandeling</mark>" in highlight("Een wandeling in het park", "wandelen")
    marked = highlight('<b>koffie</b> & "thee"', "koffie")
    assert marked == "&lt;b&gt;<mark>koffie</mark>&lt;/b&gt; &amp; &quot;thee&quot;"
    assert highlight("Samen eten", "") == "Samen eten"
