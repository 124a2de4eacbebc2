"""A person's view of the foundation pages: languages, keyboard, and WCAG 2.1 AA by axe-core."""

import os

import pytest
from django.test import override_settings
from wagtail.models import Locale

from home.models import HomePage, StandardPage

from .conftest import axe_violations, follow

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
        violations = axe_violations(page)
        assert violations == [], f"{name} ({url}):\n" + "\n".join(violations)


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
    assert axe_violations(page) == []
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
