"""The event's file and the agenda's feed describe an event the same way: one series, one UID.

Someone who subscribes to the agenda and also downloads an event must see each date once, so
both are read back with icalendar and merged the way a calendar app does: by UID and
RECURRENCE-ID, a later import replacing an earlier entry with the same key.
"""

import datetime as dt
import itertools

import pytest
from dateutil.rrule import rrulestr
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar, Timezone

from events.models import EventOccurrence

from .test_finding import at

pytestmark = pytest.mark.django_db


def calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def keyed(*responses):
    """Entries by (UID, RECURRENCE-ID) after importing ``responses`` one after the other."""
    entries = {}
    for response in responses:
        for item in calendar(response).walk("VEVENT"):
            original = item.decoded("RECURRENCE-ID") if "RECURRENCE-ID" in item else None
            entries[(str(item["UID"]), original)] = item
    return entries


def _starts(master):
    start = master.decoded("DTSTART")
    if "RRULE" not in master:
        return [start]
    all_day = not isinstance(start, dt.datetime)
    first = dt.datetime.combine(start, dt.time()) if all_day else start
    rule = rrulestr(master["RRULE"].to_ical().decode(), dtstart=first)
    starts = list(itertools.islice(rule, 200))
    return [moment.date() for moment in starts] if all_day else starts


def seen(*responses):
    """(uid, original start, shown start, status) of every date a calendar app shows."""
    entries = keyed(*responses)
    dates = []
    for (uid, original), master in entries.items():
        if original is not None:
            continue
        for start in _starts(master):
            shown = entries.get((uid, start), master)
            shown_start = shown.decoded("DTSTART") if shown is not master else start
            dates.append((uid, start, shown_start, str(shown["STATUS"])))
    return sorted(dates, key=lambda date: (date[0], str(date[1])))


@pytest.fixture
def series(make_event):
    start = at(2, 19, 30)
    return make_event(
        title="Samen eten",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        recurrence="FREQ=WEEKLY;COUNT=5",
        exceptions=[
            {"original_start": start + dt.timedelta(weeks=1), "change": "cancelled"},
            {
                "original_start": start + dt.timedelta(weeks=2),
                "change": "moved",
                "new_start": start + dt.timedelta(weeks=2, days=1),
                "note": "Nu op woensdag",
            },
            {"original_start": start + dt.timedelta(weeks=3), "change": "postponed"},
        ],
    )


def test_file_and_feed_give_the_same_uids_and_entries(client, agenda, series, make_event):
    single = make_event(title="Eenmalig", starts_at=at(3, 10))
    feed = keyed(client.get(f"{agenda.url}ical/"))
    for event in (series, single):
        own = keyed(client.get(f"{event.url}ical/"))
        assert own, "the event's file has entries"
        assert set(own) <= set(feed), "every entry of the file is in the feed, same UID"
        for key, item in own.items():
            # The same entry, property for property, apart from when it was generated.
            ours = {name: value for name, value in item.property_items() if name != "DTSTAMP"}
            theirs = {
                name: value for name, value in feed[key].property_items() if name != "DTSTAMP"
            }
            assert ours == theirs
    uids = {uid for uid, _original in feed}
    assert uids == {f"{series.translation_key}@localhost", f"{single.translation_key}@localhost"}
    # The series: its rule, and one override per changed date.
    assert sorted(str(original) for uid, original in feed if original is not None) == sorted(
        str(series.starts_at + dt.timedelta(weeks=weeks)) for weeks in (1, 2, 3)
    )


def test_a_subscriber_importing_both_sees_each_date_once(client, agenda, series, make_event):
    make_event(title="Eenmalig", starts_at=at(3, 10))
    feed_url, file_url = f"{agenda.url}ical/", f"{series.url}ical/"
    both = seen(client.get(feed_url), client.get(file_url))
    assert both == seen(client.get(file_url), client.get(feed_url)) == seen(client.get(feed_url))
    keys = [(uid, original) for uid, original, _shown, _status in both]
    assert len(keys) == len(set(keys)) == 6  # five dates of the series and the single date

    # What the calendar app shows is what the agenda shows.
    rows = EventOccurrence.objects.filter(event=series).order_by("original_start")
    uid = f"{series.translation_key}@localhost"
    expected = [
        (
            uid,
            row.original_start,
            row.starts_at,
            "CANCELLED" if row.status in ("cancelled", "postponed") else "CONFIRMED",
        )
        for row in rows
    ]
    assert [date for date in both if date[0] == uid] == expected
    assert [status for *_rest, status in expected].count("CANCELLED") == 2


def test_an_all_day_series_is_the_same_in_file_and_feed(client, agenda, make_event):
    start = at(3, 0, 0)
    event = make_event(
        title="Kaartjesweek",
        starts_at=start,
        ends_at=start,
        all_day=True,
        recurrence=f"FREQ=DAILY;UNTIL={(start + dt.timedelta(days=4)):%Y%m%d}",
        exceptions=[{"original_start": start + dt.timedelta(days=1), "change": "cancelled"}],
    )
    from_file = seen(client.get(f"{event.url}ical/"))
    assert from_file == seen(client.get(f"{agenda.url}ical/"), client.get(f"{event.url}ical/"))
    assert [original for _uid, original, _shown, _status in from_file] == [
        (start + dt.timedelta(days=days)).date() for days in range(5)
    ]
    assert [status for *_rest, status in from_file].count("CANCELLED") == 1


def test_the_vtimezone_is_icalendars_own(client, agenda, series):
    for url in (f"{agenda.url}ical/", f"{series.url}ical/"):
        (zone,) = calendar(client.get(url)).timezones
        assert zone.to_ical() == Timezone.from_tzid("Europe/Amsterdam").to_ical()


def test_the_feed_makes_the_same_number_of_queries_for_more_events(client, agenda, make_event):
    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"{agenda.url}ical/").status_code == 200
        return len(context.captured_queries)

    make_event(starts_at=at(1), recurrence="FREQ=WEEKLY;COUNT=3")
    client.get(f"{agenda.url}ical/")
    before = count()
    for days in (2, 3, 4):
        make_event(
            starts_at=at(days, 10),
            recurrence="FREQ=WEEKLY;COUNT=3",
            exceptions=[{"original_start": at(days + 7, 10), "change": "cancelled"}],
        )
    client.get(f"{agenda.url}ical/")
    assert count() == before
