"""What an event page knows about its dates: the next ones, the last one, and what is coming up.

A mixin of ``EventPage``: the facts are read from the published ``EventOccurrence`` rows, or,
for a preview or a draft, from the same rows built without saving them.
"""

from django.db.models import Case, F, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.functional import cached_property

from core.models import public_pages

from ..choices import GONE_STATUSES, EventStatus
from ..recurrence import describe
from .occurrences import EventOccurrence, occurrences_for


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
        if not self.pk:
            return []
        return list(self.occurrences.filter(ends_at__gte=timezone.now()).order_by("starts_at")[:6])

    @property
    def next_occurrence(self):
        upcoming = self.upcoming_occurrences
        return upcoming[0] if upcoming else None

    @cached_property
    def last_occurrence(self):
        """The last date that went ahead (not cancelled or postponed), else the first date.

        Always an occurrence, saved or not, so templates and JSON-LD read one shape.
        """
        last = None
        if self.pk:
            last = (
                self.occurrences.filter(starts_at__lte=timezone.now())
                .exclude(status__in=GONE_STATUSES)
                .order_by("-starts_at", "-pk")
                .first()
            )
        return last or self._first_date()

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
        event once, with its next date; one query per list (and one for view restrictions).
        """
        agenda = self.get_parent() if self.depth else None
        if agenda is None:
            return [], False
        municipality_id = self.municipality_id
        if municipality_id is None and self.place_id:
            municipality_id = self.place.municipality_id
        where = Q()
        if self.place_id:
            where |= Q(event__place_id=self.place_id)
        if municipality_id:
            where |= Q(municipality_id=municipality_id)
        # Same place first, then the rest of the municipality.
        same_place = Value(1)
        if self.place_id:
            same_place = Case(When(event__place_id=self.place_id, then=Value(0)), default=Value(1))
        rows = self._next_dates(agenda, where, same_place, limit, request) if where else []
        nearby = bool(rows)
        if not nearby:
            rows = self._next_dates(agenda, Q(), Value(1), limit, request)
        agenda_url = agenda.get_url(request)
        for row in rows:
            row.url = event_url(agenda_url, row.event.slug)
        return rows, nearby

    def _coming_up_context(self, request):
        if not self.is_over:
            return {"coming_up": [], "coming_up_nearby": False}
        rows, nearby = self.coming_up(request)
        return {"coming_up": rows, "coming_up_nearby": nearby}

    def _next_dates(self, agenda, where, order_first, limit, request=None):
        """The next date of each other live, public event of ``agenda`` matching ``where``."""
        return list(
            EventOccurrence.objects.filter(
                where,
                agenda_id=agenda.pk,
                ends_at__gte=timezone.now(),
                event__in=public_pages(type(self).objects.live(), request),
            )
            .exclude(status__in=GONE_STATUSES)
            .exclude(event_id=self.pk)
            .annotate(
                order_first=order_first,
                rank=Window(
                    RowNumber(), partition_by=[F("event_id")], order_by=[F("starts_at"), F("pk")]
                ),
            )
            .filter(rank=1)
            .select_related("event", "event__place", "municipality")
            .order_by("order_first", "starts_at", "pk")[:limit]
        )
