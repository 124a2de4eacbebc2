"""What is on soon, for pages outside the agenda: the home page and a place of the sociale kaart.

Both lists are a few dates, read in one narrow query of the occurrence table as plain rows
(no page-tree subquery, no page instances: an event page costs more to build than to read),
and rendered by one flat loop each, with what the template shows worked out here: the
dates in Amsterdam time as text, the link from the agenda's address and the event's slug
instead of Wagtail's ``get_url`` per date.
"""

import time
from types import SimpleNamespace

from django import template
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import get_language
from wagtail.models import Page, Site

from activities.page_urls import sibling_urls
from core.i18n import active_locale
from core.models import Municipality, view_restrictions
from core.page_cache.chrome import shared_enabled, shared_seconds
from core.page_cache.tags import ALL, PAGES, get_entry, set_entry, site_tag

from ..models import AMSTERDAM, EventIndexPage, EventOccurrence, EventStatus, event_url
from ..prepared import rows_at

register = template.Library()

# What both lists read of a date and its event.
DATE_FIELDS = ("starts_at", "all_day", "status", "note", "original_start", "event__title")


def _private(request):
    """What no visitor may see: the sections under a view restriction (none, mostly).

    Dates exist only for live events, so only a private section needs the page tree; the
    restrictions are read once per request (shared with the page's other lists).
    """
    private = Q()
    for restriction in view_restrictions(request):
        private |= Q(event__path__startswith=restriction.page.path)
    return private


def _upcoming(occurrences, now, private):
    """The dates still to end that one can go to (cancelled ones left out), soonest first,
    of events outside the ``private`` sections."""
    occurrences = occurrences.filter(ends_at__gte=now).exclude(status=EventStatus.CANCELLED)
    if private:
        occurrences = occurrences.exclude(private)
    return occurrences.order_by("starts_at", "pk")


def _soon_rows(key, columns, limit, make_queryset, request, *ids):
    """The first ``limit`` rows (dicts of ``columns``) of ``make_queryset(now, *ids, private)``.

    Without a private section (the usual case) the SQL is compiled once per process
    (``events.prepared.rows_at``); the restrictions' paths are in the SQL, so a private
    section builds it through the ORM.
    """
    now = timezone.now()
    private = _private(request)

    def query(now, *ids):
        return make_queryset(now, *ids, private=private).values_list(*columns)[:limit]

    rows = query(now, *ids) if private else rows_at((*key, limit), query, now, *ids)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def _item(row, url, **extra):
    """What a list shows of one date (a ``.values()`` row of ``DATE_FIELDS``)."""
    start = timezone.localtime(row["starts_at"], AMSTERDAM)
    day = date_format(start, "l j F")
    status = row["status"]
    moved_from = row["original_start"] if status == EventStatus.MOVED else None
    return SimpleNamespace(
        url=url,
        title=row["event__title"],
        iso=start.isoformat(),
        when=day if row["all_day"] else f"{day}, {time_format(start, 'H:i')}",
        status="" if status == EventStatus.SCHEDULED else status,
        note=row["note"],
        was=date_format(timezone.localtime(moved_from, AMSTERDAM), "l j F, H:i")
        if moved_from
        else "",
        **extra,
    )


def _name_of(model, column, key):
    """``column`` of the ``model`` row whose id is ``key``, as a subquery: the place's title
    straight from the page table, without joining the place's own table (a join more made
    the query cost more to plan than to run)."""
    return Subquery(model.objects.filter(pk=OuterRef(key)).values(column)[:1])


def _read_agenda(site, locale, request):
    """(id, address) of the site's first live agenda in ``locale``, or None: the columns
    its address needs, not the whole page."""
    agenda = (
        EventIndexPage.objects.live()
        .descendant_of(site.root_page)
        .filter(locale=locale)
        .only("id", "path", "depth", "url_path", "locale_id")
        .first()
    )
    return None if agenda is None else (agenda.pk, agenda.get_url(request))


