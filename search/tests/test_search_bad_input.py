"""Whatever a visitor types or puts in the address, the search page answers normally.

Empty, 10 kB long, quotes, brackets, backslashes, Lucene and SQL syntax, emoji, other
scripts, NUL bytes and odd page or type values: a 200 page with the search box, a clear note
where something was left out, never a 500 and never a backend error shown.
"""

import pytest

from search.tests.test_search_page import demo, indexed_demo  # noqa: F401 (fixtures)

URL = "/nl/zoeken/"
TEN_KB = "hulp " * 2048  # 10,240 characters; cut at 200 it ends on a whole word

BAD_INPUT = {
    "empty": {"q": ""},
    "spaces": {"q": "   \t  "},
    "ten kilobytes": {"q": TEN_KB},
    "quotes": {"q": '"koffie\' """ \'\''},
    "brackets": {"q": "((koffie] {thee} [[)"},
    "backslashes": {"q": "\\koffie\\ \\\\ \\"},
    "lucene": {"q": 'koffie AND (thee OR melk) NOT suiker~2 title:kof* ^4 +a -b "x"~3'},
    "lucene wildcard only": {"q": "* ? ~ ^ : /"},
    "fts5 syntax": {"q": 'NEAR(koffie thee, 2) koffie* "a" + b OR AND NOT'},
    "sql": {"q": "'; DROP TABLE wagtailcore_page; --"},
    "sql union": {"q": "1' UNION SELECT password FROM users_user --"},
    "emoji": {"q": "☕️ 🧓🏽‍🤝‍🧑 koffie 😊"},
    "arabic": {"q": "الوحدة القهوة"},
    "chinese": {"q": "孤独 咖啡"},
    "nul bytes": {"q": "koffie\x00thee\x00"},
    "control characters": {"q": "\x01\x02\x1b[31mkoffie"},
    "page not a number": {"q": "koffie", "pagina": "abc"},
    "page huge": {"q": "koffie", "pagina": "99999999999999999999"},
    "page negative": {"q": "koffie", "pagina": "-3"},
    "page float": {"q": "koffie", "pagina": "1e400"},
    "type path": {"q": "koffie", "soort": "../../etc"},
    "type of a real model that is not a page": {"q": "koffie", "soort": "user"},
    "municipality garbage": {"q": "koffie", "soort": "placepage", "gemeente": "<script>"},
    "target group garbage": {"q": "koffie", "soort": "eventpage", "doelgroep": "' OR 1=1"},
    "old parameters": {"query": "koffie", "page": "x"},
}


@pytest.mark.parametrize("params", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_gives_a_normal_page(demo, client, params):  # noqa: F811
    response = client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="search-page-q"' in html  # the search box is there
    for leak in ("Traceback", "OperationalError", "ProgrammingError", "fts5", "syntax error"):
        assert leak not in html
    assert "Deze zoekvraag konden we niet uitvoeren" not in html  # handled, not failed
    assert "<script>" not in html.split("<main")[1].split("</main>")[0]


def test_an_empty_query_shows_the_box_and_popular_terms(demo, client):  # noqa: F811
    from search.models.queries import DailySearchCount

    DailySearchCount.record("koffie", "nl", True)
    html = client.get(URL, {"q": "  "}).content.decode()
    assert '<a href="?q=koffie">koffie</a>' in html
    assert 'class="search-results"' not in html
    assert not DailySearchCount.objects.filter(query_string="").exists()
    assert DailySearchCount.objects.get(query_string="koffie").searches == 1


def test_a_query_that_is_too_long_is_cut_with_a_note(demo, client):  # noqa: F811
    html = client.get(URL, {"q": TEN_KB}).content.decode()
    assert "Uw zoekvraag was te lang" in html
    assert 'class="search-result"' in html  # searched on the first 200 characters
    assert f'value="{TEN_KB[:200]}"' in html


def test_odd_page_numbers_give_a_note(demo, client):  # noqa: F811
    assert (
        "Dat paginanummer bestaat niet"
        in client.get(URL, {"q": "koffie", "pagina": "abc"}).content.decode()
    )
    last = client.get(URL, {"q": "koffie", "pagina": "99999999999999999999"}).content.decode()
    assert "Dat paginanummer bestaat niet" in last and 'class="search-result"' in last
