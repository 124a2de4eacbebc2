"""The database search backend, for real: Dutch stemming, synonyms, compounds, bad input.

CI runs this file on SQLite and again with DATABASE_URL pointing at PostgreSQL; the same
queries must find the same pages on both (SQLite stems in Python, PostgreSQL by its "dutch"
text-search configuration).
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from home.factories import StandardPageFactory
from search.backends.query import build_query
from search.models.synonyms import SearchSynonym
from search.setup import ensure_first_synonyms

PAGES = {
    "Contact": "Tegen eenzame momenten: bel of kom langs.",
    "Ouderen": "Activiteiten voor iedere oudere in de wijk.",
    "Wandelen": "Elke dinsdag een wandeling door het park.",
    "Maatje": "Een maatje voor wie alleen is.",
    "Maatjes": "Vrijwilligers zoeken maatjes in de buurt.",
    "Ochtend": "Elke week een koffieochtend in het buurthuis.",
    "Weduwen": "Bezoekdienst voor weduwen en weduwnaars.",
    "Gezellig": "Gezelligheid op woensdag.",
    "Projecten": "Onze maatjesprojecten in de regio.",
}

# (query, a page it must still find or None): nothing typed may reach the engine as syntax.
HOSTILE = [
    ("", None),
    ("   ", None),
    ('"', None),
    ('""""', None),
    ("((((", None),
    ("maatje))", "Maatje"),
    ('"maatje', "Maatje"),
    ("*", None),
    ("maat*", None),
    ("NEAR(maatje ochtend, 2)", None),
    ("NEAR(maatje)", None),  # "near" is a word here
    ("maatje AND OR NOT", None),
    ("- maatje", "Maatje"),
    ("^maatje", "Maatje"),
    ("title:maatje", None),
    ("{title body}: maatje", None),
    ("maatje~2 AND title:(a OR b) [1 TO 5] /regex/", None),
    ('\\\\ \\ \\" maatje \\', "Maatje"),
    ("'; DROP TABLE wagtailcore_page; --", None),
    ("% _ %% maatje", "Maatje"),
    ("😀🙂 maatje 🎉", "Maatje"),
    ("одиночество 孤独 الوحدة", None),
    ("x" * 10_000, None),
    ("maatje " * 2_000, "Maatje"),
    ("\x00 maatje \x1f", "Maatje"),
]


def titles(text, language="nl", queryset=None):
    queryset = queryset if queryset is not None else Page.objects.live()
    results = queryset.search(build_query(text, language), backend="default")
    return {page.title for page in results}


@pytest.fixture
def pages(home):
    ensure_first_synonyms()  # what `manage.py setup` adds on every site
    SearchSynonym.clear_cache()
    for title, intro in PAGES.items():
        StandardPageFactory(parent=home, title=title, intro=intro, slug=title.lower())
    call_command("update_index", verbosity=0)
    yield home
    SearchSynonym.clear_cache()


def test_the_backend_is_ours():
    backend = get_search_backend("default")
    if connection.vendor == "sqlite":
        from search.backends.sqlite import StemmingSQLiteSearchBackend

        assert isinstance(backend, StemmingSQLiteSearchBackend)
    else:
        from search.backends.postgres import CleanPostgresSearchBackend

        assert isinstance(backend, CleanPostgresSearchBackend)
        assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "dutch"


# (typed, a page that must be found): the page says another form of the word.
FORMS = [
    ("eenzaamheid", "Contact"),  # eenzame
    ("ouderen", "Ouderen"),  # oudere
    ("wandelen", "Wandelen"),  # wandeling
    ("weduwe", "Weduwen"),  # weduwen
    ("koffie ochtend", "Ochtend"),  # koffieochtend
    ("buddy", "Maatje"),  # synonym of maatje (first list)
    ("senioren", "Ouderen"),  # synonym of ouderen
    ("65-plussers", "Ouderen"),  # a synonym of more than one word
    ("Eenzaamheid?!", "Contact"),  # case and punctuation do not matter
    ("maatje", "Projecten"),  # a compound that begins with the word
    ("koffie", "Ochtend"),
]


