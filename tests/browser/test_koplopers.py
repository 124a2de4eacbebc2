"""Koplopers on a map of the Netherlands: markers match the list, the list works by keyboard."""

import os

import pytest

from koplopers.models import KoploperPage

from .conftest import assert_no_axe_violations, stub_map_tiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_markers_match_the_list_keyboard_and_axe(live_demo, page):
    requests_elsewhere = []
    page.on(
        "request",
        lambda request: (
            requests_elsewhere.append(request.url)
            if not request.url.startswith(live_demo.url)
            else None
        ),
    )
    stub_map_tiles(page)
    page.goto(live_demo.url + "/nl/koplopers/")

    items = page.locator(".koploper-card h4 a")
    with_coordinates = KoploperPage.objects.filter(municipality__latitude__isnull=False).count()
    page.locator(".leaflet-marker-icon").first.wait_for()
    assert page.locator(".leaflet-marker-icon").count() == with_coordinates
    assert items.count() == KoploperPage.objects.count()
    # Only map tiles go to another server.
    assert all("service.pdok.nl" in url for url in requests_elsewhere)
    assert_no_axe_violations(page)
    # Zoomed out, the pins crowd together: they are laid out again, still each 24 x 24 px
    # clear of the others (target size), with as many pins as before.
    for _ in range(2):
        page.locator(".leaflet-control-zoom-out").click()
        page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    page.wait_for_timeout(300)
    assert page.locator(".leaflet-marker-icon").count() == with_coordinates
    assert_no_axe_violations(page)

    # Keyboard: tab until the first koploper in the list has focus, then open it.
    first = items.first.inner_text()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.koploper-card') !== null"):
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == first
    page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == first
    assert_no_axe_violations(page)
