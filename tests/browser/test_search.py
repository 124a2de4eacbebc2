"""A resident searches: suggestions while typing (keyboard only), the results, a type filter.

The header box of every page is a plain form; with JavaScript it suggests pages as the
resident types (an ARIA combobox). axe-core checks the results, the empty state and the home
page with its big box.
"""

import os
import re

import pytest
from django.core.management import call_command

from .conftest import assert_no_axe_violations, follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WALKING_TITLE = "Wandelgroep De Stappers"


@pytest.fixture
def searchable_demo(live_demo):
    """The demo with a walking group, its search index built (the demo loader leaves it)."""
    from wagtail.models import Site

    from home.factories import StandardPageFactory

    home = Site.objects.get(is_default_site=True).root_page
    page = StandardPageFactory(
        parent=home,
        title=WALKING_TITLE,
        slug="wandelgroep-de-stappers",
        search_description="Elke dinsdag wandelen we samen een uur door het park.",
    )
    call_command("update_index", verbosity=0)
    return live_demo, page


def test_a_suggestion_is_chosen_with_the_keyboard(searchable_demo, page):
    live, walking = searchable_demo
    page.goto(live.url + "/nl/")
    box = page.get_by_role("combobox", name="Zoeken op de website")
    assert box.get_attribute("aria-expanded") == "false"
    box.focus()
    box.press_sequentially("wand", delay=60)
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    listbox.get_by_role("option", name=re.compile(WALKING_TITLE)).wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert re.fullmatch(r"\d+ suggesties?", page.locator("[role=status]").first.inner_text())
    options = listbox.get_by_role("option")
    assert options.count() <= 8
    position = next(
        i for i in range(options.count()) if WALKING_TITLE in options.nth(i).inner_text()
    )
    for _ in range(position + 1):
        page.keyboard.press("ArrowDown")
    highlighted = options.nth(position)
    assert highlighted.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == highlighted.get_attribute("id")
    # Escape closes the list; Arrow Down opens it again on the first suggestion.
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert listbox.is_hidden()
    for _ in range(position + 1):
        page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live.url + walking.url
    assert page.get_by_role("heading", level=1).inner_text() == WALKING_TITLE


def test_the_form_searches_and_a_type_filter_keeps_one_type(searchable_demo, page):
    live, _walking = searchable_demo
    page.goto(live.url + "/nl/")
    box = page.get_by_role("combobox", name="Zoeken op de website")
    box.fill("wandelen")
    with page.expect_navigation():
        box.press("Enter")  # no suggestion highlighted: the form is sent
    assert "/nl/zoeken/?q=wandelen" in page.url
    results = page.locator("ol.search-results:not(.search-promoted ol) > li.search-result")
    assert results.count() > 0
    assert_no_axe_violations(page, "search results")

    facets = page.get_by_role("navigation", name="Filter op soort")
    choices = facets.locator("a:not([aria-current])")
    assert choices.count() >= 1, "the demo should give results of more than one type"
    choice = choices.last
    label = re.sub(r"\s*\(\d+\)\s*$", "", choice.inner_text()).strip()
    count = int(re.search(r"\((\d+)\)", choice.inner_text()).group(1))
    total = int(re.match(r"\d+", page.locator("#resultaten").inner_text()).group())
    assert count < total
    follow(page, choice)
    assert facets.locator("a[aria-current]").inner_text().startswith(label)
    assert page.locator("#resultaten").inner_text().startswith(f"{count} resulta")
    types = page.locator(
        "#resultaten ~ ol.search-results > li.search-result .search-result__type"
    ).all_inner_texts()
    # One type only (the result says it in the singular, the filter in the plural).
    assert len(types) == min(count, 10)
    assert len({text.strip().lower() for text in types}) == 1
    assert types[0].strip().lower()[:4] == label.lower()[:4]


def test_the_empty_state_and_the_home_page_are_accessible(searchable_demo, page):
    live, _walking = searchable_demo
    page.goto(live.url + "/nl/zoeken/?q=qwxzvbnmkl")
    assert page.locator("li.search-result").count() == 0
    assert page.get_by_role("link", name=re.compile("sociale kaart|Plekken", re.I)).count()
    assert_no_axe_violations(page, "empty state")

    page.goto(live.url + "/nl/")
    big_box = page.get_by_role("search", name="Waar zoekt u naar?")
    assert big_box.get_by_role("button", name="Zoeken").is_visible()
    # Open suggestions must not break the page either.
    combobox = big_box.get_by_role("combobox")
    combobox.focus()
    combobox.press_sequentially("koff", delay=60)
    big_box.get_by_role("listbox").get_by_role("option").first.wait_for()
    assert_no_axe_violations(page, "home page with suggestions open")


def test_the_header_box_works_without_javascript(browser, searchable_demo):
    live, _walking = searchable_demo
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        plain = context.new_page()
        plain.goto(live.url + "/nl/agenda/")
        box = plain.get_by_role("searchbox", name="Zoeken op de website")
        box.fill("wandelen")
        follow(
            plain,
            plain.get_by_role("search", name="Zoeken op de website").get_by_role(
                "button", name="Zoeken"
            ),
        )
        assert "/nl/zoeken/?q=wandelen" in plain.url
        assert plain.locator("li.search-result").count() > 0
    finally:
        context.close()
