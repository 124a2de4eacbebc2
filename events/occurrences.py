"""Keep the occurrence table in step with the published events.

Occurrences are rebuilt when an event is published (which also covers edits and scheduled
publishing), removed when it is unpublished or deleted, and the rolling window is moved on by
``rebuild_event_occurrences`` (run daily). Past occurrences stay, for the archive. The rows
themselves are made by ``events.models.occurrences_for``, which previews use too.
"""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import EventOccurrence, occurrences_for
from .models.occurrences import ARCHIVE_DAYS, window_start_for

__all__ = ["ARCHIVE_DAYS", "bump_version", "clear", "occurrences_for", "rebuild", "version"]


@transaction.atomic
def rebuild(event, now=None):
    """Replace the current and future occurrences of ``event`` (a specific EventPage).

    Dates of a long-running series that lie before the window are kept: the archive never
    loses what happened, however long ago.
    """
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
    EventOccurrence.objects.filter(event_id=event.pk).delete()
    bump_version()


VERSION_KEY = "events:occurrences:version"


def version(request=None):
    """Changes whenever any event's dates change: part of the key of cached filter options.

    Read once per request: the page-cache expiry and the filter options both need it.
    """
    known = getattr(request, _ON_REQUEST, None)
    if known is not None:
        return known
    return _remember(request, cache.get_or_set(VERSION_KEY, 1, None))


def version_and(request, key):
    """(``version(request)``, the cached value at ``key``), in one cache read for both."""
    known = getattr(request, _ON_REQUEST, None)
    if known is not None:
        return known, cache.get(key)
    found = cache.get_many([VERSION_KEY, key])
    current = found.get(VERSION_KEY)
    if current is None:
        current = cache.get_or_set(VERSION_KEY, 1, None)
    return _remember(request, current), found.get(key)


_ON_REQUEST = "_events_dates_version"


def _remember(request, value):
    if request is not None:
        setattr(request, _ON_REQUEST, value)
    return value


def bump_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)
