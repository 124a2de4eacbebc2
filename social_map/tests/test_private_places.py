"""A place in a private section is left out of every list, also by the SQL the sociale kaart
compiles once per set of private sections (``activities.terms.prepared_rows``)."""

import pytest
from wagtail.models import PageViewRestriction

from activities.models import ActivityPage
from social_map.models import PlacePage

from .test_card_fragments import card


@pytest.mark.django_db
def test_a_place_made_private_leaves_the_list_and_its_areas(make_place, client):
    make_place("Buurthuis De Brink", district="Oost")
    hidden = make_place("Huiskamer West", district="West")
    assert card(client, "Huiskamer West") is not None
    PageViewRestriction.objects.create(
        page=PlacePage.objects.get(pk=hidden.pk),
        restriction_type=PageViewRestriction.PASSWORD,
        password="geheim",
    )
    html = client.get("/nl/kaart/").content.decode()
    assert "Huiskamer West" not in html
    assert "Buurthuis De Brink" in html
    assert '<option value="West">' not in html and '<option value="Oost">' in html


@pytest.mark.django_db
def test_a_private_place_is_not_offered_on_an_activity_page(demo_site, client):
    activity = ActivityPage.objects.get(slug="beweegtuin", locale__language_code="nl")
    offering = list(PlacePage.objects.live().filter(activities=activity))
    assert len(offering) >= 2
    section = (
        client.get(activity.url).content.decode().split('id="places-offering-title"')[1]
    ).split("</section>")[0]
    assert all(place.title in section for place in offering)
    PageViewRestriction.objects.create(
        page=offering[0], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    section = (
        client.get(activity.url).content.decode().split('id="places-offering-title"')[1]
    ).split("</section>")[0]
    assert offering[0].title not in section
    assert offering[1].title in section
