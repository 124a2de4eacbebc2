"""Relevance: what residents, professionals and editors type, and the page they must find.

Each query goes through the search page itself (``/nl/zoeken/?q=``, ``/en/search/?q=``), so
the ranking tested is the ranking a visitor sees: backend (Dutch stemming on SQLite through
PyStemmer, PostgreSQL's ``dutch`` configuration), synonyms, exact-title-first. The expected
page must be among the first three results. Runs on SQLite and on PostgreSQL
(``DATABASE_URL=postgres://...``).

The demo content is shared by the whole test process (see the root conftest); the search
index is built once for this module, in a savepoint of the shared demo's transaction, and
rolled back when the module is done.
"""

import re
from html import unescape
from typing import NamedTuple

import pytest
from django.core.management import call_command
from django.db import transaction

from search.setup import ensure_first_synonyms


class Case(NamedTuple):
    query: str
    title: str  # the page that must be among the first `top` results ("" if none must)
    language: str = "nl"
    top: int = 3
    suggestion: str = ""  # the "Bedoelde u" word the page must offer


# Who types it, and why this page must come up.
CASES = [
    # From the issue.
    Case("weduwe", "Bezoekdienst weduwen en weduwnaars"),  # professional; "weduwen" in the title
    Case("vakantie", "Allegoeds vakanties"),  # resident; both holiday activities in the top 3
    Case("vakantie", "Zonnebloem vakanties"),
    Case("koffie ochtend", "Koffieochtend in de huiskamer van Palenstein (demo)"),  # resident
    Case("maatje", "Maatjesprojecten"),  # resident; the word inside a compound, and its plural
    Case("maatjes", "Maatjesprojecten"),
    Case("wandelen", "Ontmoetingscentrum Boschveld (demo)"),  # the place says "een wandeling"
    Case("wandelen", "OpenJeHart"),  # the activity says "wandelen"
    Case("eenzaamheid jongeren", "Groningen"),  # professional; the koploper with a jeugdcoalitie
    Case("Week tegen Eenzaamheid", "Week tegen Eenzaamheid 2026", top=1),  # its edition page first
    Case("eenzaamhied", "", suggestion="eenzaamheid"),  # a typo: "Bedoelde u: eenzaamheid?"
    Case("Samen is leuker", "Samen is leuker", top=1),  # the campaign by its name
    # A koploper by municipality name (also by its everyday name), an event, a place, news.
    Case("Zoetermeer", "Zoetermeer", top=1),
    Case("Alblasserdam", "Alblasserdam", top=1),
    Case("Den Bosch", "'s-Hertogenbosch"),
    Case("kom erbij festival walcheren", "Kom erbij Festival op Walcheren (demo)"),
    Case("langste eettafel zwolle", "De Langste Eettafel in Zwolle (demo)"),
    Case("bibliotheek stadshart", "Bibliotheek Stadshart (demo)"),
    Case("inloophuis kanker", "Inloophuis voor mensen met kanker Meerzicht (demo)"),
    Case("coalitie erbij breda", "In Breda start de Coalitie Erbij Breda"),
    Case("lange tafel reuver", "Ruim 200 mensen eten samen aan één lange tafel in Reuver"),
    # Residents.
    Case("zilverlijn", "Zilverlijn belservice"),
    Case("bellen", "Zilverlijn belservice"),
    Case("huisdier", "OOPOEH (Ouderen Passen Op Een Huisdier)"),
    Case("buddy", "Maatjesprojecten"),  # synonym: buddy = maatje
    # The demo event titled "Samen eten ..." rightly comes first (Resto VanHarte by its name below).
    Case("samen eten", "Samen eten aan één lange tafel in Reuver (demo)", top=1),
    Case("Resto VanHarte", "Resto VanHarte", top=1),  # the activity before the two places
    Case("vrijwilliger worden", "Ik wil vrijwilliger worden"),
    Case("nieuwsbrief", "Aanmelden voor de nieuwsbrief"),
    Case("moestuin", "Vitale moestuin"),
    Case("beweegtuin", "Beweegtuin", top=1),
    Case("vriendschap cursus", "Vriendschapscursus voor vrouwen"),
    Case("kanker", "Inloophuizen voor mensen met kanker"),
    Case("computer", "Samen Online"),
    # Professionals and editors.
    Case("wat is eenzaamheid", "Wat is eenzaamheid?", top=1),
    Case("stappenplan", "Het stappenplan", top=1),
    Case("plan maken", "Stap 4: Plan maken"),
    Case("welzijn op recept", "Welzijn op recept", top=1),
    Case("huisbezoek ouderen", "Activerend huisbezoek"),
    Case("sociale kaart", "Sociale kaart", top=1),
    Case("koplopers", "Koplopers"),
    Case("taal", "Cursus Het Begint met Taal"),
    Case("privacy", "Privacyverklaring"),
    # English, on /en/search/.
    Case("loneliness", "What is loneliness?", "en"),
    Case("what is loneliness", "What is loneliness?", "en", top=1),
    Case("volunteer", "I want to volunteer", "en"),
    Case("newsletter", "Sign up for the newsletter", "en"),
    Case("campaign", "Samen is leuker (Together is more fun)", "en"),
    Case("long table Reuver", "More than 200 people share one long table in Reuver", "en"),
]

