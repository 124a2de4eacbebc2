"""The news: index and item pass axe-core on a desktop and a phone; the tags work by keyboard."""

import os

import pytest

from news.models import NewsPage

from .conftest import WIDTHS, assert_no_axe_violations, follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def titles(page):
    return page.locator(".news-card h3 a").all_inner_texts()


def test_news_index_and_item_are_accessible_and_tags_filter(live_demo, page):
    tagged = list(
        NewsPage.objects.live()
        .filter(locale__language_code="nl", tags__slug="samen-is-leuker")
        .order_by("-date", "-first_published_at", "-pk")
        .values_list("title", flat=True)
    )
    assert len(tagged) >= 2
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_demo.url + "/nl/nieuws/")
        assert len(titles(page)) > len(tagged)
        assert_no_axe_violations(page, f"nieuws ({name})")

    # Keyboard: tab to the tag "Samen is leuker" and press Enter.
    page.set_viewport_size({"width": WIDTHS["mobile"], "height": 900})
    page.goto(live_demo.url + "/nl/nieuws/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(
            "document.activeElement.closest('.news-tags') !== null && "
            "document.activeElement.textContent.startsWith('Samen is leuker')"
        ):
            break
    else:
        pytest.fail("The tag 'Samen is leuker' cannot be reached with Tab.")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "tag=samen-is-leuker" in page.url
    assert titles(page) == tagged
    assert page.locator(".news-tags a[aria-current]").inner_text().startswith("Samen is leuker")
    assert_no_axe_violations(page, "nieuws met tag (mobile)")

    # A click on "Al het nieuws" shows everything again; then open one item.
    follow(page, page.locator(".news-tags a", has_text="Al het nieuws"))
    assert len(titles(page)) > len(tagged)
    follow(page, page.locator(".news-card h3 a", has_text=tagged[0]))
    assert page.locator("h1").inner_text() == tagged[0]
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page, f"nieuwsbericht ({name})")
    # The item's tags lead back to the filtered list.
    follow(page, page.locator(".news-tags a", has_text="Samen is leuker"))
    assert titles(page) == tagged
