"""A resident looks for a place near home, open today and free; a volunteer prints the list."""

import base64
import os
import re

import pytest
import responses
from django.utils import timezone

from social_map.models import SocialMapPage

from .conftest import axe_violations, follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
PDOK = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
# A 1x1 transparent PNG: map tiles are answered locally, nothing leaves the machine.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture
def pdok():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(
            PDOK,
            json={
                "response": {
                    "numFound": 1,
                    "docs": [{"weergavenaam": "5211 AB", "centroide_ll": "POINT(5.3037 51.6978)"}],
                }
            },
        )
        mock.add_passthru("http://localhost")
        yield mock


def test_near_postcode_open_today_and_free_then_entry_and_print(live_demo, page, pdok):
    page.route(
        re.compile(r"https://service\.pdok\.nl/.*"),
        lambda route: route.fulfill(body=TILE, content_type="image/png"),
    )
    page.goto(live_demo.url + "/nl/sociale-kaart/")
    assert axe_violations(page) == []

    page.get_by_label("Uw postcode").fill("5211ab")
    page.get_by_label("Wanneer").select_option("vandaag")
    page.get_by_label("Gratis", exact=True).check()
    follow(page, page.get_by_role("button", name="Zoeken"))

    today = timezone.localdate()
    expected = [
        place
        for place in SocialMapPage.objects.get().places().filter(is_free=True)  # not the stale ones
        if place.is_open_on(today)
    ]
    cards = page.locator(".place-card h3 a")
    assert cards.count() == len(expected)
    listed = cards.all_inner_texts()
    assert set(listed) == {place.title for place in expected}
    distances = [
        float(match.replace(",", "."))
        for match in re.findall(r"(\d+,\d) km", page.locator(".place-list").inner_text())
    ]
    assert distances == sorted(distances)

    # The map shows exactly the places of the list that have coordinates.
    with_coordinates = [p for p in expected if p.latitude is not None]
    if with_coordinates:
        page.locator(".leaflet-marker-icon").first.wait_for()
    assert page.locator(".leaflet-marker-icon").count() == len(with_coordinates)
    assert axe_violations(page) == []

    if listed:
        follow(page, cards.first)
        assert page.locator("h1").inner_text() == listed[0]
        assert axe_violations(page) == []
        page.go_back()

    follow(page, page.get_by_role("link", name="Printbare lijst (A4, grote letters)"))
    assert page.locator("h1").count() == 1
    assert page.locator("article.entry").count() == len(expected)
    assert axe_violations(page) == []


def test_editor_corrects_coordinates_on_the_admin_map(live_demo, page):
    from django.contrib.auth import get_user_model

    from social_map.models import PlacePage

    get_user_model().objects.create_superuser("redactie", "r@example.org", "geheim-wachtwoord-1")
    place = PlacePage.objects.get(slug="demo-zoetermeer-resto-palenstein")
    page.route(
        re.compile(r"https://service\.pdok\.nl/.*"),
        lambda route: route.fulfill(body=TILE, content_type="image/png"),
    )
    page.goto(live_demo.url + "/admin/login/")
    page.locator("input[name='username']").fill("redactie")
    page.locator("input[name='password']").fill("geheim-wachtwoord-1")
    page.locator("form button[type='submit']").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    page.goto(live_demo.url + f"/admin/pages/{place.pk}/edit/")

    latitude = page.locator("input[name='latitude']")
    before = latitude.input_value()
    # Click away from the zoom buttons and from the marker in the middle.
    page.locator("#place-coordinates-map").click(position={"x": 90, "y": 260})

    assert latitude.input_value() != before
    assert abs(float(latitude.input_value()) - place.latitude) < 0.05