def _find_agenda(request):
    """(id, address) of the first live agenda of the request's site in the visitor's
    language, or None.

    Routing data, the same for every visitor: kept in the shared cache while the chrome
    cache is on, dropped by any page change (``PAGES``: a publish, move or unpublish of an
    agenda or above it) and a change of the site.
    """
    site = Site.find_for_request(request)
    if site is None:
        return None
    locale = active_locale(request)
    if not shared_enabled():
        return _read_agenda(site, locale, request)
    key = f"events:agenda-of-site:{site.pk}:{locale.pk}:{get_language()}"
    tags = (ALL, PAGES, site_tag(site.pk))
    started_ns = time.time_ns()
    entry = get_entry(key, tags)
    if entry is not None:
        return entry["agenda"]
    agenda = _read_agenda(site, locale, request)
    set_entry(key, {"agenda": agenda}, tags, started_ns, shared_seconds())
    return agenda


UPCOMING_COLUMNS = (
    *DATE_FIELDS,
    "event__slug",
    "event__place_id",
    "event__location_name",
    "place_title",
    "municipality_name",
)


def _upcoming_in_agenda(now, agenda_id, private):
    return (
        _upcoming(EventOccurrence.objects.filter(agenda_id=agenda_id), now, private)
        .annotate(place_title=_name_of(Page, "title", "event__place_id"))
        .annotate(municipality_name=_name_of(Municipality, "name", "municipality_id"))
    )


@register.inclusion_tag("events/tags/upcoming.html", takes_context=True)
def upcoming_events(context, limit=4):
    """The next dates in this site's agenda, in the visitor's language."""
    request = context["request"]
    agenda = _find_agenda(request)
    if agenda is None:
        return {"items": [], "agenda": None}
    agenda_id, agenda_url = agenda
    rows = _soon_rows(
        ("upcoming",), UPCOMING_COLUMNS, limit, _upcoming_in_agenda, request, agenda_id
    )
    items = []
    for row in rows:
        venue = row["place_title"] if row["event__place_id"] else row["event__location_name"]
        where = ", ".join(part for part in (venue, row["municipality_name"]) if part)
        items.append(_item(row, event_url(agenda_url, row["event__slug"]), where=where))
    return {"items": items, "agenda": agenda_id, "agenda_url": agenda_url, "request": request}


EVENTS_AT_PLACE = "events/tags/events_at_place.html"


class _EventLink:
    """What ``sibling_urls`` reads of an event: its ``url_path``, and for the first event of
    each agenda Wagtail's URL, from a page built with only the columns that URL needs."""

    def __init__(self, row):
        self.row = row
        self.url_path = row["event__url_path"]

    def get_url(self, request=None):
        row = self.row
        page = Page(id=row["event_id"], url_path=self.url_path, locale_id=row["event__locale_id"])
        return page.get_url(request)


AT_PLACE_COLUMNS = (*DATE_FIELDS, "event_id", "event__url_path", "event__locale_id")


def _upcoming_at_place(now, place_id, private):
    return _upcoming(EventOccurrence.objects.filter(event__place_id=place_id), now, private)


def events_at_place_context(place, request, limit=5):
    """The next activities announced at a place of the sociale kaart.

    Events may be in several agendas: each link is its agenda's address and the slug
    (``sibling_urls``: Wagtail's ``get_url`` once per agenda, not per date).
    """
    rows = _soon_rows(("at-place",), AT_PLACE_COLUMNS, limit, _upcoming_at_place, request, place.pk)
    urls = sibling_urls([_EventLink(row) for row in rows], request)
    items = [_item(row, url) for row, url in zip(rows, urls, strict=True)]
    return {"items": items, "request": request}


def events_at_place_panel(page, request):
    """The page panel on a place page (registered in ``EventsConfig.ready()``).

    The sociale kaart does not know the agenda: its place page renders
    ``{% page_panels page %}`` (core) and the agenda fills it (``core.panels``).
    """
    return EVENTS_AT_PLACE, events_at_place_context(page, request)


@register.inclusion_tag(EVENTS_AT_PLACE, takes_context=True)
def events_at_place(context, place, limit=5):
    """The same section as a tag, for templates of apps above the agenda."""
    return events_at_place_context(place, context["request"], limit)
