"""A resident on a phone and on a library PC: after "Zoeken" the results have focus and are in
view, the calendar shows days on a phone too, and every view passes axe (WCAG 2.2 AA tags)."""

import os

import pytest
from playwright.sync_api import expect

from events.models import EventIndexPage

from .conftest import axe_violations, follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WIDTHS = [390, 1280]
SHOTS = os.environ.get("AGENDA_SCREENSHOTS", "")


def results_heading_has_focus_and_is_in_view(page):
    assert page.evaluate("document.activeElement.id") == "resultaten"
    box = page.evaluate(
        "(() => { const r = document.getElementById('resultaten').getBoundingClientRect();"
        " return [r.top, r.bottom, window.innerHeight]; })()"
    )
    top, bottom, height = box
    assert top >= -1 and bottom <= height, box  # -1: sub-pixel rounding


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_results_calendar_and_axe_at_phone_and_desktop_width(live_demo, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
    page = context.new_page()
    agenda = EventIndexPage.objects.get(locale__language_code="nl")
    page.goto(live_demo.url + agenda.url)
    shot(page, f"agenda-{width}.png")
    assert axe_violations(page) == []

    page.get_by_label("Deze week").check()
    follow(page, page.get_by_role("main").get_by_role("button", name="Zoeken"))
    assert page.url.endswith("#resultaten")
    results_heading_has_focus_and_is_in_view(page)
    expect(page.locator("#resultaten")).to_contain_text("gevonden")
    shot(page, f"agenda-week-{width}.png")
    assert axe_violations(page) == []

    # The month calendar: on a phone a list of the days with something on.
    views = page.get_by_role("navigation", name="Weergave van de agenda")
    follow(page, views.get_by_role("link", name="Kalender"))
    assert page.locator(".month__day--busy").count() > 0
    expect(page.locator(".month__day--busy").first).to_be_visible()
    expect(page.locator(".month__day--busy .month__date").first).to_be_visible()
    shot(page, f"agenda-month-{width}.png")
    assert axe_violations(page) == []
    follow(page, page.get_by_role("link", name="Volgende maand"))
    results_heading_has_focus_and_is_in_view(page)

    # An event page names who organises it.
    follow(page, views.get_by_role("link", name="Lijst"))
    follow(page, page.locator(".event-card h3 a").first)
    expect(page.locator("#event-facts + dl")).to_contain_text("Wie organiseert het")
    shot(page, f"event-{width}.png")
    assert axe_violations(page) == []
    context.close()
