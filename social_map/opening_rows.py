"""Opening hours, exceptions (and the list cards' slugs) of several places in one query."""

from django.db import models
from django.db.models import Value

from activities.terms import prepared_rows

from .models import OpeningException, OpeningHours, PlacePage

_NONE = {
    "int": Value(None, output_field=models.IntegerField()),
    "date": Value(None, output_field=models.DateField()),
    "time": Value(None, output_field=models.TimeField()),
    "bool": Value(None, output_field=models.BooleanField()),
}


def opening_rows_for(page_ids, exceptions_from=None, with_slugs=False):
    """The opening hours and exceptions of several places in one UNION ALL query.

    Returns ({page id: [OpeningHours]}, {page id: [OpeningException]}, {page id: {"g": target
    group slugs, "a": accessibility slugs}}), each list in its model's order. Exceptions before
    ``exceptions_from`` are left out; ``with_slugs`` adds the slugs the list's cards need.
    """
    page_ids = list(page_ids)
    if not page_ids:
        return {}, {}, {}
    return _collect(_union(page_ids, exceptions_from, with_slugs))


def opening_rows_of(page_id):
    """(weekly hours, exceptions) of one place: ``opening_rows_for``'s query, its SQL
    compiled once (``activities.terms.prepared_rows``), for the place's own page."""
    rows = prepared_rows(
        ("opening_rows_of",), lambda placeholder: _union([placeholder], None, False), page_id
    )
    weekly, special, _slugs = _collect(rows)
    return weekly.get(page_id, []), special.get(page_id, [])


def _union(page_ids, exceptions_from, with_slugs):
    """One query: rows of (kind, id, page, sort order, weekday, date, opens, closes, flag, text)."""
    none = _NONE
    hours = OpeningHours.objects.filter(page_id__in=page_ids).values_list(
        Value("h"),
        "id",
        "page_id",
        "sort_order",
        "weekday",
        none["date"],
        "opens",
        "closes",
        "closes_next_day",
        Value("", output_field=models.CharField()),
    )
    exceptions = OpeningException.objects.filter(page_id__in=page_ids)
    if exceptions_from is not None:
        exceptions = exceptions.filter(date__gte=exceptions_from)
    parts = [
        exceptions.order_by().values_list(
            Value("e"),
            "id",
            "page_id",
            "sort_order",
            none["int"],
            "date",
            "opens",
            "closes",
            "closed",
            "note",
        )
    ]
    if with_slugs:
        through_parts = (
            ("g", PlacePage.target_groups.through, "targetgroup__slug"),
            ("a", PlacePage.accessibility.through, "accessibilityfeature__slug"),
        )
        for key, through, slug in through_parts:
            parts.append(
                through.objects.filter(placepage_id__in=page_ids).values_list(
                    Value(key),
                    "id",
                    "placepage_id",
                    none["int"],
                    none["int"],
                    none["date"],
                    none["time"],
                    none["time"],
                    none["bool"],
                    slug,
                )
            )
    return hours.order_by().union(*parts, all=True)


def _collect(rows):
    weekly, special, slugs = {}, {}, {}
    for kind, pk, page_id, sort_order, weekday, date, opens, closes, flag, text in rows:
        if kind == "h":
            item = OpeningHours(
                id=pk,
                page_id=page_id,
                sort_order=sort_order,
                weekday=weekday,
                opens=opens,
                closes=closes,
                closes_next_day=flag,
            )
            weekly.setdefault(page_id, []).append(item)
        elif kind == "e":
            item = OpeningException(
                id=pk,
                page_id=page_id,
                sort_order=sort_order,
                date=date,
                closed=flag,
                opens=opens,
                closes=closes,
                note=text,
            )
            special.setdefault(page_id, []).append(item)
        else:
            slugs.setdefault(page_id, {"g": set(), "a": set()})[kind].add(text)
    for items in weekly.values():
        items.sort(key=lambda item: (item.sort_order is None, item.sort_order or 0, item.pk))
    for items in special.values():
        items.sort(key=lambda item: (item.date, item.pk))
    return weekly, special, slugs
