"""The map markers load in the production static build.

Leaflet guesses where its marker images are from the background image of leaflet.css. In the
production build (whitenoise's manifest storage) that stylesheet names hashed files
(``marker-icon.<hash>.png``), the guess fails, and every marker was a broken image. The pages
with a map, and the editor's coordinates map, now hand the script the images' ``{% static %}``
URLs, so the manifest's hashed names are what the browser asks for.
"""

import base64
import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings
from django.utils import timezone

from events.models import EditionPage, EventEdition, EventIndexPage
from koplopers.models import KoploperIndexPage

MARKER_IMAGES = {
    "data-marker-icon": "vendor/leaflet/images/marker-icon.png",
    "data-marker-icon-retina": "vendor/leaflet/images/marker-icon-2x.png",
    "data-marker-shadow": "vendor/leaflet/images/marker-shadow.png",
}
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# A 1x1 transparent PNG: map tiles are answered locally, nothing leaves the machine.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def production_static(root):
    """The static storage and folder of the production settings."""
    return override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        STATIC_ROOT=root,
    )


@pytest.fixture(scope="module")
def static_build(tmp_path_factory):
    """``collectstatic`` as production runs it, once for this module."""
    root = tmp_path_factory.mktemp("prodstatic")
    with production_static(root):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def as_deployed(static_build):
    with production_static(static_build):
        yield static_build


class MarkerAttributes(HTMLParser):
    """The marker image attributes of each element that carries them."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-marker-icon" in attrs:
            self.found.append({name: attrs.get(name) for name in MARKER_IMAGES})


def marker_urls(html):
    parser = MarkerAttributes()
    parser.feed(html)
    assert len(parser.found) == 1, parser.found
    return parser.found[0]


def assert_hashed_images_that_exist(urls, root):
    for attribute, name in MARKER_IMAGES.items():
        url = urls[attribute]
        assert url == static(name)
        # The manifest's hashed name (cached forever), not the plain name Leaflet guesses.
        assert url != settings.STATIC_URL + name
        assert Path(url).name.startswith(Path(name).stem + ".")
        assert (Path(root) / url.removeprefix(settings.STATIC_URL)).is_file(), url


@pytest.fixture
def place(make_place):
    return make_place(title="Buurthuis De Kern", latitude=52.5125, longitude=6.0944)


def test_social_map_page_names_the_built_marker_images(client, as_deployed, social_map, place):
    html = client.get(social_map.url).content.decode()
    assert_hashed_images_that_exist(marker_urls(html), as_deployed)


def test_agenda_map_names_the_built_marker_images(client, as_deployed, home):
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    html = client.get(agenda.url, {"weergave": "kaart"}).content.decode()
    assert_hashed_images_that_exist(marker_urls(html), as_deployed)


def test_edition_map_names_the_built_marker_images(client, as_deployed, home):
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    today = timezone.localdate()
    edition = EventEdition.objects.create(
        name="Week 2026", slug="week-2026", starts_on=today, ends_on=today, locale=home.locale
    )
    page = agenda.add_child(instance=EditionPage(title="Week", slug="week", edition=edition))
    html = client.get(page.url).content.decode()
    assert_hashed_images_that_exist(marker_urls(html), as_deployed)


def test_koplopers_map_names_the_built_marker_images(client, as_deployed, home):
    index = home.add_child(instance=KoploperIndexPage(title="Koplopers", slug="koplopers"))
    html = client.get(index.url).content.decode()
    assert_hashed_images_that_exist(marker_urls(html), as_deployed)


def test_editor_coordinates_map_names_the_built_marker_images(admin_client, as_deployed, place):
    response = admin_client.get(f"/admin/pages/{place.pk}/edit/")
    assert response.status_code == 200
    assert_hashed_images_that_exist(marker_urls(response.content.decode()), as_deployed)


@pytest.mark.browser
def test_markers_load_in_a_browser_from_the_production_build(
    client, as_deployed, social_map, place
):
    """Chromium shows the page as deployed: every marker and shadow image loads, no 404."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser tests, but Chromium is missing at {CHROMIUM}")
        pytest.skip(f"Chromium is missing at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Rendered before the browser runs: the database is not used from Playwright's loop.
    page_url = f"http://localhost{social_map.url}"
    html = client.get(social_map.url).content
    geojson = client.get(f"{social_map.url}geojson/").content
    assert json.loads(geojson)["features"], "the place must be on the map"
    missing = []

    def answer(route):
        url = urlsplit(route.request.url)
        if url.hostname != "localhost":  # map tiles
            route.fulfill(status=200, body=TILE, content_type="image/png")
        elif url.path.startswith(settings.STATIC_URL):
            file = as_deployed / url.path.removeprefix(settings.STATIC_URL)
            if file.is_file():
                route.fulfill(status=200, path=str(file))
            else:
                missing.append(url.path)
                route.fulfill(status=404, body="")
        elif url.path == social_map.url:
            route.fulfill(status=200, body=html, content_type="text/html; charset=utf-8")
        elif url.path == f"{social_map.url}geojson/":
            route.fulfill(status=200, body=geojson, content_type="application/geo+json")
        else:
            missing.append(url.path)
            route.fulfill(status=404, body="")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.route("**/*", answer)
            page.goto(page_url)
            page.wait_for_selector(".leaflet-marker-icon")
            page.wait_for_function(
                "() => [...document.querySelectorAll('.leaflet-marker-pane img,"
                " .leaflet-shadow-pane img')].every((img) => img.complete)"
            )
            images = page.eval_on_selector_all(
                ".leaflet-marker-pane img, .leaflet-shadow-pane img",
                "(images) => images.map((img) => [img.getAttribute('src'), img.naturalWidth])",
            )
        finally:
            browser.close()

    assert missing == []
    assert {src for src, _width in images} == {
        static(MARKER_IMAGES["data-marker-icon"]),
        static(MARKER_IMAGES["data-marker-shadow"]),
    }
    assert all(width > 0 for _src, width in images), images
