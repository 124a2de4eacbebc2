"""The agenda's routes: list, month calendar and map of the same filtered occurrences; archive."""

from django.conf import settings
from django.db.models import Min
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.maps import geojson_response, point_feature
from core.page_cache import render_one
from core.pagination import CappedPaginator, paginate

from . import listing
from .cards import CardRow, key_rows, render_cards, render_cards_with
from .filters import EventFilter, event_url
from .month import month_grid
from .recurrence import AMSTERDAM
from .series import UpcomingSeries, UpcomingSeriesPaginator

_rows = listing.rows


def _annotate(items, index_url):
    for item in items:
        item.url = event_url(index_url, item.event.slug)
    return items


def _page_number(request):
    return request.GET.get("pagina", "1")


def event_list(index, request):
    """The list (each series once, or every date with ``data=alle``), calendar or map."""
    calendar_view = request.GET.get("weergave") == "kalender"
    event_filter = EventFilter(index, request, whole_months=calendar_view)
    result = event_filter.evaluate()
    index_url = index.get_url(request)
    context = index.get_context(request)
    view = result["selected"]["weergave"]
    all_dates = result["selected"]["data"] == "alle"
    announce = listing.announce_fragment(index, index_url, request)
    if view == "kalender":
        context["month"] = month_grid(event_filter, result, index_url, listing.annotate)
        context["announce_link"] = render_one(request, announce)
    else:
        occurrences = result["occurrences"]
        paginator_class = CappedPaginator
        if not all_dates and event_filter.unfiltered():
            paginator_class = UpcomingSeriesPaginator
            rows = UpcomingSeries(index.pk, event_filter.now, index.per_page)
        elif not all_dates:
            paginator_class = listing.series_paginator(occurrences)
            rows = key_rows(listing.each_series_once(occurrences), "dates_in_range")
        else:
            rows = key_rows(occurrences)
        page = paginate(
            rows,
            index.per_page,
            _page_number(request),
            result["notes"],
            paginator_class=paginator_class,
        )
        items = listing.annotate([CardRow(row) for row in page.object_list], index_url)
        # The cards and the announce line: two cache reads for all of them.
        page.object_list, (context["announce_link"],) = render_cards_with(
            request, items, [announce]
        )
        result["page"] = page
        result["page_links"] = listing.links_to_results(page, result["page_query"])
        if not page.object_list:
            context["suggestions"] = listing.suggestions(event_filter, result, index_url)
    context.update(
        result=result,
        view=view,
        all_dates=all_dates,
        all_dates_url=_view_url(result["query"], view, data="alle"),
        series_once_url=_view_url(EventFilter.query_string(result["selected"], data=""), view),
        index_url=index_url,
        view_links=[
            (key, label, _view_url(result["query"], key))
            for key, label in (
                ("lijst", _("Lijst")),
                ("kalender", _("Kalender")),
                ("kaart", _("Kaart")),
            )
        ],
    )
    return TemplateResponse(request, "events/event_index_page.html", context)


def _view_url(query, view, **extra):
    parts = [query] if query else []
    if view != "lijst":
        parts.append(f"weergave={view}")
    parts += [f"{key}={value}" for key, value in extra.items()]
    return "?" + "&".join(parts) if parts else "?"


def event_archive(index, request):
    result = EventFilter(index, request, archive=True).evaluate()
    index_url = index.get_url(request)
    page = paginate(
        _rows(result["occurrences"]),
        index.per_page,
        _page_number(request),
        result["notes"],
        paginator_class=CappedPaginator,
    )
    page.object_list = render_cards(request, _annotate(page.object_list, index_url))
    result["page"] = page
    context = index.get_context(request)
    context.update(result=result, archive=True)
    return TemplateResponse(request, "events/event_archive.html", context)


def event_map_data(index, request):
    """GeoJSON: one marker per event with its next date, from the same filters as the list."""
    result = EventFilter(index, request).evaluate()
    index_url = index.get_url(request)
    rows = (
        result["occurrences"]
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by()
        .values(
            "event_id",
            "event__title",
            "event__slug",
            "event__location_name",
            "event__place__title",
            "latitude",
            "longitude",
        )
        .annotate(next_start=Min("starts_at"))
        .order_by("next_start")[: getattr(settings, "EVENTS_MAP_MAX_MARKERS", 2000)]
    )
    return geojson_response(
        point_feature(
            row["latitude"],
            row["longitude"],
            id=row["event_id"],
            name=row["event__title"],
            url=event_url(index_url, row["event__slug"]),
            address=row["event__place__title"] or row["event__location_name"] or "",
            next=row["next_start"].astimezone(AMSTERDAM).isoformat(),
        )
        for row in rows
    )
