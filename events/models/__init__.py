"""Events: what is on, when and where, and the Week tegen Eenzaamheid.

One module per concern: ``pages`` (the agenda and its events, with ``dates`` for what an event
knows about its dates), ``occurrences`` (the expanded dates), ``editions`` (national weeks)
and ``submissions`` (announcements by the public). Import from here: ``from events.models
import EventPage``.
"""

from ..choices import (
    EVENT_PAGE_STATUSES,
    GONE_STATUSES,
    RESERVED_SLUGS,
    EventStatus,
    OccurrenceChange,
    Registration,
)
from ..recurrence import AMSTERDAM
from .dates import event_url
from .editions import EditionPage, EventEdition
from .occurrences import (
    EventOccurrence,
    OccurrenceException,
    next_to_invite_to,
    occurrences_for,
)
from .pages import EventIndexPage, EventPage, last_checked_reminder_days
from .submissions import EventSubmission, EventSubmissionPage

__all__ = [
    "AMSTERDAM",
    "EVENT_PAGE_STATUSES",
    "GONE_STATUSES",
    "RESERVED_SLUGS",
    "EditionPage",
    "EventEdition",
    "EventIndexPage",
    "EventOccurrence",
    "EventPage",
    "EventStatus",
    "EventSubmission",
    "EventSubmissionPage",
    "OccurrenceChange",
    "OccurrenceException",
    "Registration",
    "event_url",
    "last_checked_reminder_days",
    "next_to_invite_to",
    "occurrences_for",
]