SEARCH_PATH = {"nl": "/nl/zoeken/", "en": "/en/search/"}

RESULTS_LIST = re.compile(r'<ol class="search-results"[^>]*>(.*?)</ol>', re.S)
RESULT_LINK = re.compile(r'<a class="search-result__link"[^>]*>(.*?)</a>', re.S)
PROMOTED = re.compile(r'<section class="search-promoted".*?</section>', re.S)


def result_titles(html):
    """The titles of the results in the order shown (promoted results left out)."""
    html = PROMOTED.sub("", html)
    listing = RESULTS_LIST.search(html)
    if not listing:
        return []
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", title)).split())
        for title in RESULT_LINK.findall(listing.group(1))
    ]


@pytest.fixture(scope="module")
def search_index(django_db_setup, django_db_blocker):
    """The shared demo with its search index, built once for this module and rolled back after."""
    import conftest  # the root conftest: the demo every test process shares

    with django_db_blocker.unblock():
        if conftest.SharedDemo.atomic is None:
            conftest.SharedDemo.load()
        savepoint = transaction.atomic()
        savepoint.__enter__()
        try:
            ensure_first_synonyms()  # as `setup` (run by the demo loader) leaves them
            if not getattr(conftest.SharedDemo.atomic, "search_indexed", False):
                call_command("update_index", verbosity=0)
        except BaseException:
            transaction.set_rollback(True)
            savepoint.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        savepoint.__exit__(None, None, None)


def search(client, query, language="nl"):
    response = client.get(SEARCH_PATH[language], {"q": query})
    assert response.status_code == 200, (query, response.status_code)
    return response.content.decode()


def suggested_word(html):
    """The word offered after "Bedoelde u:", or None."""
    found = re.search(r'<p class="search-suggestion">(.*?)</p>', html, re.S)
    if not found or "Bedoelde u" not in found.group(1):
        return None
    link = re.search(r"<a [^>]*>(.*?)</a>", found.group(1), re.S)
    return unescape(link.group(1)).strip() if link else None


def case_id(case):
    expected = case.title or f"did you mean {case.suggestion}"
    where = "first" if case.top == 1 else f"top {case.top}"
    return f"{case.language}: {case.query} -> {expected} ({where})"


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[case_id(case) for case in CASES])
def test_the_page_people_look_for_comes_first(search_index, demo_site, client, case):
    html = search(client, case.query, case.language)
    titles = result_titles(html)
    if case.suggestion:
        assert suggested_word(html) == case.suggestion, (
            f"{case.query!r}: suggestion {suggested_word(html)!r}, top 5 was {titles[:5]}"
        )
    if case.title:
        assert case.title in titles[: case.top], f"{case.query!r}: top 5 was {titles[:5]}"


def test_there_are_at_least_thirty_queries():
    assert len({(case.query, case.language) for case in CASES}) >= 30
