"""Subscribing and sharing: iCalendar (RFC 5545) feeds and files, and schema.org JSON-LD.

UIDs are built from the page's translation key and the occurrence's original start, so they
stay the same when an event is edited, moved or re-imported, and a calendar app updates the
entry instead of adding a second one.
"""

import datetime as dt
import json

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from core.richtext import rich_text_to_plain_text

from .filters import EventFilter, event_url
from .recurrence import AMSTERDAM

FEED_LIMIT = 500
ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _domain(request):
    """The site's own host name, not whatever the request used (www. or not): UIDs must not change."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return (site.hostname if site else "") or "localhost"


def uid(event, original_start, request):
    stamp = original_start.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{event.translation_key}-{stamp}@{_domain(request)}"


def series_uid(event, request):
    return f"{event.translation_key}@{_domain(request)}"


def amsterdam_timezone():
    """A compact VTIMEZONE for Europe/Amsterdam (EU rules: last Sunday of March and October)."""
    zone = Timezone()
    zone.add("tzid", "Europe/Amsterdam")
    standard = TimezoneStandard()
    standard.add("dtstart", dt.datetime(1970, 10, 25, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    standard.add("tzoffsetfrom", dt.timedelta(hours=2))
    standard.add("tzoffsetto", dt.timedelta(hours=1))
    standard.add("tzname", "CET")
    daylight = TimezoneDaylight()
    daylight.add("dtstart", dt.datetime(1970, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    daylight.add("tzoffsetfrom", dt.timedelta(hours=1))
    daylight.add("tzoffsetto", dt.timedelta(hours=2))
    daylight.add("tzname", "CEST")
    zone.add_component(standard)
    zone.add_component(daylight)
    return zone


def new_calendar(name):
    cal = Calendar()
    cal.add("prodid", "-//Coalities tegen eenzaamheid//Agenda//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    cal.add_component(amsterdam_timezone())
    return cal


def _location(event):
    parts = [event.venue_name, event.address_line]
    return ", ".join(part for part in parts if part)


def _set_times(component, starts_at, ends_at, all_day):
    if all_day:
        first = timezone.localtime(starts_at, AMSTERDAM).date()
        last = timezone.localtime(ends_at or starts_at, AMSTERDAM).date()
        component.add("dtstart", first)
        component.add("dtend", max(last, first) + dt.timedelta(days=1))
    else:
        component.add("dtstart", timezone.localtime(starts_at, AMSTERDAM))
        if ends_at and ends_at > starts_at:
            component.add("dtend", timezone.localtime(ends_at, AMSTERDAM))


def _describe(component, event, url, note=""):
    component.add("summary", event.title)
    text = "\n\n".join(part for part in [note, event.summary, url] if part)
    component.add("description", text)
    component.add("url", url)
    location = _location(event)
    if location:
        component.add("location", location)
    if event.coordinates:
        component.add("geo", event.coordinates)
    component.add("dtstamp", timezone.now())
    component.add("last-modified", event.last_published_at or timezone.now())


def _status(status):
    return "CANCELLED" if status in ("cancelled", "postponed") else "CONFIRMED"


def occurrence_component(occurrence, url, request):
    event = occurrence.event
    component = Event()
    component.add("uid", uid(event, occurrence.original_start, request))
    _set_times(component, occurrence.starts_at, occurrence.ends_at, occurrence.all_day)
    _describe(component, event, url, occurrence.note)
    component.add("status", _status(occurrence.status))
    return component


def _response(cal, filename):
    response = HttpResponse(cal.to_ical(), content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def feed(index, request):
    """One VEVENT per occurrence of the filtered list: what you see is what you subscribe to."""
    result = EventFilter(index, request).evaluate()
    index_url = index.get_full_url(request)
    occurrences = result["occurrences"].select_related("event", "event__place")[:FEED_LIMIT]
    cal = new_calendar(index.title)
    for occurrence in occurrences:
        url = event_url(index_url, occurrence.event.slug)
        cal.add_component(occurrence_component(occurrence, url, request))
    response = _response(cal, "agenda.ics")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response


def _utc_until(rule_text, event):
    """RFC 5545: UNTIL in UTC when DTSTART has a time zone, a plain date when DTSTART is a date."""
    rule = vRecur.from_ical(rule_text)
    until = rule.get("UNTIL")
    if until:
        value = until[0]
        if event.all_day:
            rule["UNTIL"] = [value.date() if isinstance(value, dt.datetime) else value]
            return rule
        if isinstance(value, dt.datetime):
            moment = value if value.tzinfo else value.replace(tzinfo=AMSTERDAM)
        else:
            moment = dt.datetime.combine(value, dt.time(23, 59, 59), tzinfo=AMSTERDAM)
        rule["UNTIL"] = [moment.astimezone(dt.UTC)]
    return rule


def event_ics(page, request):
    """The whole event as one file: the series with its rule, and each changed date as override."""
    url = page.get_full_url(request)
    cal = new_calendar(page.title)
    master = Event()
    master.add("uid", series_uid(page, request))
    _set_times(master, page.starts_at, page.ends_at, page.all_day)
    _describe(master, page, url, page.status_note if page.status != "scheduled" else "")
    master.add("status", _status(page.status))
    if page.recurrence:
        master.add("rrule", _utc_until(page.recurrence, page))
    cal.add_component(master)
    if page.recurrence:
        for change in page.occurrence_exceptions.all():
            override = Event()
            override.add("uid", series_uid(page, request))
            original = timezone.localtime(change.original_start, AMSTERDAM)
            override.add("recurrence-id", original.date() if page.all_day else original)
            start = change.new_start if change.change == "moved" and change.new_start else None
            new_start = start or change.original_start
            _set_times(
                override,
                new_start,
                new_start + (page.duration or dt.timedelta(0)),
                page.all_day,
            )
            _describe(override, page, url, change.note)
            override.add("status", "CONFIRMED" if start else "CANCELLED")
            cal.add_component(override)
    return _response(cal, f"{page.slug}.ics")


# --- schema.org ---------------------------------------------------------------
EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "full": "https://schema.org/EventScheduled",
    "moved": "https://schema.org/EventRescheduled",
    "postponed": "https://schema.org/EventPostponed",
}


def json_ld(page, request):
    """schema.org Event for search engines and agenda sites, as a JSON string for the template.

    The next date; once the event is over, the last date that went ahead (schema.org has no
    status for "over": the dates say so).
    """
    occurrence = page.next_occurrence or (page.last_occurrence if page.is_over else None)
    starts_at = occurrence.starts_at if occurrence else page.starts_at
    ends_at = occurrence.ends_at if occurrence else page.ends_at
    status = page.status
    if occurrence and status == "scheduled":
        status = occurrence.status
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "startDate": timezone.localtime(starts_at, AMSTERDAM).isoformat(),
        "eventStatus": EVENT_STATUS.get(status, EVENT_STATUS["scheduled"]),
        "isAccessibleForFree": page.is_free,
        "inLanguage": page.locale.language_code,
    }
    if ends_at and ends_at > starts_at:
        data["endDate"] = timezone.localtime(ends_at, AMSTERDAM).isoformat()
    if occurrence and occurrence.status == "moved":
        data["previousStartDate"] = timezone.localtime(
            occurrence.original_start, AMSTERDAM
        ).isoformat()
    locations = []
    if page.venue_name or page.address_line:
        place = {"@type": "Place", "name": page.venue_name or page.address_line}
        address = {"@type": "PostalAddress", "addressCountry": "NL"}
        source = page.place if page.place_id else page
        if source.street:
            address["streetAddress"] = f"{source.street} {source.house_number}".strip()
        if source.postcode:
            address["postalCode"] = source.postcode
        if source.city:
            address["addressLocality"] = source.city
        place["address"] = address
        if page.coordinates:
            latitude, longitude = page.coordinates
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": latitude,
                "longitude": longitude,
            }
        locations.append(place)
    if page.online_url:
        locations.append({"@type": "VirtualLocation", "url": page.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
        data["eventAttendanceMode"] = (
            "https://schema.org/MixedEventAttendanceMode"
            if len(locations) > 1
            else (
                "https://schema.org/OnlineEventAttendanceMode"
                if page.online_url
                else "https://schema.org/OfflineEventAttendanceMode"
            )
        )
    if page.organiser_id:
        organiser = {"@type": "Organization", "name": page.organiser.name}
        website = getattr(page.organiser, "website", "")
        if website:
            organiser["url"] = website
        data["organizer"] = organiser
    if not page.is_free:
        data["offers"] = {
            "@type": "Offer",
            "price": str(page.price),
            "priceCurrency": "EUR",
            "url": page.registration_url or data["url"],
        }
    description = rich_text_to_plain_text(page.description)
    if description:
        data["description"] = "\n\n".join(filter(None, [page.summary, description]))[:1000]
    # Escape "<" so that no text can close the script element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
