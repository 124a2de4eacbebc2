"""The demo loaded on another day: during the Week tegen Eenzaamheid, and after it.

The demo's dates are relative to the day it is loaded, and the week's dates are fixed in the
year. Whatever the day, the demo must have events that are over, running and coming, and
every page and link must work.
"""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from events.models import EditionPage, EventEdition, EventOccurrence, EventPage
from events.recurrence import AMSTERDAM
from tests.crawler import check_every_page


def this_years_week():
    """The dates of this year's week as the demo data gives them."""
    from core.demo import read_yaml
    from events.demo import DATA_FILE

    edition = read_yaml(DATA_FILE)["edition"]
    year = timezone.localdate().year
    starts = dt.date(year, *map(int, edition["starts"].split("-")))
    ends = dt.date(year, *map(int, edition["ends"].split("-")))
    return starts, ends


def days_of(starts, ends):
    return {
        "during-the-week": starts + dt.timedelta(days=2),
        "after-the-week": ends + dt.timedelta(days=20),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("when", ["during-the-week", "after-the-week"])
def test_demo_loaded_on_that_day_has_past_running_and_coming_events(when, record_property):
    starts, ends = this_years_week()
    day = days_of(starts, ends)[when]
    moment = dt.datetime.combine(day, dt.time(12, 0), tzinfo=AMSTERDAM)
    with time_machine.travel(moment, tick=False):
        call_command("load_demo_content", stdout=io.StringIO())
        now = timezone.now()
        rows = EventOccurrence.objects.filter(event__live=True)
        coming = set(rows.filter(starts_at__gt=now).values_list("event_id", flat=True))
        over = set(rows.filter(ends_at__lt=now).values_list("event_id", flat=True))
        only_over = over - coming
        running = over & coming  # a series under way: dates behind it and ahead of it
        assert only_over and running and coming - over, (only_over, running, coming)

        edition = EventEdition.objects.get(locale__language_code="nl", starts_on__year=day.year)
        in_week = EventPage.objects.live().filter(edition=edition)
        if when == "during-the-week":
            assert edition.starts_on <= day <= edition.ends_on
            assert in_week.filter(occurrences__ends_at__lt=now).exists()
            assert in_week.filter(occurrences__starts_at__gt=now).exists()
        else:
            assert not in_week.filter(occurrences__starts_at__gt=now).exists()

        site = Site.objects.get(is_default_site=True)
        client = Client(raise_request_exception=False)
        edition_page = EditionPage.objects.live().get(edition=edition)
        assert client.get(edition_page.url).status_code == 200
        result, pages, problems = check_every_page(client, site)
    assert not problems, "\n".join(problems)
    record_property(
        "count",
        f"demo loaded {when} ({day}): {pages} pages and {len(result.statuses)} URLs checked",
    )
