"""A resident looks for a place near home, open today and free; a volunteer prints the list."""

import os
import re

import pytest
from django.utils import timezone

from social_map.models import SocialMapPage

from .conftest import axe_violations, follow, pdok_answering, stub_map_tiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def pdok():
    with pdok_answering("5211 AB", 5.3037, 51.6978) as mock:
        yield mock


def test_near_postcode_open_today_and_free_then_entry_and_print(live_demo, page, pdok):
    stub_map_tiles(page)
    page.goto(live_demo.url + "/nl/sociale-kaart/")
    assert axe_violations(page) == []

    page.get_by_label("Uw postcode").fill("5211ab")
    page.get_by_label("Wanneer").select_option("vandaag")
    page.get_by_label("Gratis", exact=True).check()
    follow(page, page.get_by_role("main").get_by_role("button", name="Zoeken"))

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
    with_coordinates = [p for p in expected if p.latitude is not None and not p.is_remote]
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
    stub_map_tiles(page)
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


@pytest.mark.parametrize("width", [390, 1280])
def test_after_a_postcode_search_the_results_heading_has_focus_and_is_in_view(
    live_demo, browser, pdok, width
):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="nl-NL")
    page = context.new_page()
    try:
        stub_map_tiles(page)
        page.goto(live_demo.url + "/nl/sociale-kaart/")
        page.get_by_label("Uw postcode").fill("5211ab")
        follow(page, page.get_by_role("main").get_by_role("button", name="Zoeken"))

        assert page.url.endswith("#resultaten")
        page.wait_for_function(
            "() => document.activeElement && document.activeElement.id === 'resultaten'"
        )
        heading = page.locator("#resultaten")
        assert re.fullmatch(r"\d+ plekken? gevonden", heading.inner_text())
        box = page.evaluate(
            "() => { const r = document.getElementById('resultaten').getBoundingClientRect();"
            " return {top: r.top, bottom: r.bottom, height: window.innerHeight}; }"
        )
        assert box["top"] >= 0 and box["bottom"] <= box["height"], box
        # Sensoor is reachable day and night, on the list with the places near 5211 AB.
        sensoor = page.locator(".place-card", has_text="Sensoor")
        assert "Dag en nacht bereikbaar" in sensoor.inner_text()
        assert axe_violations(page) == []
        page.screenshot(path=f"/tmp/places-results-{width}.png")
    finally:
        context.close()


def test_a_phone_line_reads_as_one(live_demo, page):
    from social_map.models import PlacePage

    sensoor = PlacePage.objects.get(slug="sensoor")
    page.goto(live_demo.url + sensoor.url)
    text = page.locator("main").inner_text()
    assert "Dag en nacht bereikbaar" in text
    assert "Vandaag niet open" not in text
    assert "zonder afspraak" not in text
    assert axe_violations(page) == []
