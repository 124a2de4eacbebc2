"""What an event page knows about its dates: the next ones, the last one, and what is coming up.

A mixin of ``EventPage``: the facts are read from the published ``EventOccurrence`` rows, or,
for a preview or a draft, from the same rows built without saving them.
"""

import datetime as dt
from functools import lru_cache
from types import SimpleNamespace

from django.db import connection
from django.db.models import Case, Exists, F, Value, When, Window
from django.db.models.functions import RowNumber
from django.template.loader import get_template
from django.utils import timezone
from django.utils.functional import cached_property

from core.page_cache import Fragment, model_tag, render_one
from core.page_cache.purge import tree_tags
from core.page_cache.tags import LISTS

from ..cards import render_card
from ..choices import GONE_STATUSES, EventStatus
from ..recurrence import describe
from .occurrences import EventOccurrence, listing_rows, occurrences_for, restrictions_over

COMING_UP_TEMPLATE = "events/tags/coming_up.html"


@lru_cache(maxsize=4)
def _dates_sql(gone_count):
    """The SQL of ``EventDates._load_dates``: part 0 the next six dates (still to end), part
    1 the latest begun date that went ahead (a date under way is in both). Each part is a
    subquery, so its ORDER BY and LIMIT hold in SQLite as in PostgreSQL."""
    meta = EventOccurrence._meta
    columns = ", ".join(f'"{field.column}"' for field in meta.concrete_fields)
    table = f'"{meta.db_table}"'
    gone = ", ".join(["%s"] * gone_count)
    return (
        f"SELECT * FROM (SELECT {columns}, 0 AS part FROM {table}"
        " WHERE event_id = %s AND ends_at >= %s ORDER BY starts_at, id LIMIT 6) AS coming"
        f" UNION ALL SELECT * FROM (SELECT {columns}, 1 AS part FROM {table}"
        f" WHERE event_id = %s AND starts_at <= %s AND status NOT IN ({gone})"
        " ORDER BY starts_at DESC, id DESC LIMIT 1) AS went_ahead"
        " ORDER BY part, starts_at, id"
    )


def event_url(agenda_url, slug):
    """Events are children of their agenda: their URL needs no page-tree lookup per row."""
    return f"{agenda_url}{slug}/"


