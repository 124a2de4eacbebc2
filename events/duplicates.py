"""Spot an announced event that is probably already in the agenda.

Coalitions and organisers often announce the same activity twice (the organiser and the
coalition both do it, or someone submits again after a week). A likely duplicate takes
place at the same place, or the same address in the same municipality, starts within an hour
on the same day, and has a similar title. The moderator sees the matches and decides:
nothing is merged or refused automatically.
"""

import datetime as dt
import difflib
import re

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import EventOccurrence, EventPage
from .recurrence import AMSTERDAM

WORD = re.compile(r"\w+")


def window_minutes():
    return getattr(settings, "EVENTS_DUPLICATE_WINDOW_MINUTES", 60)


def title_ratio():
    return getattr(settings, "EVENTS_DUPLICATE_TITLE_RATIO", 0.6)


def normalise_title(title):
    """Lower case words only, so 'Koffie-ochtend!' and 'koffie ochtend' compare equal."""
    return " ".join(WORD.findall((title or "").lower()))


def title_similarity(first, second):
    """0 to 1: how alike two titles are (difflib's ratio on their normalised words)."""
    first, second = normalise_title(first), normalise_title(second)
    if not first or not second:
        return 0.0
    return difflib.SequenceMatcher(None, first, second).ratio()


def address_key(postcode="", house_number="", street=""):
    """A comparable address: postcode and number, or street and number; '' if too vague."""
    number = (house_number or "").strip().lower().replace(" ", "")
    if not number:
        return ""
    compact = (postcode or "").replace(" ", "").upper()
    if compact:
        return f"pc:{compact}:{number}"
    street = " ".join((street or "").lower().split())
    return f"st:{street}:{number}" if street else ""


def _facts(event_or_data):
    """The facts we compare, from an EventPage or from a dict of cleaned form data."""
    if isinstance(event_or_data, dict):
        get = event_or_data.get
    else:

        def get(name, default=None):
            return getattr(event_or_data, name, default)

    place = get("place")
    facts = {
        "pk": get("pk"),
        "title": get("title") or "",
        "starts_at": get("starts_at"),
        "place_id": getattr(place, "pk", place),
        "municipality_id": getattr(get("municipality"), "pk", get("municipality")),
        "address": address_key(get("postcode"), get("house_number"), get("street")),
    }
    if place is not None and hasattr(place, "postcode"):
        facts["address"] = facts["address"] or address_key(
            place.postcode, place.house_number, place.street
        )
        facts["municipality_id"] = facts["municipality_id"] or place.municipality_id
    return facts


def _time_window(starts_at):
    """From an hour before to an hour after the start, but never past the (Dutch) day."""
    local = timezone.localtime(starts_at, AMSTERDAM)
    day_start = dt.datetime.combine(local.date(), dt.time.min, tzinfo=AMSTERDAM)
    day_end = day_start + dt.timedelta(days=1)
    margin = dt.timedelta(minutes=window_minutes())
    return max(starts_at - margin, day_start), min(starts_at + margin, day_end)


def find_possible_duplicates(event_or_data):
    """EventPages (live or draft) that look like ``event_or_data``, most similar title first.

    ``event_or_data`` is an EventPage or a dict with title, starts_at (aware), place,
    municipality, street, house_number and postcode. Recurring events are matched on any of
    their published dates through the occurrence table.
    """
    facts = _facts(event_or_data)
    if not facts["starts_at"] or not facts["title"]:
        return []
    if not facts["place_id"] and not (facts["municipality_id"] and facts["address"]):
        return []  # online only, or too vague to compare
    start, end = _time_window(facts["starts_at"])
    by_date = Q(starts_at__gte=start, starts_at__lte=end) | Q(
        pk__in=EventOccurrence.objects.filter(starts_at__gte=start, starts_at__lte=end).values(
            "event_id"
        )
    )
    same_place = Q()
    if facts["place_id"]:
        same_place |= Q(place_id=facts["place_id"])
    if facts["municipality_id"]:
        same_place |= Q(municipality_id=facts["municipality_id"]) | Q(
            place__municipality_id=facts["municipality_id"]
        )
    candidates = EventPage.objects.filter(by_date).filter(same_place).select_related("place")
    if facts["pk"]:
        candidates = candidates.exclude(pk=facts["pk"])

    found = []
    for candidate in candidates[:200]:
        other = _facts(candidate)
        same_location = (facts["place_id"] and other["place_id"] == facts["place_id"]) or (
            facts["address"]
            and other["address"] == facts["address"]
            and other["municipality_id"] == facts["municipality_id"]
        )
        if not same_location:
            continue
        ratio = title_similarity(facts["title"], candidate.title)
        if ratio >= title_ratio():
            found.append((ratio, candidate))
    found.sort(key=lambda item: (-item[0], item[1].pk))
    return [candidate for _ratio, candidate in found]
