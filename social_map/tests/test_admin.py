"""Editors: opening hours that make no sense are refused with a clear message; geocoding on save."""

import pytest
import responses
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from social_map.models import PlacePage

PDOK = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"


def place_form(kind, hours, **overrides):
    data = {
        "title": "Buurthuis De Kroon",
        "slug": "de-kroon",
        "kind": kind.pk,
        "summary": "Samen koffie drinken.",
        "description": rich_text(""),
        "street": "Kroonstraat",
        "house_number": "3",
        "postcode": "5211ab",
        "city": "'s-Hertogenbosch",
        "is_free": "True",
        "can_come_alone": "on",
        "languages": "Nederlands",
        "last_checked": "2026-11-20",
        "opening_hours": inline_formset(hours),
        "opening_exceptions": inline_formset([]),
        "target_groups": [],
        "accessibility": [],
        "activities": [],
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def kind(make_place):
    from social_map.models import PlaceKind

    return PlaceKind.objects.get(slug="buurthuis")


@pytest.mark.django_db
@responses.activate
def test_new_place_is_geocoded_and_postcode_normalised(social_map, kind, admin_client):
    responses.get(PDOK, json={"response": {"docs": [{"centroide_ll": "POINT(5.30 51.69)"}]}})
    hours = [{"weekday": "0", "opens": "10:00", "closes": "12:00"}]
    response = admin_client.post(
        f"/admin/pages/add/social_map/placepage/{social_map.pk}/", place_form(kind, hours)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    place = PlacePage.objects.get(slug="de-kroon")
    assert (place.latitude, place.longitude) == (51.69, 5.30)
    assert place.postcode == "5211 AB"
    assert "huisnummer%3A3" in responses.calls[0].request.url


@pytest.mark.django_db
@responses.activate
def test_unreachable_geocoder_saves_anyway_and_tells_the_editor(social_map, kind, admin_client):
    responses.get(PDOK, status=503)
    hours = [{"weekday": "0", "opens": "10:00", "closes": "12:00"}]
    response = admin_client.post(
        f"/admin/pages/add/social_map/placepage/{social_map.pk}/",
        place_form(kind, hours),
        follow=True,
    )
    place = PlacePage.objects.get(slug="de-kroon")
    assert place.latitude is None
    assert "niet op de kaart vinden" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ([{"weekday": "2", "opens": "14:00", "closes": "10:00"}], "sluit na middernacht"),
        (
            [
                {"weekday": "2", "opens": "10:00", "closes": "13:00"},
                {"weekday": "2", "opens": "12:00", "closes": "15:00"},
            ],
            "overlappen",
        ),
    ],
)
def test_impossible_opening_hours_are_refused_with_a_message(
    social_map, kind, admin_client, hours, message
):
    response = admin_client.post(
        f"/admin/pages/add/social_map/placepage/{social_map.pk}/",
        place_form(kind, hours, latitude="51.7", longitude="5.3"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Kroonstraat"' in html  # nothing the editor typed is lost
    assert not PlacePage.objects.filter(slug="de-kroon").exists()


@pytest.mark.django_db
def test_evening_past_midnight_is_accepted(social_map, kind, admin_client):
    hours = [{"weekday": "4", "opens": "20:00", "closes": "01:00", "closes_next_day": "on"}]
    response = admin_client.post(
        f"/admin/pages/add/social_map/placepage/{social_map.pk}/",
        place_form(kind, hours, latitude="51.7", longitude="5.3"),
    )
    assert response.status_code == 302
    assert PlacePage.objects.get(slug="de-kroon").opening_hours.get().closes_next_day