class EventDates:
    """Date-derived facts of an event page (``starts_at``, ``recurrence``, ``occurrences``)."""

    @property
    def is_recurring(self):
        return bool(self.recurrence)

    @property
    def duration(self):
        if self.ends_at and self.ends_at > self.starts_at:
            return self.ends_at - self.starts_at
        return None

    def recurrence_text(self):
        return describe(self.recurrence, self.starts_at) if self.recurrence else ""

    @cached_property
    def upcoming_occurrences(self):
        """The next dates (at most six) from the published rows; none for a page never saved."""
        self._load_dates()
        return self.__dict__["upcoming_occurrences"]

    @property
    def next_occurrence(self):
        upcoming = self.upcoming_occurrences
        return upcoming[0] if upcoming else None

    @cached_property
    def last_occurrence(self):
        """The last date that went ahead (not cancelled or postponed), else the first date.

        Always an occurrence, saved or not, so templates and JSON-LD read one shape.
        """
        self._load_dates()
        return self.__dict__["last_occurrence"]

    def _load_dates(self):
        """The next six dates and the last one that went ahead, in one narrow query.

        Two short index scans of the event's dates (the six still to come from the first,
        the latest begun that went ahead), glued with UNION ALL: at most seven rows, however
        long the series. Written as SQL (``_dates_sql``): the same query through the ORM
        (windows, or a union of sliced querysets, which SQLite refuses) took most of the
        page's time to build, and its shape never changes.
        """
        upcoming, went_ahead = [], []
        if self.pk:
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            gone = list(GONE_STATUSES)
            rows = EventOccurrence.objects.raw(
                _dates_sql(len(gone)), [self.pk, now, self.pk, now, *gone]
            )
            for row in rows:
                (upcoming if row.part == 0 else went_ahead).append(row)
        self.__dict__.setdefault("upcoming_occurrences", upcoming)
        self.__dict__.setdefault("last_occurrence", went_ahead[0] if went_ahead else None)
        if self.__dict__["last_occurrence"] is None:
            self.__dict__["last_occurrence"] = self._first_date()

    @cached_property
    def is_over(self):
        """No date is coming any more. The page stays, for the archive and for old links."""
        return (
            not self.upcoming_occurrences
            and self.starts_at is not None
            and self.starts_at <= timezone.now()
        )

    def _first_date(self):
        if self.starts_at is None:
            return None
        ends_at = self.ends_at if self.ends_at and self.ends_at > self.starts_at else self.starts_at
        return EventOccurrence(
            starts_at=self.starts_at,
            ends_at=ends_at,
            original_start=self.starts_at,
            all_day=self.all_day,
            status=self.status,
            note=self.status_note if self.status != EventStatus.SCHEDULED else "",
        )

    def show_dates_as_entered(self):
        """Show the dates of this version of the page, not the rows of the published one.

        For a preview and a draft: the rows are built only on publish, and may not exist yet
        (a new page, or a resident's announcement waiting for a moderator) or be out of date.
        The rows are made by the same code that publishing uses, without saving them.
        """
        now = timezone.now()
        rows = []
        # A page in the tree, or a new one in preview (Wagtail gives it a path under the agenda).
        if self.starts_at is not None and self.depth:
            rows = occurrences_for(self, now=now, agenda_id=self.get_parent().pk)
        rows.sort(key=lambda row: row.starts_at)
        upcoming = [row for row in rows if row.ends_at >= now]
        went_ahead = [row for row in rows if row.starts_at <= now and row.goes_ahead]
        self.upcoming_occurrences = upcoming[:6]
        self.last_occurrence = went_ahead[-1] if went_ahead else self._first_date()
        self.__dict__.pop("is_over", None)

    def coming_up(self, request, limit=3):
        """What to go to instead: (dates, nearby).

        Other events soon at the same place of the sociale kaart, then in the same
        municipality (``nearby`` is True); with nothing nearby, the next events of the whole
        agenda, so a visitor who arrives at a past event always sees somewhere to go. Each
        event once, with its next date: one query, nearby ones ranked first.
        """
        agenda = self.get_parent() if self.depth else None
        if agenda is None:
            return [], False
        place_id, municipality_id = self._nearby_keys()
        # 0: the same place, 1: the same municipality, 2: anywhere in the agenda.
        whens = []
        if place_id:
            whens.append(When(event__place_id=place_id, then=Value(0)))
        if municipality_id:
            whens.append(When(municipality_id=municipality_id, then=Value(1)))
        closeness = Case(*whens, default=Value(2)) if whens else Value(2)
        rows = self._next_dates(agenda, closeness, limit)
        nearby = [row for row in rows if row.closeness < 2]
        if nearby:
            rows = nearby
        agenda_url = agenda.get_url(request)
        for row in rows:
            row.url = event_url(agenda_url, row.event.slug)
            row.rule_text = ""
        return rows, bool(nearby)

    def _nearby_keys(self):
        """(place, municipality) whose events count as nearby: all "coming up" depends on."""
        municipality_id = self.municipality_id
        if municipality_id is None and self.place_id:
            municipality_id = self.place.municipality_id
        return self.place_id, municipality_id

    def _coming_up_context(self, request, agenda_path, agenda_url):
        """The HTML of "coming up" for a past event, shared by every past event of the agenda
        at the same place and municipality (a fragment: ``core.page_cache.render_one``).

        Only a past event shows it, and a past event has no date still to come, so leaving
        out the event itself (``_next_dates``) changes nothing: the list is the same for all
        of them. It is dropped when an event or date of the agenda, a place, a snippet or the
        agenda's address changes, and expires when the first date it shows has ended (then
        another one comes next): the render sets that moment on the fragment, and a page
        built from the cached list expires then too.
        """
        if not self.is_over or agenda_path is None:
            return {"coming_up": ""}
        fragment = Fragment(
            "events:coming-up",
            parts=(agenda_path, agenda_url, *self._nearby_keys()),
            render=lambda: self._render_coming_up(request, fragment),
            tags={
                model_tag("events.eventpage"),
                model_tag("events.eventoccurrence"),
                model_tag("social_map.placepage"),
                LISTS,
                *tree_tags(SimpleNamespace(path=agenda_path)),
            },
        )
        return {"coming_up": render_one(request, fragment)}

    def _render_coming_up(self, request, fragment):
        rows, nearby = self.coming_up(request)
        for row in rows:
            row.card = render_card(row)
        # Shown while its end is not past (``ends_at >= now``): stale the moment after.
        ends = [row.ends_at for row in rows]
        fragment.expires = min(ends) + dt.timedelta(microseconds=1) if ends else None
        return get_template(COMING_UP_TEMPLATE).render(
            {"items": rows, "nearby": nearby, "has_place": bool(self.place_id)}
        )

    def _next_dates(self, agenda, closeness, limit):
        """The next date of each other live, public event of ``agenda``, closest first.

        Only the columns an agenda card shows; a view restriction on the event or above it
        is checked in the same query, not read beforehand.
        """
        return list(
            listing_rows(
                EventOccurrence.objects.filter(
                    agenda_id=agenda.pk, ends_at__gte=timezone.now(), event__live=True
                )
                .exclude(status__in=GONE_STATUSES)
                .exclude(event_id=self.pk)
                .exclude(Exists(restrictions_over("event__path")))
                .annotate(
                    closeness=closeness,
                    rank=Window(
                        RowNumber(),
                        partition_by=[F("event_id")],
                        order_by=[F("starts_at"), F("pk")],
                    ),
                )
                .filter(rank=1)
                .order_by("closeness", "starts_at", "pk")[:limit]
            )
        )
