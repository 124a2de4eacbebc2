"""Keep the occurrence table in step with the published events.

Occurrences are rebuilt when an event is published (which also covers edits and scheduled
publishing), removed when it is unpublished or deleted, and the rolling window is moved on by
``rebuild_event_occurrences`` (run daily). Past occurrences stay, for the archive.
"""

import datetime as dt

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .recurrence import MAX_OCCURRENCES, RecurrenceError, expand, window_months

ARCHIVE_DAYS = 400


def window_start_for(event, now):
    """Dates before this are history: a rebuild leaves them as they are, for the archive."""
    if not event.recurrence:
        return event.starts_at
    return max(event.starts_at, now - dt.timedelta(days=ARCHIVE_DAYS))


def occurrences_for(event, now=None, agenda_id=None):
    """The rows ``event`` should have from its window's start (a year back at most) onwards."""
    from .models import EventOccurrence

    now = now or timezone.now()
    exceptions = [
        (item.original_start, item.change, item.new_start, item.note)
        for item in event.occurrence_exceptions.all()
    ]
    window_start = window_start_for(event, now)
    try:
        expanded = expand(
            event.starts_at,
            event.ends_at,
            event.recurrence,
            exceptions,
            window_start=window_start,
            window_end=now + dt.timedelta(days=31 * window_months()),
            limit=MAX_OCCURRENCES,
        )
    except RecurrenceError:
        # The form refuses unreadable rules; an imported one still shows its first date.
        expanded = expand(event.starts_at, event.ends_at, "", window_start=event.starts_at)
    status_note = event.status_note
    agenda_id = agenda_id or event.get_parent().pk
    # A place of the sociale kaart is the truth about where it is, also after the place moved.
    place = event.place if event.place_id else None
    latitude, longitude = event.latitude, event.longitude
    if place is not None and place.latitude is not None:
        latitude, longitude = place.latitude, place.longitude
    municipality_id = event.municipality_id or (place.municipality_id if place else None)
    rows = []
    for item in expanded:
        status, note = item.status, item.note
        if event.status != "scheduled" and status == "scheduled":
            status, note = event.status, status_note
        ends_at = item.ends_at
        if event.all_day:
            ends_at = max(ends_at, _end_of_day(item.starts_at))
        elif ends_at <= item.starts_at:
            ends_at = item.starts_at
        rows.append(
            EventOccurrence(
                event=event,
                agenda_id=agenda_id,
                starts_at=item.starts_at,
                ends_at=ends_at,
                original_start=item.original_start,
                all_day=event.all_day,
                status=status,
                note=note,
                municipality_id=municipality_id,
                is_free=not event.price,
                latitude=latitude,
                longitude=longitude,
            )
        )
    return rows


def _end_of_day(moment):
    from .recurrence import AMSTERDAM

    local = timezone.localtime(moment, AMSTERDAM)
    return (
        local.replace(hour=0, minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    ).replace(tzinfo=AMSTERDAM) - dt.timedelta(seconds=1)


@transaction.atomic
def rebuild(event, now=None):
    """Replace the current and future occurrences of ``event`` (a specific EventPage).

    Dates of a long-running series that lie before the window are kept: the archive never
    loses what happened, however long ago.
    """
    from .models import EventOccurrence

    now = now or timezone.now()
    if not event.live:
        EventOccurrence.objects.filter(event=event).delete()
        return []
    current = EventOccurrence.objects.filter(event=event)
    if event.recurrence:
        current = current.filter(ends_at__gte=window_start_for(event, now))
    current.delete()
    agenda_id = event.get_parent().pk
    # Dates kept from before the window follow the event when it moved to another agenda.
    EventOccurrence.objects.filter(event=event).exclude(agenda_id=agenda_id).update(
        agenda_id=agenda_id
    )
    rows = EventOccurrence.objects.bulk_create(occurrences_for(event, now=now, agenda_id=agenda_id))
    bump_version()
    return rows


def clear(event):
    from .models import EventOccurrence

    EventOccurrence.objects.filter(event_id=event.pk).delete()
    bump_version()


VERSION_KEY = "events:occurrences:version"


def version():
    """Changes whenever any event's dates change: part of the key of cached filter options."""
    return cache.get_or_set(VERSION_KEY, 1, None)


def bump_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)
