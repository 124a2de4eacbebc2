"""A resident announces a weekly coffee morning once, on a phone; it reaches the agenda as a series.

The form is filled in at 390 px, first with a mistake (an end date and a number of times:
one of the two), which must come back with every value kept, a message at the field and the
focus on the error summary. axe-core checks the form and its error state at both widths. A
moderator approves the draft (through Wagtail's workflow, as the admin's "Goedkeuren"
does); the event page then says the rule in words, and the agenda lists the series once.
"""

import datetime as dt
import os
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import EventPage, EventSubmissionPage
from events.recurrence import AMSTERDAM
from users.models import User

from .conftest import WIDTHS, axe_violations, follow, stub_map_tiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TITLE = "Koffieochtend voor de hele buurt"
EVERY_TUESDAY = re.compile(r"elke (week op )?dinsdag", re.IGNORECASE)


def next_tuesday():
    day = timezone.localdate(timezone=AMSTERDAM) + dt.timedelta(days=1)
    while day.weekday() != 1:
        day += dt.timedelta(days=1)
    return day


def axe_at_both_widths(page, where):
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], f"{where}, {name}"
    page.set_viewport_size({"width": WIDTHS["mobile"], "height": 900})


def fill_in(page, first, until):
    page.get_by_label("Uw naam").fill("Fatima Yilmaz")
    page.get_by_label("Uw e-mailadres").fill("fatima@example.org")
    page.get_by_label("Naam van de activiteit").fill(TITLE)
    page.get_by_label("Wat gaat er gebeuren?").fill("Samen koffie drinken en bijpraten.")
    page.locator("input[name=start_date]").fill(first.isoformat())
    page.get_by_label("Begintijd").fill("10:00")
    page.get_by_label("Eindtijd").fill("11:30")
    page.get_by_label("Elke week").check()
    page.get_by_label("Tot en met welke datum?").fill(until.isoformat())
    page.get_by_label("Plek van de sociale kaart").select_option(index=1)
    page.locator("input[name=is_free][value=True]").check()
    page.locator("input[name=registration][value=none]").check()
    page.locator("input[name=consent]").check()


def test_announce_a_weekly_coffee_morning(live_demo, page):
    stub_map_tiles(page)
    page.set_viewport_size({"width": WIDTHS["mobile"], "height": 900})
    form_page = EventSubmissionPage.objects.live().get(locale__language_code="nl")
    first, until = next_tuesday(), next_tuesday() + dt.timedelta(weeks=16)

    page.goto(live_demo.url + form_page.url)
    expect(page.get_by_role("group", name="Hoe vaak is het?")).to_be_visible()
    axe_at_both_widths(page, "the empty form")

    # A mistake: an end date and a number of times.
    fill_in(page, first, until)
    page.get_by_label("Of: hoeveel keer in totaal?").fill("12")
    follow(page, page.get_by_role("button", name="Activiteit versturen"))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    assert summary.get_attribute("tabindex") == "-1"
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(page.locator("#id_repeat_count_error")).to_contain_text("niet allebei")
    expect(page.get_by_label("Elke week")).to_be_checked()
    expect(page.get_by_label("Tot en met welke datum?")).to_have_value(until.isoformat())
    expect(page.get_by_label("Of: hoeveel keer in totaal?")).to_have_value("12")
    expect(page.get_by_label("Naam van de activiteit")).to_have_value(TITLE)
    expect(page.get_by_label("Begintijd")).to_have_value("10:00")
    axe_at_both_widths(page, "the form with an error")
    assert not EventPage.objects.filter(title=TITLE).exists()

    # Corrected: only the end date.
    page.get_by_label("Of: hoeveel keer in totaal?").fill("")
    follow(page, page.get_by_role("button", name="Activiteit versturen"))
    expect(
        page.get_by_role("heading", name="Bedankt, we hebben uw activiteit ontvangen")
    ).to_be_visible()
    event = EventPage.objects.get(title=TITLE)
    assert event.recurrence == f"FREQ=WEEKLY;UNTIL={until:%Y%m%d}"
    assert not event.live

    # The moderator approves it, as the admin's "Goedkeuren" does.
    moderator = User.objects.create_superuser("moderator", "mod@example.org", "x")
    event.current_workflow_state.current_task_state.approve(user=moderator)
    event.refresh_from_db()
    assert event.live

    page.goto(live_demo.url + event.url)
    expect(page.locator("main")).to_contain_text(EVERY_TUESDAY)

    # The agenda shows the series once, with its rule in words.
    page.goto(f"{live_demo.url}{event.get_parent().url}?q=Koffieochtend+hele+buurt")
    cards = page.locator(".event-card").filter(has_text=TITLE)
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text(EVERY_TUESDAY)
