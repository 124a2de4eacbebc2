"""Subscribing and sharing: iCalendar parsed back with `icalendar`, JSON-LD parsed as JSON."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone
from icalendar import Calendar

from core.models import Organisation
from events.models import EventOccurrence

from .conftest import AMSTERDAM, local
from .test_finding import at

pytestmark = pytest.mark.django_db


def vevents(response):
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    # Every zone an entry names is there (none for whole days only), made by icalendar.
    assert not cal.get_missing_tzids()
    assert {tz.tz_name for tz in cal.timezones} <= {"Europe/Amsterdam"}
    return cal.walk("VEVENT")


def test_feed_has_each_series_with_stable_uids_and_dutch_times(client, agenda, make_event):
    weekly = make_event(
        title="Koffieochtend",
        starts_at=at(1, 10),
        ends_at=at(1, 12),
        recurrence="FREQ=WEEKLY;COUNT=3",
        exceptions=[{"original_start": at(8, 10), "change": "cancelled"}],
    )
    master, cancelled = vevents(client.get(f"{agenda.url}ical/"))
    assert [str(item["SUMMARY"]) for item in (master, cancelled)] == ["Koffieochtend"] * 2
    assert master.decoded("DTSTART") == at(1, 10)
    assert master.decoded("DTSTART").tzinfo.key == "Europe/Amsterdam"
    assert master.decoded("DTEND") == at(1, 12)
    assert master["RRULE"]["COUNT"] == [3]
    assert str(master["STATUS"]) == "CONFIRMED"
    assert cancelled.decoded("RECURRENCE-ID") == at(8, 10)
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(master["URL"]).endswith(weekly.url)
    uid = str(master["UID"])
    assert str(cancelled["UID"]) == uid
    assert uid.startswith(f"{weekly.translation_key}@")

    # Editing the event (new title, new revision) keeps the UID: calendars update, not duplicate.
    weekly.title = "Koffieochtend in de bieb"
    weekly.save_revision().publish()
    again = vevents(client.get(f"{agenda.url}ical/"))
    assert {str(item["UID"]) for item in again} == {uid}
    assert str(again[0]["SUMMARY"]) == "Koffieochtend in de bieb"


def test_feed_follows_the_list_filters(client, agenda, make_event, home):
    from core.models import Municipality

    leusden = Municipality.objects.create(name="Leusden", slug="leusden", cbs_code="GM0327")
    make_event(title="In Zwolle", starts_at=at(1))
    make_event(title="In Leusden", starts_at=at(1), municipality=leusden)
    events = vevents(client.get(f"{agenda.url}ical/?gemeente=leusden"))
    assert [str(item["SUMMARY"]) for item in events] == ["In Leusden"]


def test_event_file_has_the_rule_and_cancelled_dates(client, make_event):
    start = at(2, 19, 30)
    event = make_event(
        title="Samen eten",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        recurrence=f"FREQ=WEEKLY;UNTIL={(start + dt.timedelta(weeks=4)):%Y%m%d}",
        exceptions=[{"original_start": start + dt.timedelta(weeks=1), "change": "cancelled"}],
    )
    response = client.get(f"{event.url}ical/")
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    master, cancelled = vevents(response)
    assert master.decoded("DTSTART") == start
    rule = master["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    # UNTIL is given in UTC, as RFC 5545 asks when DTSTART has a time zone.
    assert rule["UNTIL"][0].tzinfo is not None
    assert str(cancelled["UID"]) == str(master["UID"])
    assert cancelled.decoded("RECURRENCE-ID") == start + dt.timedelta(weeks=1)
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_cancelled_event_and_all_day_event(client, make_event):
    cancelled = make_event(title="Gaat niet door", starts_at=at(3), status="cancelled")
    (entry,) = vevents(client.get(f"{cancelled.url}ical/"))
    assert str(entry["STATUS"]) == "CANCELLED"
    all_day = make_event(title="Kaartjesactie", starts_at=at(4, 9), ends_at=at(4, 18), all_day=True)
    (entry,) = vevents(client.get(f"{all_day.url}ical/"))
    assert entry.decoded("DTSTART") == at(4).date()
    assert entry.decoded("DTEND") == at(5).date()


def json_ld(response):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_json_ld_describes_the_event_for_search_engines(client, make_event, home):
    organiser = Organisation.objects.create(
        name="Welzijn Zwolle", slug="welzijn-zwolle", locale=home.locale
    )
    event = make_event(
        title="De Langste Eettafel",
        starts_at=at(5, 17, 30),
        ends_at=at(5, 20),
        location_name="Plein",
        street="Grote Markt",
        house_number="1",
        postcode="8011 LW",
        city="Zwolle",
        latitude=52.51,
        longitude=6.09,
        organiser=organiser,
    )
    data = json_ld(client.get(event.url))
    assert data["@type"] == "Event"
    assert data["name"] == "De Langste Eettafel"
    assert dt.datetime.fromisoformat(data["startDate"]) == at(5, 17, 30)
    assert dt.datetime.fromisoformat(data["endDate"]) == at(5, 20)
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["isAccessibleForFree"] is True
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["addressLocality"] == "Zwolle"
    assert data["organizer"] == {"@type": "Organization", "name": "Welzijn Zwolle"}
    assert data["url"].endswith(event.url)


def test_json_ld_of_a_cancelled_paid_event_and_a_moved_date(client, make_event):
    event = make_event(title="Afgelast", starts_at=at(5), status="cancelled", price="€ 2,50")
    data = json_ld(client.get(event.url))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["isAccessibleForFree"] is False
    assert data["offers"]["price"] == "2.50"

    start = at(1, 10)
    moved = make_event(
        starts_at=start,
        recurrence="FREQ=WEEKLY;COUNT=2",
        exceptions=[{"original_start": start, "change": "moved", "new_start": at(2, 10)}],
    )
    data = json_ld(client.get(moved.url))
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert dt.datetime.fromisoformat(data["previousStartDate"]) == start
    assert dt.datetime.fromisoformat(data["startDate"]) == at(2, 10)


def test_json_ld_cannot_be_broken_out_of(client, make_event):
    event = make_event(title="</script><script>alert(1)</script>")
    html = client.get(event.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(client.get(event.url))["name"] == "</script><script>alert(1)</script>"


def test_event_page_shows_status_dates_and_first_time_help(client, make_event):
    start = at(1, 10)
    event = make_event(
        title="Wandelen",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        recurrence="FREQ=WEEKLY;COUNT=10",
        status="full",
        how_to_get_there="Bus 3, halte Park",
        exceptions=[{"original_start": start + dt.timedelta(weeks=1), "change": "cancelled"}],
    )
    html = client.get(event.url).content.decode()
    assert "Vol: aanmelden kan niet meer" in html
    assert "Elke week" in html and "10 keer" in html
    assert "Bus 3, halte Park" in html
    assert html.count("<time") == 6  # the next six dates
    assert EventOccurrence.objects.filter(event=event, status="cancelled").count() == 1


def test_times_are_shown_in_dutch_time_whatever_the_server_zone(client, make_event, settings):
    settings.TIME_ZONE = "UTC"
    start = local(timezone.now().year + 1, 7, 1, 10, 0)
    event = make_event(title="Zomer", starts_at=start, ends_at=start + dt.timedelta(hours=1))
    html = client.get(event.url).content.decode()
    assert "10:00 – 11:00" in html
    assert start.astimezone(AMSTERDAM).hour == 10


def test_all_day_series_file_names_the_cancelled_day_itself(client, make_event):
    # Midnight in Amsterdam is the previous day in UTC: the override must name the Dutch date.
    start = at(3, 0, 0)
    event = make_event(
        title="Kaartjesweek",
        starts_at=start,
        ends_at=start,
        all_day=True,
        recurrence=f"FREQ=DAILY;UNTIL={(start + dt.timedelta(days=4)):%Y%m%d}",
        exceptions=[{"original_start": start + dt.timedelta(days=1), "change": "cancelled"}],
    )
    master, cancelled = vevents(client.get(f"{event.url}ical/"))
    assert cancelled.decoded("RECURRENCE-ID") == at(4).date()
    assert master["RRULE"]["UNTIL"][0] == at(7).date()
    assert EventOccurrence.objects.filter(event=event).count() == 5
