"""What the "events of this campaign" block asks the agenda for (the hook contract).

Campaigns sit below events in the layers, so this app cannot import the agenda. The agenda
registers a Wagtail hook under ``HOOK_NAME`` that answers with ``UpcomingEvents``::

    # events/wagtail_hooks.py
    @hooks.register(HOOK_NAME)
    def campaign_upcoming_events(*, request, page, edition, municipality, target_group,
                                 organiser, limit):
        ...
        return UpcomingEvents(events=[...], agenda_url=..., announce_url=...)

The hook must answer in a fixed number of queries, however many events there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from wagtail import hooks

HOOK_NAME = "campaign_upcoming_events"


@dataclass(frozen=True)
class UpcomingEvent:
    """One event as the block shows it: its next date, where, and how many dates follow."""

    title: str
    url: str
    starts_at: datetime  # aware, the next date
    ends_at: datetime | None
    all_day: bool
    place: str  # where, in words ("Buurthuis De Pit, Utrecht" or "Online")
    series: str = ""  # the rule in words for a series, else ""
    status_label: str = ""  # "Afgelast", "Vol" ... or ""
    more_dates: int = 0  # further dates after this one


@dataclass(frozen=True)
class UpcomingEvents:
    """The answer of the hook: the events, and where to see or announce more."""

    events: list[UpcomingEvent] = field(default_factory=list)
    agenda_url: str = ""  # the agenda (filtered if possible), for "Bekijk de hele agenda"
    announce_url: str = ""  # the announcement form, for "Activiteit aanmelden"


def upcoming_events(
    *,
    request=None,
    page=None,
    edition=None,
    municipality=None,
    target_group=None,
    organiser=None,
    limit=6,
) -> UpcomingEvents:
    """Asks the first registered hook function (same keyword arguments); UpcomingEvents([]) if none."""
    for hook in hooks.get_hooks(HOOK_NAME):
        result = hook(
            request=request,
            page=page,
            edition=edition,
            municipality=municipality,
            target_group=target_group,
            organiser=organiser,
            limit=limit,
        )
        if result is not None:
            return result
    return UpcomingEvents([])
