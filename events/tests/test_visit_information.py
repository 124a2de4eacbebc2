"""The cost of an event is free, a price in words or unknown; old revisions still open; one status.

Places and events share ``core.models.Location`` and ``VisitInformation``: these tests look at
what that means for an event page, its dates, its JSON-LD and the editor.
"""

import json
import re

import pytest
from wagtail.models import Revision

from events.choices import EVENT_PAGE_STATUSES, GONE_STATUSES, EventStatus, OccurrenceChange
from events.models import EventOccurrence, EventPage

pytestmark = pytest.mark.django_db


def json_ld(response):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(match.group(1))


def test_each_cost_shows_in_words_and_is_copied_to_the_dates(client, make_event):
    free = make_event(title="Koffie", is_free=True)
    paid = make_event(title="Eten", is_free=False, price="€ 2,50, koffie inbegrepen")
    unknown = make_event(title="Wandelen", is_free=None)

    assert [row.is_free for row in EventOccurrence.objects.filter(event=paid)] == [False]
    assert [row.is_free for row in EventOccurrence.objects.filter(event=unknown)] == [None]
    assert "Het is gratis." in client.get(free.url).content.decode()
    assert "Kosten: € 2,50, koffie inbegrepen" in client.get(paid.url).content.decode()
    assert "Kosten: vraag ernaar" in client.get(unknown.url).content.decode()

    data = json_ld(client.get(paid.url))
    assert data["isAccessibleForFree"] is False
    assert data["offers"]["price"] == "2.50"
    assert data["offers"]["description"] == "€ 2,50, koffie inbegrepen"
    data = json_ld(client.get(unknown.url))
    assert "isAccessibleForFree" not in data and "offers" not in data
    assert "offers" not in json_ld(client.get(free.url))


def test_a_revision_saved_with_an_amount_opens_in_the_editor(admin_client, make_event):
    event = make_event(title="Eten", is_free=False, price="€ 4,00")
    revision = event.save_revision()
    content = {key: value for key, value in revision.content.items() if key != "is_free"}
    Revision.objects.filter(pk=revision.pk).update(content={**content, "price": "2.50"})

    response = admin_client.get(f"/admin/pages/{event.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="€ 2,50"' in html
    assert re.search(r'<input type="radio" name="is_free" value="False"[^>]*checked', html)
    old = Revision.objects.get(pk=revision.pk).as_object()
    assert (old.is_free, old.price) == (False, "€ 2,50")


def test_a_place_revision_from_before_the_rename_keeps_how_to_get_there(admin_client, home):
    from social_map.models import PlaceKind, PlacePage, SocialMapPage

    kaart = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)
    place = kaart.add_child(
        instance=PlacePage(
            title="De Kroon",
            slug="de-kroon",
            kind=kind,
            summary="Koffie.",
            how_to_get_there="Bus 5",
        )
    )
    revision = place.save_revision()
    content = {key: value for key, value in revision.content.items() if key != "how_to_get_there"}
    Revision.objects.filter(pk=revision.pk).update(content={**content, "public_transport": "Bus 7"})

    assert Revision.objects.get(pk=revision.pk).as_object().how_to_get_there == "Bus 7"
    assert admin_client.get(f"/admin/pages/{place.pk}/edit/").status_code == 200


def test_one_status_for_events_and_their_dates():
    field = EventOccurrence._meta.get_field("status")
    assert field.choices == EventStatus.choices
    assert set(OccurrenceChange.values) <= set(EventStatus.values)
    assert EventStatus.POSTPONED not in dict(EVENT_PAGE_STATUSES)
    assert dict(EventPage._meta.get_field("status").choices) == dict(EVENT_PAGE_STATUSES)
    assert set(GONE_STATUSES) == {EventStatus.CANCELLED, EventStatus.POSTPONED}
