"""Subscribing and sharing: iCalendar (RFC 5545) feeds and files, and schema.org JSON-LD.

One model for both the event's own file (``<event>/ical/``) and the agenda's feed
(``<agenda>/ical/``): an event is one series, one VEVENT with the event's rule (RRULE) and
an override (RECURRENCE-ID) for every date that was moved, cancelled or postponed. The feed
holds every event with a date in the filtered list, each as exactly the components of its
own file, so someone who subscribes to the agenda and also downloads an event sees each date
once: both carry the same UID and the same RECURRENCE-IDs.

The UID is the page's translation key at the site's host name: it stays the same when the
event is edited, moved or re-imported, so a calendar app updates the entry instead of adding
a second one. The VTIMEZONE is made by icalendar from the zoneinfo database.
"""

import datetime as dt
import json
from functools import lru_cache

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vRecur
from wagtail.models import Site

from core.richtext import rich_text_to_plain_text

from .filters import EventFilter, event_url
from .models import EventPage
from .recurrence import (
    AMSTERDAM,
    RecurrenceError,
    apply_change,
    aware,
    local_naive,
    parse_rule,
    wall_duration,
)

FEED_LIMIT = 500  # events (series), not dates
ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"
GONE = ("cancelled", "postponed")
# What ``series`` reads of an event and its place: the feed builds up to FEED_LIMIT events,
# and the full rows (over a hundred columns each) cost more than the calendar itself.
FEED_EVENT_FIELDS = (
    "title",
    "slug",
    "summary",
    "translation_key",
    "last_published_at",
    "starts_at",
    "ends_at",
    "all_day",
    "recurrence",
    "status",
    "status_note",
    "place",
    "location_name",
    "street",
    "house_number",
    "postcode",
    "city",
    "latitude",
    "longitude",
)
FEED_PLACE_FIELDS = ("title", "street", "house_number", "postcode", "city", "latitude", "longitude")


def site_domain(request):
    """The site's own host name, not whatever the request used (www. or not): UIDs must not change."""
    site = Site.find_for_request(request)
    return (site.hostname if site else "") or "localhost"


def series_uid(event, domain):
    return f"{event.translation_key}@{domain}"


