"""The agenda's list as residents read it: each series once, page links to the results, and
what to do instead when nothing matches.

A weekly event would otherwise fill most of a page with the same title. In the database, a
window function keeps the first date of each event in the chosen period (and counts its
dates there), so the list still pages in SQL at a fixed number of queries; ``?data=alle``
lists every date.
"""

from functools import lru_cache

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language

from core.models import public_pages
from core.page_cache import Fragment, model_tag, render_one
from core.page_cache.purge import tree_tags
from core.page_cache.tags import LISTS, page_tag
from core.pagination import CappedPaginator, page_links
from social_map.filters import open_on_q
from social_map.models import SocialMapPage

from .cards import render_cards
from .models import GONE_STATUSES, EventSubmissionPage, event_url
from .models.occurrences import listing_rows
from .recurrence import describe

RESULTS = "#resultaten"
SUGGESTED_PLACES = 5
SUGGESTED_DATES = 3


rows = listing_rows


def each_series_once(occurrences):
    """The first date of each event among ``occurrences``, with ``dates_in_range`` counted."""
    by_event = [F("event_id")]
    return occurrences.annotate(
        series_rank=Window(
            RowNumber(), partition_by=by_event, order_by=[F("starts_at").asc(), F("pk").asc()]
        ),
        dates_in_range=Window(Count("pk"), partition_by=by_event),
    ).filter(series_rank=1)


def series_paginator(occurrences):
    """A paginator for ``each_series_once(occurrences)`` that counts the events instead.

    The first date of each event is one row per distinct event: counting those is the same
    number without the window function (cheaper to build, and to run).
    """

    class SeriesPaginator(CappedPaginator):
        @cached_property
        def count(self):
            distinct = occurrences.order_by().values("event_id").distinct()
            return distinct[: self.cap + 1].count()

    return SeriesPaginator


@lru_cache(maxsize=2048)
def _rule_text(rule, starts_at, language):
    return describe(rule, starts_at)


def rule_text(rule, starts_at):
    """A series' rule in words, worked out once per rule, first date and language."""
    return _rule_text(rule, starts_at, get_language())


def annotate(items, index_url):
    """Each row's URL, and for a series its rule in words (no query: the event is joined)."""
    for item in items:
        item.url = event_url(index_url, item.event.slug)
        event = item.event
        item.rule_text = rule_text(event.recurrence, event.starts_at) if event.recurrence else ""
    return items


def links_to_results(page, query):
    """The page links of ``page``, each going to the results heading rather than the top."""
    return page_links(page, query, RESULTS)


def submission_page(index, request=None):
    """The agenda's form to announce an activity, if it has a live one."""
    return public_pages(EventSubmissionPage.objects.child_of(index).live(), request).first()


def submission_url(index, index_url, request=None):
    """The address of the agenda's form to announce an activity, if it has a live one: a
    child of the agenda, so its slug is all that is read (no page built, no URL walk)."""
    slug = (
        public_pages(EventSubmissionPage.objects.child_of(index).live(), request)
        .values_list("slug", flat=True)
        .first()
    )
    return event_url(index_url, slug) if slug else ""


def announce_link(index, index_url, request):
    """The agenda's "Activiteit aanmelden" line (``announce_fragment``)."""
    return render_one(request, announce_fragment(index, index_url, request))


def announce_fragment(index, index_url, request):
    """The agenda's "Activiteit aanmelden" line: the same on every page of the agenda's list,
    so kept as a shared fragment, dropped when a page below the agenda (the form) is
    published, moved or unpublished, or a section goes private."""
    return Fragment(
        "events:announce",
        parts=(index.pk, index_url),
        render=lambda: render_to_string(
            ANNOUNCE_TEMPLATE, {"url": submission_url(index, index_url, request)}
        ),
        tags={
            model_tag(EventSubmissionPage),
            page_tag(index.pk),
            LISTS,
            *tree_tags(index),
        },
    )


ANNOUNCE_TEMPLATE = "events/tags/announce_link.html"


# --- nothing found: somewhere to go anyway --------------------------------------------
def suggestions(event_filter, result, index_url):
    """Places of the sociale kaart open on the day asked for, and the next dates coming.

    Only for an empty list, so these queries are never paid by a list that has results.
    """
    first_day, last_day = result["range"]
    today = event_filter.today
    day = first_day if first_day and first_day == last_day and first_day >= today else today
    municipality_ids = [
        result["options"]["gemeente"][slug].pk for slug in result["selected"]["gemeente"]
    ]
    return {
        "day": day,
        "is_today": day == today,
        "places": places_open_on(event_filter.index, day, municipality_ids, event_filter.request),
        "coming": coming_dates(event_filter, index_url),
    }


def coming_dates(event_filter, index_url):
    """The next events (each once) matching the other filters, else the whole agenda's next."""
    now = timezone.now()
    for base in (event_filter.qs, event_filter.queryset):
        found = list(
            rows(
                each_series_once(
                    base.filter(ends_at__gte=now).exclude(status__in=GONE_STATUSES)
                ).order_by("starts_at", "pk")
            )[:SUGGESTED_DATES]
        )
        if found:
            return render_cards(event_filter.request, annotate(found, index_url))
    return []


def places_open_on(index, day, municipality_ids, request):
    """Places of the sociale kaart next to this agenda that are open on ``day``.

    In the municipality chosen when it has any, else anywhere; with that day's hours.
    """
    social_map = SocialMapPage.objects.live().sibling_of(index, inclusive=False).first()
    if social_map is None:
        return []
    places = (
        social_map.places(request)
        .filter(open_on_q(day))
        .select_related("kind", "municipality")
        .prefetch_related("opening_hours", "opening_exceptions")
        .order_by("title")
    )
    found = []
    if municipality_ids:
        found = list(places.filter(municipality_id__in=municipality_ids)[:SUGGESTED_PLACES])
    if not found:
        found = list(places[:SUGGESTED_PLACES])
    for place in found:
        place.hours_on_day = hours_on(place, day)
        place.link = place.get_url(request)
    return found


def hours_on(place, day):
    """[(opens, closes)] of ``place`` on ``day``: a special opening first, else the week."""
    special = [
        (item.opens, item.closes)
        for item in place.opening_exceptions.all()
        if item.date == day and not item.closed and item.opens
    ]
    if special:
        return special
    weekly = [item for item in place.opening_hours.all() if item.weekday == day.weekday()]
    return [(item.opens, item.closes) for item in sorted(weekly, key=lambda item: item.opens)]
