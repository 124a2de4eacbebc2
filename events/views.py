"""The agenda's routes: list, month calendar and map of the same filtered occurrences; archive."""

import calendar as month_calendar
import datetime as dt

from django.conf import settings
from django.db.models import Count, F, Min, Window
from django.db.models.functions import RowNumber, TruncDate
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.maps import geojson_response, point_feature
from core.pagination import CappedPaginator, paginate

from .filters import MAX_YEARS_AHEAD, EventFilter, event_url, start_of
from .recurrence import AMSTERDAM

SHOWN_PER_DAY = 3


def _rows(occurrences):
    return occurrences.select_related("event", "event__place", "municipality")


def _annotate(items, index_url):
    for item in items:
        item.url = event_url(index_url, item.event.slug)
    return items


def _page_number(request):
    return request.GET.get("pagina", "1")


def event_list(index, request):
    calendar_view = request.GET.get("weergave") == "kalender"
    event_filter = EventFilter(index, request, whole_months=calendar_view)
    result = event_filter.evaluate()
    index_url = index.get_url(request)
    context = index.get_context(request)
    view = result["selected"]["weergave"]
    if view == "kalender":
        context["month"] = month_grid(event_filter, result, index_url)
    else:
        page = paginate(
            _rows(result["occurrences"]),
            index.per_page,
            _page_number(request),
            result["notes"],
            paginator_class=CappedPaginator,
        )
        _annotate(page.object_list, index_url)
        result["page"] = page
    context.update(
        result=result,
        view=view,
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


def _view_url(query, view):
    parts = [query] if query else []
    if view != "lijst":
        parts.append(f"weergave={view}")
    return "?" + "&".join(parts) if parts else "?"


def month_grid(event_filter, result, index_url):
    """Weeks of days for one month, each with its first few occurrences and a count.

    Two queries whatever the number of events: counts per day, and the first rows per day.
    """
    request = event_filter.request
    first_day, _last = result["range"]
    month_value = request.GET.get("maand", "").strip()[:7]
    today = event_filter.today
    shown = first_day or today
    if month_value:
        try:
            year, month = (int(part) for part in month_value.split("-"))
            if not (2000 <= year <= today.year + MAX_YEARS_AHEAD and 1 <= month <= 12):
                raise ValueError
            shown = dt.date(year, month, 1)
        except ValueError:
            result["notes"].append(
                _("“%(value)s” is geen maand die we kennen; we tonen deze maand.")
                % {"value": month_value}
            )
    month_start = shown.replace(day=1)
    month_end = (month_start + dt.timedelta(days=32)).replace(day=1)
    base = result["occurrences"].filter(
        starts_at__gte=start_of(month_start), starts_at__lt=start_of(month_end)
    )
    day = TruncDate("starts_at", tzinfo=AMSTERDAM)
    counts = dict(
        base.order_by()
        .annotate(day=day)
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    first_rows = _rows(
        base.annotate(
            day=day,
            rank=Window(
                RowNumber(), partition_by=[day], order_by=[F("starts_at").asc(), F("pk").asc()]
            ),
        ).filter(rank__lte=SHOWN_PER_DAY)
    ).order_by("starts_at", "pk")
    by_day = {}
    for item in _annotate(list(first_rows), index_url):
        by_day.setdefault(item.day, []).append(item)
    weeks = []
    for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(
        month_start.year, month_start.month
    ):
        weeks.append(
            [
                {
                    "date": date,
                    "in_month": date.month == month_start.month,
                    "is_today": date == today,
                    "items": by_day.get(date, []),
                    "more": max(counts.get(date, 0) - SHOWN_PER_DAY, 0),
                    "count": counts.get(date, 0),
                    "day_query": EventFilter.query_string(
                        result["selected"], datum=date.isoformat(), wanneer="", van="", tot=""
                    ),
                }
                for date in week
            ]
        )
    previous_month = (month_start - dt.timedelta(days=1)).replace(day=1)
    return {
        "start": month_start,
        "weeks": weeks,
        "total": sum(counts.values()),
        "previous": previous_month.strftime("%Y-%m"),
        "next": month_end.strftime("%Y-%m"),
        "query": EventFilter.query_string(result["selected"], datum="", wanneer="", van="", tot=""),
    }


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
    _annotate(page.object_list, index_url)
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