def new_calendar(name):
    cal = Calendar()
    cal.add("prodid", "-//Coalities tegen eenzaamheid//Agenda//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
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


def _component(uid, event, url, status, note=""):
    component = Event()
    component.add("uid", uid)
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
    component.add("status", "CANCELLED" if status in GONE else "CONFIRMED")
    return component


def _rule(event):
    """The event's rule, or None; an unreadable (imported) rule counts, as in the agenda, as none."""
    try:
        return parse_rule(event.recurrence, local_naive(event.starts_at))
    except RecurrenceError:
        return None


def ics_rule(rule, all_day):
    """The RRULE from the parsed parts: UNTIL in UTC when DTSTART has a time zone (RFC 5545),
    a plain date when DTSTART is a date."""
    result = vRecur(rule.parts)
    if rule.until is not None:
        result["UNTIL"] = [rule.until.date() if all_day else aware(rule.until).astimezone(dt.UTC)]
    return result


def _changes(event):
    return [
        (item.original_start, item.change, item.new_start, item.note)
        for item in event.occurrence_exceptions.all()
    ]


def series(event, url, domain):
    """The event as VEVENTs: the series, and one override per changed date of its rule.

    The same dates, times and statuses as the agenda's occurrence table (``recurrence.expand``
    applies the same changes), without expanding the rule: calendar apps do that.
    """
    uid = series_uid(event, domain)
    rule = _rule(event)
    duration = wall_duration(event.starts_at, event.ends_at)
    event_note = event.status_note if event.status != "scheduled" else ""
    if rule is None:
        # One date: a change to it is that date itself, as the agenda shows it.
        changes = {change[0]: change for change in _changes(event)}
        item = apply_change(event.starts_at, duration, changes.get(event.starts_at))
        status = item.status if item.status != "scheduled" else event.status
        single = _component(uid, event, url, status, item.note or event_note)
        _set_times(single, item.starts_at, item.ends_at, event.all_day)
        return [single]
    master = _component(uid, event, url, event.status, event_note)
    _set_times(master, event.starts_at, event.ends_at, event.all_day)
    master.add("rrule", ics_rule(rule, event.all_day))
    components = [master]
    for change in _changes(event):
        original = change[0]
        if not rule.includes(local_naive(original)):
            continue  # not a date of the rule (any more): the agenda ignores it too
        item = apply_change(original, duration, change)
        status = item.status if item.status != "scheduled" else event.status
        override = _component(uid, event, url, status, item.note)
        local_original = timezone.localtime(original, AMSTERDAM)
        override.add("recurrence-id", local_original.date() if event.all_day else local_original)
        _set_times(override, item.starts_at, item.ends_at, event.all_day)
        components.append(override)
    return components


@lru_cache(maxsize=16)
def _timezone(tzid):
    """The VTIMEZONE of ``tzid`` (icalendar's default range), built once per process, or None."""
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:
        return None


def add_timezones(cal):
    """``cal.add_missing_timezones()`` without rebuilding the same zone for every request."""
    position = len(cal.timezones)
    for tzid in sorted(cal.get_missing_tzids()):
        zone = _timezone(tzid)
        if zone is not None:
            cal.subcomponents.insert(position, zone)
            position += 1


def _response(cal, filename, disposition="attachment"):
    # Only the zones the entries use (none for whole days), built from zoneinfo by icalendar.
    add_timezones(cal)
    response = HttpResponse(cal.to_ical(), content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def feed(index, request):
    """Every event with a date in the filtered list, each as the series of its own file."""
    result = EventFilter(index, request).evaluate()
    index_url = index.get_full_url(request)
    events = (
        EventPage.objects.filter(pk__in=result["occurrences"].order_by().values("event_id"))
        .select_related("place")
        .only(*FEED_EVENT_FIELDS, *(f"place__{name}" for name in FEED_PLACE_FIELDS))
        .prefetch_related("occurrence_exceptions")
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )
    domain = site_domain(request)
    cal = new_calendar(index.title)
    for event in events:
        for component in series(event, event_url(index_url, event.slug), domain):
            cal.add_component(component)
    return _response(cal, "agenda.ics", disposition="inline")


def event_ics(page, request):
    """The whole event as one file: the series with its rule, and each changed date as override."""
    cal = new_calendar(page.title)
    for component in series(page, page.get_full_url(request), site_domain(request)):
        cal.add_component(component)
    return _response(cal, f"{page.slug}.ics")


# --- schema.org ---------------------------------------------------------------
EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "full": "https://schema.org/EventScheduled",
    "moved": "https://schema.org/EventRescheduled",
    "postponed": "https://schema.org/EventPostponed",
}


def _locations(page):
    """schema.org Place (with address and coordinates) and/or VirtualLocation of ``page``."""
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
    return locations


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
        "inLanguage": page.locale.language_code,
    }
    if page.is_free is not None:  # unknown: say nothing
        data["isAccessibleForFree"] = page.is_free
    if ends_at and ends_at > starts_at:
        data["endDate"] = timezone.localtime(ends_at, AMSTERDAM).isoformat()
    if occurrence and occurrence.status == "moved":
        data["previousStartDate"] = timezone.localtime(
            occurrence.original_start, AMSTERDAM
        ).isoformat()
    locations = _locations(page)
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
    if page.is_free is False:
        data["offers"] = {
            "@type": "Offer",
            "priceCurrency": "EUR",
            "url": page.registration_url or data["url"],
        }
        if page.price_amount is not None:
            data["offers"]["price"] = str(page.price_amount)
        if page.price:
            data["offers"]["description"] = page.price
    description = rich_text_to_plain_text(page.description)
    if description:
        data["description"] = "\n\n".join(filter(None, [page.summary, description]))[:1000]
    # Escape "<" so that no text can close the script element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
