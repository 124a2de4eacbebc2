"""The site search reads `q` and `pagina` like every list; `query` and `page` still work,
and the old address /nl/search/ sends visitors to /nl/zoeken/ for good."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from home.factories import StandardPageFactory

URL = "/nl/zoeken/"


def results(html):
    listed = html.split('<h2 id="resultaten">')[1].split('<ol class="search-results"')[1]
    return listed.split("</ol>")[0].count('<li class="search-result">')


@pytest.fixture
def many_pages(home):
    for number in range(12):
        StandardPageFactory(parent=home, title=f"Samen eten {number:02d}", slug=f"eten-{number}")
    call_command("update_index", verbosity=0)


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_q_and_pagina_page_through_the_results(many_pages, client):
    first = client.get(URL, {"q": "eten"}).content.decode()
    assert 'name="q" value="eten"' in first
    assert "12 resultaten" in first
    assert results(first) == 10
    assert 'href="?q=eten&amp;pagina=2#resultaten"' in first  # the page links use the new names
    second = client.get(URL, {"q": "eten", "pagina": "2"}).content.decode()
    assert results(second) == 2


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_the_old_query_and_page_parameters_still_work(many_pages, client):
    old = client.get(URL, {"query": "eten", "page": "2"}).content.decode()
    new = client.get(URL, {"q": "eten", "pagina": "2"}).content.decode()
    assert results(old) == results(new) == 2
    assert old.split("<main")[1] == new.split("<main")[1]


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_page_that_does_not_exist_gives_a_note(many_pages, client):
    html = client.get(URL, {"q": "eten", "pagina": "99"}).content.decode()
    assert "Dat paginanummer bestaat niet" in html
    assert results(html) == 2  # the last page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/nl/search/?query=eten&page=2", "/nl/zoeken/?q=eten&pagina=2"),
        ("/nl/search/?q=eten", "/nl/zoeken/?q=eten"),
        ("/nl/search/", "/nl/zoeken/"),
        ("/en/search/", None),  # the English address is the search itself
    ],
)
def test_the_old_address_redirects_for_good(home, client, old, new):
    response = client.get(old)
    if new is None:
        assert response.status_code == 200
        return
    assert response.status_code == 301
    assert response["Location"] == new
