"""The site search reads `q` and `pagina` like every list; `query` and `page` still work."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from home.factories import StandardPageFactory


def results(html):
    return html.split('<ol class="link-list">')[1].split("</ol>")[0].count("<li>")


@pytest.fixture
def many_pages(home):
    for number in range(12):
        StandardPageFactory(parent=home, title=f"Samen eten {number:02d}", slug=f"eten-{number}")
    call_command("update_index", verbosity=0)


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_q_and_pagina_page_through_the_results(many_pages, client):
    first = client.get("/nl/search/", {"q": "eten"}).content.decode()
    assert 'name="q" value="eten"' in first
    assert "12 resultaten" in first
    assert 'href="?q=eten&amp;pagina=2"' in first  # the page links use the new names
    second = client.get("/nl/search/", {"q": "eten", "pagina": "2"}).content.decode()
    assert results(second) == 2


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_the_old_query_and_page_parameters_still_work(many_pages, client):
    old = client.get("/nl/search/", {"query": "eten", "page": "2"}).content.decode()
    new = client.get("/nl/search/", {"q": "eten", "pagina": "2"}).content.decode()
    assert old == new


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_page_that_does_not_exist_gives_a_note(many_pages, client):
    html = client.get("/nl/search/", {"q": "eten", "pagina": "99"}).content.decode()
    assert "Dat paginanummer bestaat niet" in html
    assert results(html) == 2  # the last page
