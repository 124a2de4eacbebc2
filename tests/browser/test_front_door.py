"""A resident on the home page, on a phone and a desktop: near me, this week, a helpline.

Each route counts the resident's actions: typing a postcode and pressing "Zoek plekken" is
one, following a link is one. At most two actions from the home page to the list.
"""

import os
import re

import pytest

from .conftest import axe_violations, follow, pdok_answering, stub_map_tiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# A postcode of a demo place (social_map/demo_data/places.yaml: Hinthamerstraat 90).
DEMO_POSTCODE = "5211 MS"


@pytest.fixture
def pdok():
    with pdok_answering("5211 MS", 5.3105, 51.6893) as mock:
        yield mock


@pytest.fixture(params=[PHONE, DESKTOP], ids=["390px", "1280px"])
def screen(request, browser):
    context = browser.new_context(viewport=request.param, locale="nl-NL")
    page = context.new_page()
    stub_map_tiles(page)
    yield page, request.param
    context.close()


def in_first_screen(locator, viewport):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def test_home_page_front_door_in_the_first_screen_and_accessible(live_demo, screen):
    page, viewport = screen
    page.goto(live_demo.url + "/nl/")

    assert in_first_screen(page.get_by_role("heading", name="Zoek iets in de buurt"), viewport)
    assert in_first_screen(page.get_by_label("Uw postcode"), viewport)
    assert in_first_screen(page.get_by_role("button", name="Zoek plekken"), viewport)
    assert in_first_screen(page.get_by_role("heading", name="Wat is er te doen?"), viewport)
    bar = page.locator(".helpline-bar")
    assert "Wilt u nu met iemand praten?" in bar.inner_text()
    assert in_first_screen(bar, viewport)
    # The demo has no phone numbers (the handreiking gives none): the website leads.
    assert bar.get_by_role("link", name="Sensoor").get_attribute("href").startswith("https://")
    assert "dag en nacht" in bar.inner_text()
    assert page.locator(".site-footer").get_by_role("link", name="Activiteit aanmelden").count()
    assert page.locator("link[rel=icon][type='image/svg+xml']").count() == 1
    assert axe_violations(page) == []


def test_places_near_a_postcode_in_one_action(live_demo, screen, pdok):
    page, _viewport = screen
    page.goto(live_demo.url + "/nl/")

    page.get_by_label("Uw postcode").fill(DEMO_POSTCODE)
    follow(page, page.get_by_role("button", name="Zoek plekken"))  # action 1

    assert page.url.startswith(live_demo.url + "/nl/sociale-kaart/?postcode=5211+MS")
    assert page.url.endswith("#resultaten")
    assert page.get_by_label("Uw postcode").input_value() == DEMO_POSTCODE
    assert page.locator(".place-card h3 a").count() > 0
    assert re.search(r"\d+,\d km", page.locator(".place-list").inner_text())  # by distance


def test_this_weeks_activities_in_one_action(live_demo, screen):
    page, _viewport = screen
    page.goto(live_demo.url + "/nl/")

    follow(page, page.get_by_role("link", name="Bekijk wat er deze week is"))  # action 1

    assert page.url == live_demo.url + "/nl/agenda/?wanneer=deze-week#resultaten"
    assert page.locator("#f-wanneer-deze-week").is_checked()


def test_inner_page_has_the_helpline_bar_first_and_menu_in_plain_words(live_demo, screen):
    page, viewport = screen
    page.goto(live_demo.url + "/nl/wat-is-eenzaamheid/")

    assert in_first_screen(page.locator(".helpline-bar"), viewport)
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    follow(page, menu.get_by_role("link", name="Plekken in de buurt"))
    assert page.url == live_demo.url + "/nl/sociale-kaart/"
    assert page.locator("h1").inner_text() == "Sociale kaart"  # the professional term stays
