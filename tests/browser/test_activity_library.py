"""A professional picks an activity: filter, open, print; and axe-core on every page type."""

import os

import pytest

from activities.demo import DATA_FILE
from core.demo import read_yaml

from .conftest import assert_no_axe_violations, follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
ACTIVITIES = read_yaml(DATA_FILE)["activities"]
INDEX = "/nl/activiteitenbank/"


def test_filter_by_target_group_and_evidence_then_open_an_activity(live_demo, page):
    expected = sorted(
        (
            a["name"]
            for a in ACTIVITIES
            if "ouderen" in a.get("target_groups", []) and a["evidence"] == "onderbouwd"
        ),
        key=str.casefold,
    )
    page.goto(live_demo.url + INDEX)
    assert_no_axe_violations(page)

    filters = page.locator("form.facets")
    filters.get_by_role("group", name="Doelgroep").get_by_label("Ouderen").check()
    filters.get_by_role("group", name="Onderbouwing").get_by_label("Onderbouwd").check()
    follow(page, filters.get_by_role("button", name="Toon activiteiten"))

    assert "doelgroep=ouderen" in page.url and "onderbouwing=onderbouwd" in page.url
    titles = page.locator(".activity-card h3 a").all_inner_texts()
    assert titles == expected
    assert_no_axe_violations(page)

    follow(page, page.get_by_role("link", name=expected[0], exact=True))
    assert page.locator("h1").inner_text() == expected[0]
    assert_no_axe_violations(page)

    page.go_back()
    assert page.get_by_role("group", name="Doelgroep").get_by_label("Ouderen").is_checked()


def test_activity_sheet_prints_without_navigation_and_with_links(live_demo, page):
    page.goto(live_demo.url + INDEX + "sensoor/")
    page.emulate_media(media="print")
    assert not page.locator(".main-nav").is_visible()
    assert not page.locator(".language-switcher").is_visible()
    link_after = page.locator(".activity__facts a").first.evaluate(
        "el => getComputedStyle(el, '::after').content"
    )
    assert "http" in link_after


def test_profile_guide_answers_and_axe(live_demo, page):
    page.goto(live_demo.url + INDEX + "profielwijzer/")
    assert_no_axe_violations(page)
    page.get_by_label("Nog niet zo lang", exact=False).check()
    page.get_by_label("Ja, hij of zij wil graag meedoen", exact=False).check()
    follow(page, page.get_by_role("button", name="Toon het profiel"))
    # One question left open: the error names it, the given answers stay.
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Nog niet zo lang", exact=False).is_checked()
    assert_no_axe_violations(page)

    page.get_by_label("Nee, hij of zij wacht af", exact=False).check()
    follow(page, page.get_by_role("button", name="Toon het profiel"))
    assert "Achterblijvers" in page.locator("#resultaat h2").inner_text()
    assert_no_axe_violations(page)
