"""The sociale kaart's cards are shared fragments (core.page_cache.render_many): kept between
page-cache misses, yet every change a card shows is on the very next request."""

import datetime as dt
import re

import pytest
import responses
import time_machine
from django.utils import timezone

import social_map.filters
from social_map.models import PlaceKind, PlacePage

from .test_finding import PDOK, pdok_answer

LIST = "/nl/kaart/"
MONDAY_NOON = dt.datetime(2026, 11, 30, 12, 0)  # a Monday
MONDAYS = [(0, (10,), (16,), False)]


def card(client, title, url=LIST, **params):
    """The card of the place called ``title`` (None when the list does not show it)."""
    html = client.get(url, params).content.decode()
    for found in re.findall(r'<li class="place-card".*?</ul>\s*</li>', html, re.S):
        if f">{title}</a>" in found:
            return found
    return None


def publish(place, **fields):
    page = PlacePage.objects.get(pk=place.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_cards_are_kept_between_misses_of_the_list(fragments_on, make_place, client, monkeypatch):
    """Another page-cache miss (other parameters) reuses the cards: their hours are not read."""
    make_place("Buurthuis De Brink", hours=MONDAYS)
    assert card(client, "Buurthuis De Brink") is not None
    reads = []
    monkeypatch.setattr(
        social_map.filters,
        "opening_rows_for",
        lambda *args, **kwargs: reads.append(args) or ({}, {}, {}),
    )
    response = client.get(LIST, {"gratis": ""})
    assert response["X-Cache"] == "miss"
    assert "Buurthuis De Brink" in response.content.decode()
    assert reads == []


@pytest.mark.django_db
def test_a_new_title_is_on_the_next_request(fragments_on, make_place, client):
    place = make_place("Buurthuis De Brink")
    assert card(client, "Buurthuis De Brink") is not None
    publish(place, title="Huiskamer De Brink")
    new = card(client, "Huiskamer De Brink")
    assert new is not None
    assert card(client, "Buurthuis De Brink") is None


@pytest.mark.django_db
def test_an_unpublished_place_is_gone_on_the_next_request(fragments_on, make_place, client):
    place = make_place("Buurthuis De Brink")
    make_place("Huiskamer Oost")
    assert card(client, "Buurthuis De Brink") is not None
    PlacePage.objects.get(pk=place.pk).unpublish()
    assert card(client, "Buurthuis De Brink") is None
    assert card(client, "Huiskamer Oost") is not None


@pytest.mark.django_db
def test_a_renamed_kind_is_on_the_next_request(fragments_on, make_place, client):
    make_place("Buurthuis De Brink")
    assert "Buurthuis</p>" in card(client, "Buurthuis De Brink")
    kind = PlaceKind.objects.get(slug="buurthuis")
    kind.name = "Wijkcentrum"
    kind.save()
    renamed = card(client, "Buurthuis De Brink")
    assert 'class="place-card__kind">Wijkcentrum</p>' in renamed
    assert "Buurthuis</p>" not in renamed


@pytest.mark.django_db
def test_the_status_of_today_follows_the_clock(fragments_on, make_place, client):
    """ "Vandaag open" is today's: the card (and the list) expire at midnight."""
    with time_machine.travel(timezone.make_aware(MONDAY_NOON), tick=False):
        make_place("Buurthuis De Brink", hours=MONDAYS)
        assert "Vandaag open van 10:00 tot 16:00" in card(client, "Buurthuis De Brink")
    with time_machine.travel(timezone.make_aware(MONDAY_NOON + dt.timedelta(days=1)), tick=False):
        tuesday = card(client, "Buurthuis De Brink")
    assert "Vandaag niet open" in tuesday
    assert "Vandaag open van" not in tuesday


@pytest.mark.django_db
@responses.activate
def test_the_distance_is_the_visitors_not_the_cards(fragments_on, make_place, client):
    """A card first rendered for one postcode shows no distance without it, and another
    postcode's distance with it."""
    make_place("Buurthuis De Brink", latitude=51.69, longitude=5.30)
    responses.get(PDOK, json=pdok_answer(5.30, 51.70))
    near = card(client, "Buurthuis De Brink", postcode="5211AB")
    assert "<strong>1,1 km</strong>" in near
    assert "km</strong>" not in card(client, "Buurthuis De Brink")
    responses.replace(responses.GET, PDOK, json=pdok_answer(5.30, 51.79))
    far = card(client, "Buurthuis De Brink", postcode="5212AB")
    assert "<strong>11,1 km</strong>" in far


def district_options(client, **params):
    html = client.get(LIST, params).content.decode()
    select = html.split('name="wijk"')[1].split("</select>")[0] if 'name="wijk"' in html else ""
    return re.findall(r'<option value="([^"]+)"', select)


@pytest.mark.django_db
def test_the_areas_options_are_kept_yet_follow_the_places(fragments_on, make_place, client):
    """The municipalities and districts of the filters are a shared fragment: a place
    published in a new district, unpublished or unchecked too long, a renamed municipality
    show on the next miss."""
    from core.models import Municipality

    place = make_place("Buurthuis De Brink", district="Centrum")
    assert district_options(client) == ["Centrum"]
    other = publish(make_place("Huiskamer Oost", district="Oost"))  # as an editor publishes
    assert district_options(client, pagina="1") == ["Centrum", "Oost"]
    PlacePage.objects.get(pk=other.pk).unpublish()
    assert district_options(client, pagina="2") == ["Centrum"]
    publish(place, last_checked=timezone.localdate() - dt.timedelta(days=400))
    assert district_options(client, pagina="3") == []
    municipality = Municipality.objects.get(slug="zwolle")
    municipality.name = "Zwolle (Ov.)"
    municipality.save()
    other = PlacePage.objects.get(pk=other.pk)
    other.save_revision().publish()
    second = Municipality.objects.create(name="Kampen", slug="kampen", cbs_code="GM0166")
    publish(make_place("Inloophuis Kampen", municipality=second))
    html = client.get(LIST, {"pagina": "4"}).content.decode()
    assert ">Zwolle (Ov.)</option>" in html
    assert ">Kampen</option>" in html
