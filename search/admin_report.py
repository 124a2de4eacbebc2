"""The editors' report "Zoekvragen": what people searched for in one ISO week, per language.

Two tables per language: the most frequent queries (the sum of `searches` that week) and the
queries that found nothing at least once that week (the sum of `without_results`, highest
first), each with a link to make a promoted result. Counts come from `DailySearchCount`,
which the search page fills; nothing about who searched is kept.

Editors and moderators see it: it needs admin access (Wagtail's admin URLs check that) and
the permission `search.view_dailysearchcount` (given to both groups by `manage.py setup`).
"""

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from search.models import DailySearchCount

PERMISSION = "search.view_dailysearchcount"
ROWS_PER_TABLE = 25
WEEKS_LINKED = 8
WEEK_PATTERN = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


def can_see_report(user):
    return user.is_active and user.has_perm(PERMISSION)


def week_start(day):
    """The Monday of the ISO week of ``day``."""
    return day - dt.timedelta(days=day.weekday())


def parse_week(value):
    """The Monday of an ISO week written as 2026-W48, or None."""
    match = WEEK_PATTERN.match(value or "")
    if not match:
        return None
    try:
        return dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        return None


def week_value(monday):
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_label(monday):
    year, week, _day = monday.isocalendar()
    sunday = monday + dt.timedelta(days=6)
    return gettext("week %(week)s van %(year)s (%(start)s t/m %(end)s)") % {
        "week": week,
        "year": year,
        "start": monday.strftime("%d-%m"),
        "end": sunday.strftime("%d-%m-%Y"),
    }


def week_counts(monday, language):
    """(most frequent, without results) queries of the week starting ``monday``."""
    rows = (
        DailySearchCount.objects.filter(
            date__gte=monday, date__lte=monday + dt.timedelta(days=6), language=language
        )
        .values("query_string")
        .annotate(searches_total=Sum("searches"), without_results_total=Sum("without_results"))
    )
    frequent = list(rows.order_by("-searches_total", "query_string")[:ROWS_PER_TABLE])
    without_results = list(
        rows.filter(without_results_total__gt=0).order_by(
            "-without_results_total", "-searches_total", "query_string"
        )[:ROWS_PER_TABLE]
    )
    return frequent, without_results


class SearchQueriesReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/search_queries_report.html"
    page_title = gettext_lazy("Zoekvragen")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        this_week = week_start(timezone.localdate())
        asked = self.request.GET.get("week", "")
        monday = parse_week(asked)
        invalid_week = bool(asked) and (monday is None or monday > this_week)
        if invalid_week or monday is None:
            monday = this_week
        languages = []
        for code, name in settings.LANGUAGES:
            frequent, without_results = week_counts(monday, code)
            languages.append(
                {
                    "code": code,
                    "name": name,
                    "frequent": frequent,
                    "without_results": without_results,
                }
            )
        weeks = [this_week - dt.timedelta(weeks=n) for n in range(WEEKS_LINKED)]
        return super().get_context_data(
            week=week_value(monday),
            week_label=week_label(monday),
            this_week=week_value(this_week),
            previous_week=week_value(monday - dt.timedelta(weeks=1)),
            next_week=week_value(monday + dt.timedelta(weeks=1)) if monday < this_week else None,
            recent_weeks=[(week_value(day), week_label(day)) for day in weeks],
            invalid_week=invalid_week,
            languages=languages,
            rows_per_table=ROWS_PER_TABLE,
            promotion_url=self.promotion_url(),
            **kwargs,
        )

    def promotion_url(self):
        user = self.request.user
        if user.has_perm("wagtailsearchpromotions.add_searchpromotion"):
            return reverse("wagtailsearchpromotions:add")
        return None


class SearchQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_report(request.user)
