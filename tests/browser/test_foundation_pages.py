"""A person's view of the pages: languages, keyboard, and WCAG 2.2 AA by axe-core on every type."""

import os

import pytest
from django.test import override_settings
from wagtail.models import Locale

from home.models import HomePage, StandardPage

from .conftest import WIDTHS, assert_no_axe_violations, follow, stub_map_tiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def demo_urls():
    home = HomePage.objects.get(locale__language_code="nl", depth=2)
    article = StandardPage.objects.get(slug="wat-is-eenzaamheid", locale=home.locale)
    english_article = article.get_translation(Locale.objects.get(language_code="en"))
    return {
        "home_nl": "/nl/",
        "home_en": "/en/",
        "article_nl": article.url,
        "article_en": english_article.url,
    }


@override_settings(DEBUG=False)
def test_pages_in_dutch_and_english_have_no_wcag_violations(live_demo, page):
    for name, url in demo_urls().items():
        response = page.goto(live_demo.url + url)
        assert response.status == 200, name
        assert page.locator("h1").count() == 1, name
        assert page.locator("html").get_attribute("lang") == name[-2:]
        assert_no_axe_violations(page, f"{name} ({url})")


def every_page_type():
    """One live Dutch page of every type, and the other views of the agenda: name -> URL."""
    from activities.models import ActivityIndexPage, ActivityPage, ProfileGuidePage
    from events.models import EditionPage, EventIndexPage, EventPage, EventSubmissionPage
    from koplopers.models import KoploperIndexPage, KoploperPage
    from social_map.models import PlacePage, SocialMapPage

    def url(model):
        return model.objects.live().filter(locale__language_code="nl").first().url

    agenda = url(EventIndexPage)
    return {
        "home": "/nl/",
        "standard page": demo_urls()["article_nl"],
        "activity index": url(ActivityIndexPage),
        "activity": url(ActivityPage),
        "profile guide": url(ProfileGuidePage),
        "koploper index (map)": url(KoploperIndexPage),
        "koploper": url(KoploperPage),
        "sociale kaart (map)": url(SocialMapPage),
        "place": url(PlacePage),
        "agenda": agenda,
        "agenda calendar": agenda + "?weergave=kalender",
        "agenda map (map)": agenda + "?weergave=kaart",
        "event": url(EventPage),
        "edition (map)": url(EditionPage),
        "archive": agenda + "archief/",
        "announcement form": url(EventSubmissionPage),
        "search": "/nl/search/?q=eenzaamheid",
        "not found": "/nl/deze-pagina-bestaat-niet/",
    }


@override_settings(DEBUG=False)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_page_type_passes_axe_at_desktop_and_mobile_width(live_demo, browser, width):
    """WCAG 2.2 A and AA, target size included: the maps are checked with their markers drawn."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    stub_map_tiles(page)
    for name, url in every_page_type().items():
        response = page.goto(live_demo.url + url)
        assert response.status == (404 if name == "not found" else 200), name
        assert page.locator("h1").count() == 1, name
        if name.endswith("(map)"):
            page.locator(".leaflet-marker-icon").first.wait_for()
        assert_no_axe_violations(page, f"{name} ({url}) at {width} px")
    context.close()


def test_language_switcher_goes_to_the_translation_and_back(live_demo, page):
    urls = demo_urls()
    page.goto(live_demo.url + urls["article_nl"])

    follow(
        page,
        page.get_by_role("navigation", name="Kies uw taal").get_by_role("link", name="English"),
    )

    assert page.url == live_demo.url + urls["article_en"]
    assert page.locator("html").get_attribute("lang") == "en"
    follow(page, page.get_by_role("link", name="Nederlands"))
    assert page.url == live_demo.url + urls["article_nl"]


def test_keyboard_user_can_skip_to_the_content(live_demo, page):
    page.goto(live_demo.url + "/nl/")
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("el => el === document.activeElement")
    assert skip_link.is_visible()
    # Readable when focused: its own dark background behind white text, not the logo.
    colours = skip_link.evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
    )
    assert (
        colours[0] not in ("rgba(0, 0, 0, 0)", "transparent") and colours[1] == "rgb(255, 255, 255)"
    )
    assert_no_axe_violations(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_faq_opens_without_javascript(live_demo, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_demo.url + demo_urls()["article_nl"])
    question = page.locator(".faq-item summary").first
    answer = page.locator(".faq-item .rich-text").first
    assert not answer.is_visible()
    question.click()
    assert answer.is_visible()
    context.close()
