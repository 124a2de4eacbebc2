"""The agenda's cards and a past event's "Wat is er binnenkort?" are shared fragments
(events/cards.py, EventDates._coming_up_context): kept between page-cache misses, and gone
on the very next request after what they show changes (a publish, an unpublish, a snippet,
the clock).

Each test first shows the fragment on one page, then asks for another page that shows the
same fragment (another filter of the agenda, another past event nearby): that page is not in
the page cache, so only the fragment can be stale.
"""

import datetime as dt

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import cards
from events.models import EventPage, dates

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Counts the cards rendered (not read from the cache)."""
    counted = []
    render_card = cards.render_card

    def counting(item):
        counted.append(item.pk)
        return render_card(item)

    monkeypatch.setattr(cards, "render_card", counting)
    monkeypatch.setattr(dates, "render_card", counting)  # the cards of "coming up"
    return counted


def soon(hours):
    return timezone.now() + dt.timedelta(hours=hours)


def card_texts(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [" ".join(card.get_text(" ").split()) for card in html.select("li.event-card")]


def coming_up_text(response):
    html = BeautifulSoup(response.content, "html.parser")
    section = html.select_one("section.event__coming-up")
    return " ".join(section.get_text(" ").split())


def republish(page, **fields):
    page = EventPage.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


# --- the agenda's cards --------------------------------------------------------------
def test_a_card_is_rendered_once_for_every_list_that_shows_it(
    client, agenda, make_event, fragments_on, renders
):
    make_event(title="Koffieochtend", starts_at=soon(24))
    assert "Koffieochtend" in card_texts(client.get(agenda.url + "?gratis=1"))[0]
    assert len(renders) == 1
    # Another list (not in the page cache) with the same card reads it from the cache,
    # without the query for the cards' events.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(agenda.url)
    assert "Koffieochtend" in card_texts(response)[0]
    assert len(renders) == 1
    assert not any('events_eventoccurrence"."id" IN' in q["sql"] for q in queries)


def test_a_card_shows_a_new_title_after_the_publish(client, agenda, make_event, fragments_on):
    event = make_event(title="Koffieochtend", starts_at=soon(24))
    client.get(agenda.url + "?gratis=1")
    republish(event, title="Koffie en taart")
    assert "Koffie en taart" in card_texts(client.get(agenda.url))[0]


def test_an_unpublished_event_leaves_the_list(client, agenda, make_event, fragments_on):
    event = make_event(title="Koffieochtend", starts_at=soon(24))
    make_event(title="Wandeling", starts_at=soon(48))
    assert len(card_texts(client.get(agenda.url + "?gratis=1"))) == 2
    EventPage.objects.get(pk=event.pk).unpublish()
    texts = card_texts(client.get(agenda.url))
    assert len(texts) == 1 and "Wandeling" in texts[0]


def test_a_card_shows_a_renamed_municipality(client, agenda, make_event, zwolle, fragments_on):
    make_event(title="Koffieochtend", starts_at=soon(24))
    assert "Zwolle" in card_texts(client.get(agenda.url + "?gratis=1"))[0]
    zwolle.name = "Zwolle-Zuid"
    zwolle.save()
    assert "Zwolle-Zuid" in card_texts(client.get(agenda.url))[0]


def test_a_card_shows_the_new_name_of_its_place(
    client, agenda, make_event, fragments_on, home, zwolle
):
    from social_map.models import PlaceKind, PlacePage, SocialMapPage

    social_map = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)
    place = social_map.add_child(
        instance=PlacePage(
            title="Buurthuis De Linde",
            slug="de-linde",
            kind=kind,
            summary="Koffie.",
            municipality=zwolle,
        )
    )
    place.save_revision().publish()
    make_event(title="Koffieochtend", starts_at=soon(24), place=place)
    assert "Buurthuis De Linde" in card_texts(client.get(agenda.url + "?gratis=1"))[0]
    place = PlacePage.objects.get(pk=place.pk)
    place.title = "Buurthuis De Eik"
    place.save_revision().publish()
    assert "Buurthuis De Eik" in card_texts(client.get(agenda.url))[0]


def test_a_date_gone_by_leaves_the_list_on_the_next_request(
    client, agenda, make_event, fragments_on
):
    make_event(title="Koffieochtend", starts_at=soon(0.2), ends_at=soon(0.3))
    make_event(title="Wandeling", starts_at=soon(48))
    assert len(card_texts(client.get(agenda.url))) == 2
    with time_machine.travel(soon(0.5)):
        texts = card_texts(client.get(agenda.url))
    assert len(texts) == 1 and "Wandeling" in texts[0]


# --- "Wat is er binnenkort?" on a past event's page ------------------------------------
@pytest.fixture
def past_pair(make_event):
    """Two past events in the same municipality: their pages share one "coming up"."""
    return (
        make_event(title="Geweest 1", starts_at=soon(-72)),
        make_event(title="Geweest 2", starts_at=soon(-48)),
    )


def test_coming_up_is_rendered_once_for_the_past_events_nearby(
    client, make_event, past_pair, fragments_on, renders
):
    make_event(title="Koffieochtend", starts_at=soon(24))
    first, second = past_pair
    assert "Koffieochtend" in coming_up_text(client.get(first.url))
    assert "Koffieochtend" in coming_up_text(client.get(second.url))
    assert len(renders) == 1


def test_coming_up_shows_a_new_title_after_the_publish(client, make_event, past_pair, fragments_on):
    event = make_event(title="Koffieochtend", starts_at=soon(24))
    first, second = past_pair
    client.get(first.url)
    republish(event, title="Koffie en taart")
    assert "Koffie en taart" in coming_up_text(client.get(second.url))


def test_coming_up_leaves_out_an_unpublished_event(client, make_event, past_pair, fragments_on):
    event = make_event(title="Koffieochtend", starts_at=soon(24))
    make_event(title="Wandeling", starts_at=soon(48))
    first, second = past_pair
    assert "Koffieochtend" in coming_up_text(client.get(first.url))
    EventPage.objects.get(pk=event.pk).unpublish()
    text = coming_up_text(client.get(second.url))
    assert "Koffieochtend" not in text and "Wandeling" in text


def test_coming_up_shows_a_renamed_municipality(
    client, make_event, past_pair, zwolle, fragments_on
):
    make_event(title="Koffieochtend", starts_at=soon(24))
    first, second = past_pair
    assert "Zwolle" in coming_up_text(client.get(first.url))
    zwolle.name = "Zwolle-Zuid"
    zwolle.save()
    assert "Zwolle-Zuid" in coming_up_text(client.get(second.url))


def test_coming_up_moves_on_when_its_first_date_is_over(
    client, make_event, past_pair, fragments_on
):
    # Within the hour the caches keep things (a longer jump would expire them anyway).
    make_event(title="Koffieochtend", starts_at=soon(0.2), ends_at=soon(0.3))
    make_event(title="Wandeling", starts_at=soon(48))
    first, _ = past_pair
    assert "Koffieochtend" in coming_up_text(client.get(first.url))
    with time_machine.travel(soon(0.5)):
        # The same page: its cached copy expires with the list it shows.
        text = coming_up_text(client.get(first.url))
    assert "Koffieochtend" not in text and "Wandeling" in text
