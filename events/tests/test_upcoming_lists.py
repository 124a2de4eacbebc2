"""The two short lists of dates outside the agenda: the home page's "Binnenkort" and a place
page's "Binnenkort hier" (events/templatetags/event_tags.py).

They read plain rows in one narrow query and work out what they show in Python (the date in
Dutch time, the status line, the link): these tests pin what a visitor reads, that a private
section stays out, and that with the page cache on a change shows on the very next request.
"""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from events.models import EventIndexPage, EventPage

from .conftest import AMSTERDAM

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock(time_machine):
    """A Wednesday afternoon in Dutch time. The clock ticks: the page cache keeps only what
    was rendered after the last purge, which a stopped clock cannot tell apart."""
    time_machine.move_to(dt.datetime(2026, 11, 25, 14, 0, tzinfo=AMSTERDAM))


def at(days, hour=14, minute=0):
    day = dt.date(2026, 11, 25) + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMSTERDAM)


@pytest.fixture
def place(home):
    from social_map.models import PlaceKind, PlacePage, SocialMapPage

    social_map = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)
    place = social_map.add_child(
        instance=PlacePage(title="De Linde", slug="de-linde", kind=kind, summary="Buurthuis.")
    )
    place.save_revision().publish()
    return place


def home_items(client, url="/nl/"):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    section = html.select_one("section.upcoming-events")
    return [" ".join(item.get_text(" ").split()) for item in section.select("li.card")]


def home_links(client):
    html = BeautifulSoup(client.get("/nl/").content, "html.parser")
    return [a["href"] for a in html.select("section.upcoming-events li.card h3 a")]


def place_items(client, place, query=""):
    html = BeautifulSoup(client.get(place.url + query).content, "html.parser")
    section = html.select_one('section[aria-labelledby="place-events"]')
    if section is None:
        return []
    return [" ".join(item.get_text(" ").split()) for item in section.select("li")]


def republish(page, **fields):
    page = EventPage.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


# --- what a visitor reads -----------------------------------------------------------------
def test_the_home_page_shows_day_time_place_and_link(client, agenda, make_event, place):
    make_event(title="Soep", starts_at=at(1, 10), place=place)
    make_event(title="Hele dag", starts_at=at(2, 0), all_day=True, location_name="Het plein")
    assert home_items(client) == [
        "donderdag 26 november, 10:00 Soep De Linde, Zwolle",
        "vrijdag 27 november Hele dag Het plein, Zwolle",
    ]
    html = client.get("/nl/").content.decode()
    assert 'datetime="2026-11-26T10:00:00+01:00"' in html
    assert home_links(client) == [f"{agenda.url}activiteit-1/", f"{agenda.url}activiteit-2/"]


def test_the_status_of_a_date_shows_in_both_lists(client, agenda, make_event, place):
    make_event(
        title="Vol feest", starts_at=at(1), status="full", status_note="Bel ons", place=place
    )
    make_event(
        title="Verhuisde soep",
        starts_at=at(2, 10),
        recurrence="FREQ=WEEKLY;COUNT=2",
        exceptions=[{"original_start": at(2, 10), "change": "moved", "new_start": at(3, 11)}],
        place=place,
    )
    make_event(title="Afgelast", starts_at=at(1, 9), status="cancelled", place=place)
    expected_full = "Vol: aanmelden kan niet meer – Bel ons"
    expected_moved = "Verplaatst (was vrijdag 27 november, 10:00)"
    home = home_items(client)
    assert expected_full in home[0] and "Vol feest" in home[0]
    assert expected_moved in home[1] and "zaterdag 28 november, 11:00" in home[1]
    assert not any("Afgelast" in item for item in home)  # one cannot go to a cancelled date
    at_place = place_items(client, place)
    assert expected_full in at_place[0]
    assert expected_moved in at_place[1]
    assert len(at_place) == 3  # the moved date, then the second week
    assert not any("Afgelast" in item for item in at_place)


def test_events_of_two_agendas_at_a_place_link_to_their_own_agenda(
    client, home, agenda, make_event, place
):
    other = home.add_child(instance=EventIndexPage(title="Andere agenda", slug="andere"))
    make_event(title="Hier", starts_at=at(1), place=place)
    make_event(title="Daar", starts_at=at(2), place=place, parent=other)
    html = BeautifulSoup(client.get(place.url).content, "html.parser")
    links = [a["href"] for a in html.select('section[aria-labelledby="place-events"] a')]
    assert links == [f"{agenda.url}activiteit-1/", f"{other.url}activiteit-2/"]