@pytest.mark.django_db
def test_dutch_words_find_their_forms(pages):
    # One test for all (each would rebuild the index): every miss is listed.
    missed = [(query, title) for query, title in FORMS if title not in titles(query)]
    assert missed == []


@pytest.mark.django_db
def test_maatje_and_maatjes_find_the_same_pages(pages):
    assert titles("maatje") == titles("maatjes")
    assert {"Maatje", "Maatjes", "Projecten"} <= titles("maatje")


@pytest.mark.django_db
def test_the_word_itself_ranks_above_a_compound(pages):
    results = Page.objects.live().search(build_query("maatjes", "nl"), backend="default")
    ranked = [page.title for page in results]
    assert ranked.index("Maatjes") < ranked.index("Projecten")


@pytest.mark.django_db
def test_all_words_must_match(pages):
    # Each word is a group of alternatives, the groups are ANDed ("(a OR b) AND (c OR d)").
    assert titles("koffie wandeling") == set()
    assert titles("maatje buurt") == {"Maatjes"}


@pytest.mark.django_db
def test_stop_words_do_not_have_to_match(pages):
    # PostgreSQL leaves "tegen" and "het" out of its index: a query must not require them.
    assert "Contact" in titles("tegen eenzame momenten")
    assert titles("het park in") == titles("park") == {"Wandelen"}


@pytest.mark.django_db
def test_an_editors_new_synonym_counts_at_once(pages):
    assert titles("samenzijn") == set()
    SearchSynonym.objects.create(language="nl", terms="gezelligheid, samenzijn")
    assert titles("samenzijn") == {"Gezellig"}


@pytest.mark.django_db
def test_synonyms_of_the_other_language_do_not_count(pages):
    SearchSynonym.objects.create(language="en", terms="gezelligheid, samenzijn")
    assert titles("samenzijn") == set()


@pytest.mark.django_db
def test_hostile_queries_give_a_normal_result(pages):
    for query, must_find in HOSTILE:
        found = titles(query)
        if must_find:
            assert must_find in found, query[:50]
        suggestions = Page.objects.live().autocomplete(query, backend="default")
        assert len(list(suggestions[:5])) <= 5
        # Strings passed straight to .search() (as the admin does) are safe too.
        searched = Page.objects.live().search(query, backend="default")
        assert len(list(searched[:5])) <= 5


@pytest.mark.django_db
def test_text_without_words_finds_nothing(pages):
    assert titles("!!! ??? ***") == set()
    assert Page.objects.live().search(build_query("", "nl"), backend="default").count() == 0


@pytest.mark.django_db
def test_autocomplete_completes_real_words(pages):
    found = {page.title for page in Page.objects.live().autocomplete("Maat", backend="default")}
    assert {"Maatje", "Maatjes"} <= found
    assert "Wandelen" not in found


@pytest.mark.django_db
def test_english_pages_are_stemmed_in_english(home):
    english = Locale.objects.get(language_code="en")
    StandardPageFactory(
        parent=home, title="Walks", intro="Walking together every week.", locale=english
    )
    call_command("update_index", verbosity=0)
    if connection.vendor == "sqlite":
        assert titles("walk", "en") == {"Walks"}
    else:
        # PostgreSQL stems every page with the one "dutch" configuration.
        assert titles("walking", "en") == {"Walks"}


@pytest.mark.django_db
def test_publishing_unpublishing_and_deleting_keep_the_index_current(home):
    backends = {
        alias: {**params, "AUTO_UPDATE": True}
        for alias, params in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        page = StandardPageFactory(
            parent=home, title="Zomerfeest", intro="Een buurtfeest.", live=False
        )
        assert titles("zomerfeest") == set()
        page.save_revision().publish()
        assert titles("zomerfeest") == {"Zomerfeest"}
        page.refresh_from_db()
        page.unpublish()
        assert titles("zomerfeest") == set()
        page.refresh_from_db()
        page.save_revision().publish()
        assert titles("zomerfeest") == {"Zomerfeest"}
        page.delete()
        assert titles("zomerfeest") == set()
        assert titles("zomerfeest", queryset=Page.objects.all()) == set()
