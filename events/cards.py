"""An agenda card: one date of one event as the lists show it (the agenda, its archive, what
is coming up on a past event's page, the dates suggested when nothing matched).

The same card appears on many pages and stays the same between page-cache misses, so its
HTML is a shared fragment (``core.page_cache.render_many``): keyed by the event's version
(its id and last publish) and the date's own fields, dropped by the tags of the event's page,
its address and the snippets lists show (a municipality's name). A list pays two cache reads
for all its cards; a card not in the cache renders from one flat template with what it shows
worked out here, not in nested includes.
"""

from functools import partial
from types import SimpleNamespace

from django.template.loader import get_template
from django.utils import timezone

from core.page_cache import Fragment, page_card_tags, render_many
from core.page_cache.tags import page_tag

from .choices import EventStatus
from .recurrence import AMSTERDAM

CARD_TEMPLATE = "events/tags/occurrence_item.html"


def card_parts(item) -> tuple:
    """What a card shows that its tags do not cover: the event's version and the date's own
    fields, the link and what the list adds (the rule in words, the dates in the period)."""
    event = item.event
    return (
        event.pk,
        event.last_published_at,
        item.pk,
        item.starts_at,
        item.ends_at,
        item.all_day,
        item.status,
        item.note,
        item.original_start,
        item.municipality_id,
        getattr(item, "dates_in_range", None),
        getattr(item, "rule_text", ""),
        item.url,
    )


def card_tags(item) -> set[str]:
    """The event's page and address, the snippets of lists, and the place whose name it shows."""
    event = item.event
    tags = page_card_tags(event)
    if event.place_id:
        tags.add(page_tag(event.place_id))
    return tags


def render_card(item) -> str:
    """One card's HTML (``item``: a row of ``listing_rows`` with ``url`` set)."""
    event = item.event
    start = timezone.localtime(item.starts_at, AMSTERDAM)
    end = timezone.localtime(item.ends_at, AMSTERDAM)
    context = {
        "item": item,
        "event": event,
        "rule_text": getattr(item, "rule_text", ""),
        "dates_in_range": getattr(item, "dates_in_range", None) or 0,
        "start": start,
        "end": end,
        "ends_later": item.ends_at > item.starts_at,
        "several_days": end.date() != start.date(),
        "gone_on": item.status != EventStatus.SCHEDULED,
        "venue": event.venue_name,
        "municipality": item.municipality.name if item.municipality_id else "",
        "cost": event.cost_text,
    }
    return get_template(CARD_TEMPLATE).render(context)


# What a list's own query reads of each date: enough to key, tag and link its card. The rest
# of what the card shows is read only for cards not in the cache (``_FullRows``).
KEY_FIELDS = (
    "id",
    "event_id",
    "starts_at",
    "ends_at",
    "all_day",
    "status",
    "note",
    "original_start",
    "municipality_id",
)
KEY_EVENT_FIELDS = ("slug", "last_published_at", "path", "place_id", "recurrence", "starts_at")


def key_rows(occurrences, *extra):
    """``occurrences`` as ``.values()`` rows of the key fields (and ``extra`` annotations):
    a narrow query, cheap to build, with no model instances; see ``CardRow``."""
    return occurrences.values(*KEY_FIELDS, *(f"event__{name}" for name in KEY_EVENT_FIELDS), *extra)


class CardRow:
    """A date of a list read by ``key_rows``: the fields of its card's key and link."""

    def __init__(self, row):
        self.pk = row["id"]
        self.starts_at = row["starts_at"]
        self.ends_at = row["ends_at"]
        self.all_day = row["all_day"]
        self.status = row["status"]
        self.note = row["note"]
        self.original_start = row["original_start"]
        self.municipality_id = row["municipality_id"]
        if "dates_in_range" in row:
            self.dates_in_range = row["dates_in_range"]
        self.event = SimpleNamespace(
            pk=row["event_id"], **{name: row[f"event__{name}"] for name in KEY_EVENT_FIELDS}
        )


class _FullRows:
    """The whole rows (event, place, municipality) of a list's cards, read in one query the
    first time a card is not in the cache; rows read whole already are used as they are."""

    def __init__(self, items):
        self.items = items
        self.rows = None

    def full(self, item):
        if not isinstance(item, CardRow):
            return item
        if self.rows is None:
            from .models.occurrences import EventOccurrence, listing_rows

            ids = [row.pk for row in self.items if isinstance(row, CardRow)]
            found = listing_rows(EventOccurrence.objects.filter(pk__in=ids))
            self.rows = {row.pk: row for row in found}
        row = self.rows.get(item.pk)
        if row is not None:
            row.url = item.url
            row.rule_text = getattr(item, "rule_text", "")
            row.dates_in_range = getattr(item, "dates_in_range", None)
        return row


def _render(item, rows):
    row = rows.full(item)
    return render_card(row) if row is not None else ""  # deleted since the list was read


def render_cards(request, items):
    """``items`` with ``card`` set to each one's HTML, in two cache reads for the whole list
    (``items``: ``CardRow`` or ``listing_rows`` rows, with ``url`` set)."""
    return render_cards_with(request, items)[0]


def render_cards_with(request, items, others=()):
    """``render_cards``, and the HTML of the page's ``others`` fragments (the agenda's
    announce line) from the same two cache reads: (items, [html of each other])."""
    items = list(items)
    rows = _FullRows(items)
    fragments = [
        Fragment(
            "events:card",
            parts=card_parts(item),
            render=partial(_render, item, rows),
            tags=card_tags(item),
        )
        for item in items
    ]
    html = render_many(request, [*fragments, *others])
    for item, card in zip(items, html, strict=False):
        item.card = card
    return items, html[len(items) :]
