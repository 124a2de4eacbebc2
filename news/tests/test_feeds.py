"""The RSS 2.0 and Atom feeds: they parse, hold the right items in order, on the site's host."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "http://localhost/nl/nieuws/"


@pytest.fixture
def items(make_news, news_index):
    make_news("Breda begint", "2014-06-02", tags=["Samenwerken"])
    make_news("Eettafel Reuver", "2016-09-30", tags=["Samen eten"], author="Redactie")
    make_news("Samen is leuker start", "2026-09-14", tags=["Samen is leuker", "Samenwerken"])
    draft = make_news("Concept", "2026-10-01", tags=["Samen is leuker"])
    draft.unpublish()
    make_news("Infopunt", "2026-09-21", tags=["Samen is leuker"], author="Fatima de Vries")


def rss(client, query=""):
    response = client.get(BASE + "rss/" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def atom(client, query=""):
    response = client.get(BASE + "atom/" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == ATOM + "feed"
    return root


def test_rss_has_every_live_item_newest_first_with_absolute_links(client, items):
    channel = rss(client)
    assert channel.findtext("title") == "Nieuws"
    assert channel.findtext("link") == BASE
    assert channel.findtext("language") == "nl"
    entries = channel.findall("item")
    assert [item.findtext("title") for item in entries] == [
        "Infopunt",
        "Samen is leuker start",
        "Eettafel Reuver",
        "Breda begint",
    ]
    assert [item.findtext("link") for item in entries] == [
        BASE + "infopunt/",
        BASE + "samen-is-leuker-start/",
        BASE + "eettafel-reuver/",
        BASE + "breda-begint/",
    ]
    first = entries[0]
    assert first.findtext("description") == "Een kort bericht."
    assert first.findtext("pubDate") == "Mon, 21 Sep 2026 00:00:00 +0200"
    assert first.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Fatima de Vries"
    assert [c.text for c in first.findall("category")] == ["Samen is leuker"]


def test_atom_has_the_same_items_with_absolute_links(client, items):
    feed = atom(client)
    assert feed.findtext(ATOM + "title") == "Nieuws"
    assert feed.find(ATOM + "link[@rel='self']").get("href") == BASE + "atom/"
    entries = feed.findall(ATOM + "entry")
    assert [entry.findtext(ATOM + "title") for entry in entries] == [
        "Infopunt",
        "Samen is leuker start",
        "Eettafel Reuver",
        "Breda begint",
    ]
    links = [entry.find(ATOM + "link").get("href") for entry in entries]
    assert links[0] == BASE + "infopunt/"
    assert all(link.startswith(BASE) for link in links)
    assert entries[0].findtext(ATOM + "published") == "2026-09-21T00:00:00+02:00"
    assert entries[0].findtext(ATOM + "summary") == "Een kort bericht."
    assert entries[0].find(ATOM + "author").findtext(ATOM + "name") == "Fatima de Vries"


def test_a_tag_feed_has_only_the_tagged_items(client, items):
    channel = rss(client, "?tag=samen-is-leuker")
    assert channel.findtext("title") == "Nieuws: Samen is leuker"
    assert channel.findtext("link") == BASE + "?tag=samen-is-leuker"
    assert [item.findtext("title") for item in channel.findall("item")] == [
        "Infopunt",
        "Samen is leuker start",
    ]
    feed = atom(client, "?tag=samenwerken")
    assert [entry.findtext(ATOM + "title") for entry in feed.findall(ATOM + "entry")] == [
        "Samen is leuker start",
        "Breda begint",
    ]
    assert feed.find(ATOM + "link[@rel='self']").get("href") == BASE + "atom/?tag=samenwerken"


def test_an_unknown_tag_gives_an_empty_feed_not_an_error(client, items):
    assert rss(client, "?tag=bestaat-niet").findall("item") == []
    assert atom(client, "?tag=bestaat-niet").findall(ATOM + "entry") == []


def test_feeds_use_the_sites_address_whatever_host_was_asked(client, items, settings):
    settings.ALLOWED_HOSTS = ["*"]
    response = client.get(BASE + "rss/", HTTP_HOST="localhost")
    assert b"testserver" not in response.content
    assert b"http://localhost/nl/nieuws/infopunt/" in response.content
