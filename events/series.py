"""The agenda's list as most visitors see it (no choices made): each series once, from now.

The same two queries on every request of the agenda's first pages, its length (the number of
events) and a page of rows, differing only in the agenda and the moment: compiled once per
process (``events.prepared.rows_at``) instead of built through the ORM and compiled on every
page-cache miss, which cost more than running them. Later pages and any choice go through
``listing.each_series_once`` and ``listing.series_paginator`` as before.
"""

from django.db import connections
from django.utils.functional import cached_property

from core.pagination import CappedPaginator

from .cards import KEY_EVENT_FIELDS, KEY_FIELDS
from .listing import each_series_once
from .models import EventOccurrence
from .prepared import rows_at

# The list's first pages whose SQL is kept; few visitors page further.
PREPARED_PAGES = 10

COLUMNS = (*KEY_FIELDS, *(f"event__{name}" for name in KEY_EVENT_FIELDS), "dates_in_range")


def _upcoming(now, agenda_id):
    """Every date of the agenda still to end, as ``EventFilter.evaluate`` lists it."""
    return EventOccurrence.objects.filter(agenda_id=agenda_id, ends_at__gte=now).order_by(
        "starts_at", "pk"
    )


def _count_sql():
    meta = EventOccurrence._meta
    column = meta.get_field
    return (
        f'SELECT COUNT(*) FROM (SELECT DISTINCT "{column("event").column}"'
        f' FROM "{meta.db_table}" WHERE "{column("agenda").column}" = %s'
        f' AND "{column("ends_at").column}" >= %s LIMIT %s) AS events'
    )


class UpcomingSeries:
    """The rows of ``listing.key_rows(each_series_once(...), "dates_in_range")`` for an
    agenda from ``now``, as a paginator reads them (a slice, a count)."""

    def __init__(self, agenda_id, now, per_page):
        self.agenda_id = agenda_id
        self.now = now
        self.per_page = per_page

    def __getitem__(self, page):
        bottom, top = page.start or 0, page.stop
        if top <= bottom:
            return []
        # A whole page's rows (the last page ends where the list does): one SQL per page.
        end = bottom + self.per_page

        def query(now, agenda_id):
            occurrences = each_series_once(_upcoming(now, agenda_id))
            return occurrences.values_list(*COLUMNS)[bottom:end]

        if bottom >= PREPARED_PAGES * self.per_page:
            rows = query(self.now, self.agenda_id)
        else:
            rows = rows_at(("agenda-series", bottom, end), query, self.now, self.agenda_id)
        return [dict(zip(COLUMNS, row, strict=True)) for row in rows[: top - bottom]]

    def count_events(self, most):
        """How many events have a date still to end (at most ``most``)."""
        connection = connections[EventOccurrence.objects.db]
        now = connection.ops.adapt_datetimefield_value(self.now)
        with connection.cursor() as cursor:
            cursor.execute(_count_sql(), [self.agenda_id, now, most])
            return cursor.fetchone()[0]


class UpcomingSeriesPaginator(CappedPaginator):
    """Pages of ``UpcomingSeries``: the number of events counted once, capped."""

    @cached_property
    def count(self):
        return self.object_list.count_events(self.cap + 1)
