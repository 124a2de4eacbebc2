"""The agenda's month calendar: which month to open, and its weeks of days with their dates.

Three queries whatever the number of events: the next date (to choose the month), counts per
day, and the first few rows per day. The grid runs from the Monday before the first to the
Sunday after the last day of the month; the days of the months around it are greyed, but
still show and link what is on.
"""

import calendar as month_calendar
import datetime as dt

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .filters import MAX_YEARS_AHEAD, EventFilter, start_of
from .models.occurrences import listing_rows
from .recurrence import AMSTERDAM

SHOWN_PER_DAY = 3
RESULTS = "#resultaten"


def _asked_month(event_filter, result):
    """The month in ``?maand=YYYY-MM``, or None; a month we do not know gives a note."""
    value = event_filter.request.GET.get("maand", "").strip()[:7]
    if not value:
        return None
    today = event_filter.today
    try:
        year, month = (int(part) for part in value.split("-"))
        if not (2000 <= year <= today.year + MAX_YEARS_AHEAD and 1 <= month <= 12):
            raise ValueError
        return dt.date(year, month, 1)
    except ValueError:
        result["notes"].append(
            _("“%(value)s” is geen maand die we kennen; we tonen deze maand.") % {"value": value}
        )
        return None


def shown_month(event_filter, result):
    """(first day of the month to show, why it is not this month or "").

    Without a month asked for, the calendar opens on this month, unless nothing is left in
    it: then on the month of the next date, so "30 November" does not open on an empty page
    while December is full.
    """
    asked = _asked_month(event_filter, result)
    if asked:
        return asked, ""
    first_day, _last = result["range"]
    if first_day:
        return first_day.replace(day=1), ""
    today = event_filter.today
    this_month = today.replace(day=1)
    next_start = (
        result["occurrences"]
        .filter(ends_at__gte=event_filter.now)
        .values_list("starts_at", flat=True)
        .first()
    )
    if next_start is None:
        return this_month, ""
    next_day = timezone.localtime(next_start, AMSTERDAM).date()
    if next_day.replace(day=1) <= this_month:
        return this_month, ""
    shown = next_day.replace(day=1)
    reason = _(
        "In %(this)s staat er niets meer in de agenda. We laten %(shown)s zien: "
        "daar staat de eerstvolgende activiteit."
    ) % {"this": date_format(this_month, "F"), "shown": date_format(shown, "F Y")}
    return shown, reason


def _per_day(base, index_url, annotate):
    """Counts per local day and the first ``SHOWN_PER_DAY`` rows of each day."""
    day = TruncDate("starts_at", tzinfo=AMSTERDAM)
    counts = dict(
        base.order_by()
        .annotate(day=day)
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    first_rows = listing_rows(
        base.annotate(
            day=day,
            rank=Window(
                RowNumber(), partition_by=[day], order_by=[F("starts_at").asc(), F("pk").asc()]
            ),
        ).filter(rank__lte=SHOWN_PER_DAY)
    ).order_by("starts_at", "pk")
    by_day = {}
    for item in annotate(list(first_rows), index_url):
        by_day.setdefault(item.day, []).append(item)
    return counts, by_day


def month_grid(event_filter, result, index_url, annotate):
    """Weeks of days for one month (with the days around it), each with a few dates and a count."""
    month_start, reason = shown_month(event_filter, result)
    month_end = (month_start + dt.timedelta(days=32)).replace(day=1)
    dates = month_calendar.Calendar(firstweekday=0).monthdatescalendar(
        month_start.year, month_start.month
    )
    grid_start, grid_end = dates[0][0], dates[-1][-1] + dt.timedelta(days=1)
    base = result["occurrences"].filter(
        starts_at__gte=start_of(grid_start), starts_at__lt=start_of(grid_end)
    )
    counts, by_day = _per_day(base, index_url, annotate)
    today = event_filter.today
    weeks = [
        [
            {
                "date": date,
                "in_month": date.month == month_start.month,
                "is_today": date == today,
                "is_past": date < today,
                "items": by_day.get(date, []),
                "more": max(counts.get(date, 0) - SHOWN_PER_DAY, 0),
                "count": counts.get(date, 0),
                "day_query": EventFilter.query_string(
                    result["selected"], datum=date.isoformat(), wanneer="", van="", tot=""
                ),
            }
            for date in week
        ]
        for week in dates
    ]
    previous_month = (month_start - dt.timedelta(days=1)).replace(day=1)
    query = EventFilter.query_string(result["selected"], datum="", wanneer="", van="", tot="")
    return {
        "start": month_start,
        "weeks": weeks,
        "total": sum(n for day, n in counts.items() if day.month == month_start.month),
        "reason": reason,
        "previous": previous_month.strftime("%Y-%m"),
        "next": month_end.strftime("%Y-%m"),
        "previous_url": _month_url(query, previous_month),
        "next_url": _month_url(query, month_end),
        "query": query,
    }


def _month_url(query, month):
    parts = [query] if query else []
    parts += ["weergave=kalender", f"maand={month:%Y-%m}"]
    return "?" + "&".join(parts) + RESULTS