def test_an_event_in_a_private_section_stays_out_of_both_lists(client, agenda, make_event, place):
    make_event(title="Open", starts_at=at(1), place=place)
    hidden = make_event(title="Besloten", starts_at=at(2), place=place)
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    assert [item.split(" ", 4)[-1] for item in home_items(client)] == ["Open De Linde, Zwolle"]
    assert len(place_items(client, place)) == 1
    assert "Besloten" not in client.get(place.url).content.decode()


def test_a_private_agenda_shows_nothing_on_the_home_page(client, agenda, make_event):
    make_event(title="Open", starts_at=at(1))
    PageViewRestriction.objects.create(page=agenda, restriction_type="password", password="x")
    assert home_items(client) == []


def test_the_home_page_reads_its_dates_in_one_query(client, agenda, make_event, fragments_on):
    """No page tree and no agenda row once the agenda's address is known: one query of
    the occurrence table, with the event, place and municipality."""
    for number in range(6):
        make_event(starts_at=at(number + 1))
    client.get("/nl/")
    with CaptureQueriesContext(connection) as queries:
        assert len(home_items(client, "/nl/?x=1")) == 4  # another address: a page-cache miss
    sqls = [query["sql"] for query in queries]
    (dates,) = [sql for sql in sqls if "events_eventoccurrence" in sql]
    assert "LIKE" not in dates  # the agenda's id, not its events found in the page tree
    assert not any("events_eventindexpage" in sql for sql in sqls)


# --- with the page cache on: the next request shows the change ----------------------------
def test_a_republished_title_shows_on_the_next_request(
    client, agenda, make_event, place, fragments_on
):
    event = make_event(title="Koffieochtend", starts_at=at(1), place=place)
    assert "Koffieochtend" in home_items(client)[0]
    assert "Koffieochtend" in place_items(client, place)[0]
    republish(event, title="Koffie en taart")
    assert "Koffie en taart" in home_items(client)[0]
    assert "Koffie en taart" in place_items(client, place)[0]


def test_an_unpublished_event_leaves_both_lists_on_the_next_request(
    client, agenda, make_event, place, fragments_on
):
    event = make_event(title="Koffieochtend", starts_at=at(1), place=place)
    make_event(title="Wandeling", starts_at=at(2), place=place)
    assert len(home_items(client)) == 2 and len(place_items(client, place)) == 2
    EventPage.objects.get(pk=event.pk).unpublish()
    assert [("Wandeling" in item) for item in home_items(client)] == [True]
    assert [("Wandeling" in item) for item in place_items(client, place)] == [True]


def test_a_date_gone_by_leaves_both_lists_on_the_next_request(
    client, agenda, make_event, place, fragments_on, time_machine
):
    make_event(title="Koffieochtend", starts_at=at(0, 15), ends_at=at(0, 16), place=place)
    make_event(title="Wandeling", starts_at=at(2), place=place)
    assert len(home_items(client)) == 2 and len(place_items(client, place)) == 2
    time_machine.move_to(at(0, 16, 30))
    assert [("Wandeling" in item) for item in home_items(client)] == [True]
    assert [("Wandeling" in item) for item in place_items(client, place)] == [True]


def test_a_renamed_or_unpublished_agenda_shows_on_the_next_request(
    client, agenda, make_event, fragments_on
):
    """The agenda's address is kept between requests (routing data): a change of the agenda
    drops it."""
    make_event(title="Koffieochtend", starts_at=at(1))
    assert home_links(client) == ["/nl/agenda/activiteit-1/"]
    agenda = EventIndexPage.objects.get(pk=agenda.pk)
    agenda.slug = "wat-is-er-te-doen"
    agenda.save_revision().publish()
    assert home_links(client) == ["/nl/wat-is-er-te-doen/activiteit-1/"]
    agenda.unpublish()
    assert client.get("/nl/?y=1").status_code == 200
    html = client.get("/nl/").content.decode()
    assert "upcoming-events" not in html
