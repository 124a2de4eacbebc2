"""The agenda's pages read what they show in a few narrow queries, however many events,
dates and terms there are (the budget of a page-cache miss), and the shortcuts taken for
that (one query for the dates, one for "coming up", the restrictions inside the query) show
what the slower code showed."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.models import AccessibilityFeature, Municipality, TargetGroup
from events.models import EventPage, EventStatus
from tests.querycount import assert_same_query_count

pytestmark = pytest.mark.django_db

# Without the page cache and the cached header, a test request pays for the site's menus,
# footer and settings too (production's miss: 9 and 10 queries); the ceilings of this setting.
# The agenda's filter options are kept in the cache (events.filters.option_data) and an event
# page reads its agenda's address from its own: 20 and 19 in this setting. (Without the
# fragments, as here, the agenda reads its cards' events in one more query; production's
# miss finds them in the cache: 5 and 4.)
MAX_EVENT_PAGE = 20
MAX_AGENDA = {"": 19, "?data=alle": 19, "?weergave=kaart": 19, "ical/": 9}


def days(n):
    return timezone.now() + dt.timedelta(days=n)


def queries(client, url):
    cache.clear()
    client.get(url)  # warm: Wagtail's site data
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(context.captured_queries)


def test_a_past_event_page_costs_the_same_with_many_other_events_and_terms(
    client, make_event, home, zwolle
):
    past = make_event(title="Geweest", starts_at=days(-3))

    def grow():
        groups = [
            TargetGroup.objects.create(name=f"Groep {n}", slug=f"groep-{n}", locale=home.locale)
            for n in range(4)
        ]
        features = [
            AccessibilityFeature.objects.create(
                name=f"Kenmerk {n}", slug=f"k-{n}", locale=home.locale
            )
            for n in range(4)
        ]
        page = EventPage.objects.get(pk=past.pk)
        page.target_groups, page.accessibility = groups, features
        page.save_revision().publish()
        for n in range(6):
            make_event(title=f"Straks {n}", starts_at=days(n + 1), recurrence="FREQ=DAILY;COUNT=5")

    response, count = assert_same_query_count(client, past.url, grow)
    html = response.content.decode()
    assert count <= MAX_EVENT_PAGE
    assert "Deze activiteit is geweest." in html
    assert "Groep 3" in html and "Kenmerk 3" in html
    # Each other event once, with its next date, at most three.
    assert html.count("Straks ") == 3 and "Straks 0" in html


def test_an_event_page_with_many_dates_costs_the_same(client, make_event):
    event = make_event(title="Wekelijks", starts_at=days(1), recurrence="FREQ=WEEKLY;COUNT=2")

    def grow():
        page = EventPage.objects.get(pk=event.pk)
        page.recurrence = "FREQ=DAILY;COUNT=60"
        page.save_revision().publish()

    response, count = assert_same_query_count(client, event.url, grow)
    assert count <= MAX_EVENT_PAGE
    # The next six dates, no more.
    assert response.content.decode().count("<li><time datetime=") == 6


def test_the_agenda_and_its_feed_stay_within_the_budget(client, agenda, make_event):
    for n in range(12):
        make_event(starts_at=days(n % 4 + 1), recurrence="FREQ=DAILY;COUNT=3" if n % 2 else "")
    counts = {suffix: queries(client, f"{agenda.url}{suffix}")[1] for suffix in MAX_AGENDA}
    assert all(counts[suffix] <= most for suffix, most in MAX_AGENDA.items()), counts


def test_the_agenda_counts_each_series_once(client, agenda, make_event):
    for n in range(3):
        make_event(title=f"Reeks {n}", starts_at=days(1), recurrence="FREQ=DAILY;COUNT=4")
    make_event(title="Eenmalig", starts_at=days(2))
    html = client.get(agenda.url).content.decode()
    assert "4 activiteiten gevonden" in html
    html = client.get(f"{agenda.url}?data=alle").content.decode()
    assert "13 data gevonden" in html


def test_the_last_date_of_a_past_series_is_the_last_that_went_ahead(client, make_event):
    first = days(-10).replace(microsecond=0)
    event = make_event(
        title="Reeks",
        starts_at=first,
        recurrence="FREQ=DAILY;COUNT=3",
        exceptions=[{"original_start": first + dt.timedelta(days=2), "change": "cancelled"}],
    )
    page = EventPage.objects.get(pk=event.pk)
    assert page.is_over and page.upcoming_occurrences == []
    assert page.last_occurrence.starts_at == first + dt.timedelta(days=1)


def test_an_event_page_lists_its_next_dates_in_order_with_a_cancelled_one(make_event):
    first = days(1).replace(microsecond=0)
    event = make_event(
        starts_at=first,
        recurrence="FREQ=DAILY;COUNT=9",
        exceptions=[{"original_start": first + dt.timedelta(days=1), "change": "cancelled"}],
    )
    page = EventPage.objects.get(pk=event.pk)
    upcoming = page.upcoming_occurrences
    assert [row.starts_at for row in upcoming] == [first + dt.timedelta(days=n) for n in range(6)]
    assert upcoming[1].status == EventStatus.CANCELLED
    assert page.next_occurrence == upcoming[0] and not page.is_over


def test_coming_up_leaves_out_a_private_event_and_ranks_the_same_place_first(
    rf, make_event, zwolle
):
    past = make_event(title="Geweest", starts_at=days(-3))
    hidden = make_event(title="Besloten", starts_at=days(1))
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    make_event(title="Open", starts_at=days(2))
    rows, nearby = EventPage.objects.get(pk=past.pk).coming_up(rf.get("/"))
    assert nearby and [row.event.title for row in rows] == ["Open"]
    assert rows[0].url.endswith(f"/{rows[0].event.slug}/")


def test_coming_up_falls_back_to_the_whole_agenda(rf, make_event, zwolle):
    elsewhere = Municipality.objects.create(name="Kampen", slug="kampen", province="Overijssel")
    past = make_event(title="Geweest", starts_at=days(-3))
    make_event(title="Ver weg", starts_at=days(2), municipality=elsewhere)
    rows, nearby = EventPage.objects.get(pk=past.pk).coming_up(rf.get("/"))
    assert not nearby and [row.event.title for row in rows] == ["Ver weg"]
