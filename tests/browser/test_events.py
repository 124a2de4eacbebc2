"""A resident finds something to do this week near home, opens it and saves it in a calendar."""

import datetime as dt
import os

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from events.models import EventIndexPage, EventOccurrence
from events.recurrence import AMSTERDAM

from .conftest import axe_violations, follow, stub_map_tiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def busiest_municipality_this_week(agenda):
    today = timezone.localdate(timezone=AMSTERDAM)
    start = dt.datetime.combine(today, dt.time.min, tzinfo=AMSTERDAM)
    week = (
        EventOccurrence.objects.filter(
            event__in=agenda.events(),
            ends_at__gte=timezone.now(),
            starts_at__lt=start + dt.timedelta(days=7),
        )
        .select_related("municipality", "event")
        .order_by("starts_at", "pk")
    )
    # The list shows each event once, with its first date still to come this week.
    by_municipality, seen = {}, set()
    for occurrence in week:
        if occurrence.event_id in seen:
            continue
        seen.add(occurrence.event_id)
        by_municipality.setdefault(occurrence.municipality, []).append(occurrence)
    municipality, occurrences = max(by_municipality.items(), key=lambda item: len(item[1]))
    return municipality, occurrences


def test_this_week_in_a_municipality_open_an_event_and_save_it(live_demo, page, browser):
    stub_map_tiles(page)
    agenda = EventIndexPage.objects.get(locale__language_code="nl")
    municipality, expected = busiest_municipality_this_week(agenda)
    page.goto(live_demo.url + agenda.url)
    assert axe_violations(page) == []

    page.get_by_label("Deze week").check()
    page.get_by_label("Gemeente").select_option(label=municipality.name)
    follow(page, page.get_by_role("main").get_by_role("button", name="Zoeken"))
    assert "wanneer=deze-week" in page.url and f"gemeente={municipality.slug}" in page.url

    # "Deze week" is from now on: the list and this query agree at any hour.
    titles = page.locator(".event-card h3 a").all_inner_texts()
    assert titles == [o.event.title for o in expected]

    # The calendar and the map show the same filters; both pass axe.
    views = page.get_by_role("navigation", name="Weergave van de agenda")
    follow(page, views.get_by_role("link", name="Kalender"))
    assert "weergave=kalender" in page.url and f"gemeente={municipality.slug}" in page.url
    expect(page.locator("table.month__grid")).to_be_visible()
    assert axe_violations(page) == []
    follow(page, views.get_by_role("link", name="Kaart"))
    page.locator(".leaflet-marker-icon").first.wait_for()
    markers = page.locator(".leaflet-marker-icon").count()
    assert markers == len({o.event_id for o in expected if o.latitude})
    assert axe_violations(page) == []

    # Open the first date still to come (this morning's may be over) and save it.
    now = timezone.now()
    coming = next((o.event.title for o in expected if o.ends_at >= now), titles[0])
    follow(page, views.get_by_role("link", name="Lijst"))
    follow(page, page.locator(".event-card h3 a").filter(has_text=coming).first)
    assert page.locator("h1").inner_text() == coming
    assert axe_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Zet in uw agenda (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    with open(download.path(), "rb") as handle:
        cal = Calendar.from_ical(handle.read())
    (first, *_rest) = cal.walk("VEVENT")
    assert str(first["SUMMARY"]) == coming

    # Loading the demo is the slow part of these tests: check the rest on the same site.
    check_without_javascript(live_demo, browser)
    check_edition_archive_and_print_views(live_demo, page)


def check_without_javascript(live_demo, browser):
    """Without JavaScript the list and the filters still work (the map view is a list)."""
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    agenda = EventIndexPage.objects.get(locale__language_code="nl")
    page.goto(live_demo.url + agenda.url + "?weergave=kaart")
    assert page.locator(".event-card").count() > 0
    page.get_by_label("Gratis").check()
    follow(page, page.get_by_role("main").get_by_role("button", name="Zoeken"))
    assert "gratis=1" in page.url and "weergave=kaart" in page.url
    context.close()


def test_announce_an_event_fix_a_mistake_and_send_it(live_demo, page):
    from events.models import EventPage, EventSubmission, EventSubmissionPage

    form_page = EventSubmissionPage.objects.get(locale__language_code="nl")
    page.goto(live_demo.url + form_page.url)
    assert axe_violations(page) == []

    page.get_by_label("Uw naam").fill("Fatima de Vries")
    page.get_by_label("Uw e-mailadres").fill("fatima@example.nl")
    page.get_by_label("Naam van de activiteit").fill("Soep en praten in de Linde")
    page.get_by_label("Wat gaat er gebeuren?").fill("Samen soep eten en een praatje maken.")
    yesterday = timezone.localdate(timezone=AMSTERDAM) - dt.timedelta(days=1)
    page.locator("#id_start_date").fill(yesterday.isoformat())
    page.locator("#id_start_time").fill("12:00")
    page.locator("#id_place").select_option(index=1)
    page.get_by_label("Ik geef toestemming").check()
    follow(page, page.get_by_role("button", name="Activiteit versturen"))

    # The mistake is named at the top and at the field; everything typed is still there.
    summary = page.locator("[role=alert], .error-summary").first
    assert summary.is_visible()
    assert page.locator("#id_start_date").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Uw naam").input_value() == "Fatima de Vries"
    assert page.get_by_label("Naam van de activiteit").input_value() == "Soep en praten in de Linde"
    assert page.get_by_label("Ik geef toestemming").is_checked()
    assert axe_violations(page) == []
    assert not EventPage.objects.filter(title="Soep en praten in de Linde").exists()

    next_week = timezone.localdate(timezone=AMSTERDAM) + dt.timedelta(days=7)
    page.locator("#id_start_date").fill(next_week.isoformat())
    follow(page, page.get_by_role("button", name="Activiteit versturen"))
    page.wait_for_url("**verzonden=1")
    assert "fatima" not in page.url

    draft = EventPage.objects.get(title="Soep en praten in de Linde")
    assert not draft.live
    assert draft.current_workflow_state is not None
    assert EventSubmission.objects.get(event=draft).email == "fatima@example.nl"
    # Not in the public agenda until a moderator approves it.
    page.goto(live_demo.url + form_page.get_parent().url + "?q=soep")
    assert "Soep en praten in de Linde" not in page.content()


def check_edition_archive_and_print_views(live_demo, page):
    """axe on the edition page, archive, week programme, invitation card and poster."""
    from events.models import EditionPage, EventPage

    stub_map_tiles(page)
    edition = EditionPage.objects.get(locale__language_code="nl")
    event = EventPage.objects.filter(locale__language_code="nl", recurrence="").first()
    municipality = event.municipality
    agenda_url = edition.get_parent().url
    urls = [
        edition.url,
        agenda_url + "archief/",
        agenda_url + f"programma/?gemeente={municipality.slug}",
        event.url + "uitnodiging/",
        event.url + "poster/",
    ]
    for url in urls:
        page.goto(live_demo.url + url)
        assert page.locator("h1").count() == 1, url
        assert axe_violations(page) == [], url
    # The edition page's figures count what the agenda holds.
    page.goto(live_demo.url + edition.url)
    figures = page.locator(".edition__figures strong").all_inner_texts()
    assert figures[1] == str(EventPage.objects.live().filter(edition=edition.edition).count())
