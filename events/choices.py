"""The fixed choices of the agenda: the status of an event and its dates, changes, registration.

A module of its own, importing no model, so that the date arithmetic (``recurrence.py``),
the forms and the models all compare with the same enum and never with a literal string.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    """The status of an event, and of each of its dates (``EventOccurrence.status``).

    A date takes the status of its event, or the change an editor made to that one date
    (``OccurrenceChange``, whose values are statuses too).
    """

    SCHEDULED = "scheduled", _("gaat door")
    CANCELLED = "cancelled", _("afgelast")
    FULL = "full", _("vol")
    MOVED = "moved", _("verplaatst")
    POSTPONED = "postponed", _("uitgesteld tot nader bericht")


# What an editor can say of a whole event; "postponed" is only said of one date.
EVENT_PAGE_STATUSES = [
    (value, label) for value, label in EventStatus.choices if value != EventStatus.POSTPONED
]
# Dates with these statuses do not go ahead: nothing to go to or to invite anyone to.
GONE_STATUSES = (EventStatus.CANCELLED, EventStatus.POSTPONED)


class OccurrenceChange(models.TextChoices):
    """What differs for one date of a recurring event; the value is the date's new status."""

    CANCELLED = EventStatus.CANCELLED.value, _("gaat niet door")
    MOVED = EventStatus.MOVED.value, _("verplaatst")
    POSTPONED = EventStatus.POSTPONED.value, _("uitgesteld tot nader bericht")


class Registration(models.TextChoices):
    NONE = "none", _("aanmelden is niet nodig")
    LINK = "link", _("aanmelden via een website")
    PHONE = "phone", _("aanmelden door te bellen")


# Routes of the agenda: an event with one of these slugs could never be reached.
RESERVED_SLUGS = frozenset({"archief", "ical", "geojson", "programma"})
