"""The dates of an event: changes to one date of a series, and the expanded occurrence rows.

``occurrences_for`` turns an event into the rows it should have; ``events.occurrences``
saves them on publish. Lists, feeds and maps read only ``EventOccurrence``.
"""

import datetime as dt

from django.db import models
from django.db.models import OuterRef
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, PageViewRestriction

from ..choices import GONE_STATUSES, EventStatus, OccurrenceChange
from ..recurrence import AMSTERDAM, MAX_OCCURRENCES, RecurrenceError, expand, window_months

# Dates of a long-running series further back than this are not rebuilt: they are history.
ARCHIVE_DAYS = 400


class OccurrenceException(Orderable):
    """One date of a recurring event that differs: cancelled, moved, or postponed."""

    page = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="occurrence_exceptions"
    )
    original_start = models.DateTimeField(
        _("de keer die anders is"),
        help_text=_("De datum en begintijd zoals die in de herhaling staan."),
    )
    change = models.CharField(
        _("wat verandert er"),
        max_length=10,
        choices=OccurrenceChange.choices,
        default=OccurrenceChange.CANCELLED,
    )
    new_start = models.DateTimeField(
        _("nieuwe begintijd"),
        null=True,
        blank=True,
        help_text=_("Alleen bij verplaatsen: de nieuwe datum en tijd."),
    )
    note = models.CharField(
        _("toelichting"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld 'Tweede Kerstdag' of 'Nu in de grote zaal'."),
    )

    panels = [
        FieldRowPanel([FieldPanel("original_start"), FieldPanel("change")]),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("afwijkende keer")
        verbose_name_plural = _("afwijkende keren")


class EventOccurrence(models.Model):
    """One date of one event, expanded on publish. Lists, feeds and maps read only this table.

    Municipality, cost and coordinates are copied from the event so that filters need no join.
    """

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="occurrences"
    )
    agenda = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The agenda the event is in, so lists need no page-tree subquery.",
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField(db_index=True)
    original_start = models.DateTimeField(
        help_text="Where the rule put this occurrence; the iCalendar RECURRENCE-ID and UID."
    )
    all_day = models.BooleanField(default=False)
    status = models.CharField(
        max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    note = models.CharField(max_length=200, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The event's cost: True free, False not free, None unknown (core.models.VisitInformation).
    is_free = models.BooleanField(null=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        # Chosen with EXPLAIN on 35,000 dates: ordered scans by start (the list stops after
        # one page; the end is checked inside the index), and municipality lists by range.
        # An (agenda, ends_at) index tempts the planner into sorting every upcoming date.
        indexes = [
            models.Index(fields=["agenda", "starts_at", "ends_at"]),
            models.Index(fields=["agenda", "municipality", "ends_at"]),
            models.Index(fields=["event", "starts_at"]),
        ]

    def __str__(self):
        return f"{self.event_id} @ {self.starts_at.isoformat()}"

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, AMSTERDAM)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, AMSTERDAM)

    @property
    def is_moved(self):
        return self.status == EventStatus.MOVED

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def goes_ahead(self):
        return self.status not in GONE_STATUSES


# What an agenda card (list, calendar, "coming up", campaign block) shows of an event and its
# place: an event row is over a hundred columns, and building them was most of a list's cost.
CARD_EVENT_FIELDS = (
    "path",  # the card's tags (its address: core.page_cache.page_card_tags)
    "last_published_at",  # the card's version (events.cards)
    "title",
    "slug",
    "summary",
    "recurrence",
    "starts_at",
    "location_name",
    "place",
    "online_url",
    "is_free",
    "price",
    "street",
    "house_number",
    "postcode",
    "city",
    "registration",
    "registration_phone",
)
CARD_PLACE_FIELDS = ("title", "street", "house_number", "postcode", "city")


def listing_rows(occurrences):
    """``occurrences`` with their event, its place and the municipality joined, narrowly."""
    own = [field.name for field in EventOccurrence._meta.concrete_fields]
    return occurrences.select_related("event", "event__place", "municipality").only(
        *own,
        *(f"event__{name}" for name in CARD_EVENT_FIELDS),
        *(f"event__place__{name}" for name in CARD_PLACE_FIELDS),
        "municipality__name",
        "municipality__slug",
    )


def restrictions_over(path_ref):
    """View restrictions on the page at ``path_ref`` (an outer reference) or an ancestor.

    For ``~Exists(...)``: the public pages of a list in the list's own query, instead of
    reading every restriction beforehand.
    """
    return PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(path_ref), 1, Length("page__path"))
    )


def next_to_invite_to(occurrences):
    """The first date that still goes ahead; a cancelled date is no date to invite someone to."""
    for occurrence in occurrences:
        if occurrence.goes_ahead:
            return occurrence
    return occurrences[0] if occurrences else None


def window_start_for(event, now):
    """Dates before this are history: a rebuild leaves them as they are, for the archive."""
    if not event.recurrence:
        return event.starts_at
    return max(event.starts_at, now - dt.timedelta(days=ARCHIVE_DAYS))


def _expanded(event, now):
    exceptions = [
        (item.original_start, item.change, item.new_start, item.note)
        for item in event.occurrence_exceptions.all()
    ]
    try:
        return expand(
            event.starts_at,
            event.ends_at,
            event.recurrence,
            exceptions,
            window_start=window_start_for(event, now),
            window_end=now + dt.timedelta(days=31 * window_months()),
            limit=MAX_OCCURRENCES,
        )
    except RecurrenceError:
        # The form refuses unreadable rules; an imported one still shows its first date.
        return expand(event.starts_at, event.ends_at, "", window_start=event.starts_at)


def occurrences_for(event, now=None, agenda_id=None):
    """The rows ``event`` should have from its window's start (a year back at most) onwards."""
    now = now or timezone.now()
    agenda_id = agenda_id or event.get_parent().pk
    # A place of the sociale kaart is the truth about where it is, also after the place moved.
    place = event.place if event.place_id else None
    latitude, longitude = event.latitude, event.longitude
    if place is not None and place.latitude is not None:
        latitude, longitude = place.latitude, place.longitude
    municipality_id = event.municipality_id or (place.municipality_id if place else None)
    rows = []
    for item in _expanded(event, now):
        status, note = item.status, item.note
        if event.status != EventStatus.SCHEDULED and status == EventStatus.SCHEDULED:
            status, note = event.status, event.status_note
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
                is_free=event.is_free,
                latitude=latitude,
                longitude=longitude,
            )
        )
    return rows


def _end_of_day(moment):
    local = timezone.localtime(moment, AMSTERDAM)
    return (
        local.replace(hour=0, minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    ).replace(tzinfo=AMSTERDAM) - dt.timedelta(seconds=1)
