"""What a published koploper's page shows beside its own fields, in one query.

Its municipality and lead, its links, its steps and parts of the approach (with their pages)
and its live activities come from one UNION ALL whose SQL is compiled once per process
(``activities.terms.prepared_rows``): building and compiling three ORM queries cost more than
running them. Every part fills the same columns (``COLUMNS``); the rows become the narrow
instances the template reads.
"""

import uuid
from collections import namedtuple

from django.db.models import F, IntegerField, TextField, Value
from django.db.models.functions import Cast
from wagtail.models import Page

from activities.terms import build, prepared_rows
from core.models import (
    ApproachPart,
    Municipality,
    Organisation,
    PlanStep,
    view_restrictions,
)

WHO, STEP, PART, ACTIVITY = range(4)
RELATIONS = ("links", "steps", "approach_parts", "activities")

# Every part's columns, in this order; a part leaves out what it has not (NULL).
#           a      b     c              d                e     n1               n2
# WHO       label  url   municipality   province         lead  municipality_id  lead_id
# STEP/PART name   slug  page title     page url_path          locale_id        page_id
# ACTIVITY  title  url_path  path                              locale_id
# key, page_key, n3 and live: a term's and its page's translation key, the page's locale, live.
COLUMNS = {
    "r_kind": IntegerField,
    "r_id": IntegerField,
    "r_sort": IntegerField,
    "r_a": TextField,
    "r_b": TextField,
    "r_c": TextField,
    "r_d": TextField,
    "r_e": TextField,
    "r_key": TextField,
    "r_page_key": TextField,
    "r_n1": IntegerField,
    "r_n2": IntegerField,
    "r_n3": IntegerField,
    "r_live": IntegerField,
}


Row = namedtuple("Row", [name.removeprefix("r_") for name in COLUMNS])


def _part(queryset, kind, **columns):
    """``queryset`` as rows of ``COLUMNS``: ``columns`` where given, else NULL."""
    values = {"r_kind": Value(kind, IntegerField())}
    for name, field in COLUMNS.items():
        if name != "r_kind":
            values[name] = columns.get(name, Value(None, output_field=field()))
    return queryset.order_by().annotate(**values).values_list(*COLUMNS)


def _term_part(model, kind, sort, page_pk):
    """The steps (or parts) of the koploper ``page_pk``, with their pages' link columns."""
    return _part(
        model.objects.filter(koplopers=page_pk),
        kind,
        r_id=F("id"),
        r_sort=Cast(F(sort), IntegerField()),
        r_a=F("name"),
        r_b=F("slug"),
        r_c=F("page__title"),
        r_d=F("page__url_path"),
        r_key=Cast(F("translation_key"), TextField()),
        r_page_key=Cast(F("page__translation_key"), TextField()),
        r_n1=F("locale_id"),
        r_n2=F("page_id"),
        r_n3=F("page__locale_id"),
        r_live=Cast(F("page__live"), IntegerField()),
    )


def _query(page_model):
    def query(page_pk):
        field = page_model._meta.get_field("activities")
        linked = field.remote_field.through.objects.filter(koploperpage_id=page_pk)
        activities = field.related_model.objects.filter(pk__in=linked.values("activitypage_id"))
        who = _part(
            page_model._base_manager.filter(pk=page_pk),
            WHO,
            r_id=F("links__id"),
            r_sort=Cast(F("links__sort_order"), IntegerField()),
            r_a=F("links__label"),
            r_b=F("links__url"),
            r_c=F("municipality__name"),
            r_d=F("municipality__province"),
            r_e=F("lead_organisation__name"),
            r_n1=F("municipality_id"),
            r_n2=F("lead_organisation_id"),
        )
        return who.union(
            _term_part(PlanStep, STEP, "number", page_pk),
            _term_part(ApproachPart, PART, "sort_order", page_pk),
            _part(
                activities.live(),
                ACTIVITY,
                r_id=F("pk"),
                r_a=F("title"),
                r_b=F("url_path"),
                r_c=F("path"),
                r_n1=F("locale_id"),
            ),
            all=True,
        )

    return query


def page_rows(page, request):
    """(links, steps, parts, activities) of a published ``page``, its municipality and lead
    loaded; None for a preview or a draft, whose relations are modelcluster's in-memory
    objects (the caller reads those as they are)."""
    # modelcluster keeps a relation in memory under its name; ``relation.all()`` to find
    # out would build four querysets.
    in_memory = getattr(page, "_cluster_related_objects", None) or {}
    if page.pk is None or any(name in in_memory for name in RELATIONS):
        return None
    rows = prepared_rows(("koploper_page", page._meta.label_lower), _query(type(page)), page.pk)
    found = {WHO: [], STEP: [], PART: [], ACTIVITY: []}
    for row in rows:
        found[row[0]].append(Row(*row))
    _load_who(page, found[WHO])
    links = [
        build(page.links.model, {"id": row.id, "page_id": page.pk, "label": row.a, "url": row.b})
        for row in sorted(found[WHO], key=lambda row: (row.sort is None, row.sort or 0, row.id))
        if row.id is not None
    ]
    steps = [_term(PlanStep, row, "number") for row in sorted(found[STEP], key=lambda r: r.sort)]
    parts = [
        _term(ApproachPart, row, "sort_order")
        for row in sorted(found[PART], key=lambda row: (row.sort, row.a))
    ]
    model = page._meta.get_field("activities").related_model
    activities = [
        build(
            model,
            {"id": r.id, "page_ptr_id": r.id, "title": r.a, "url_path": r.b, "locale_id": r.n1},
        )
        for r in sorted(_public(found[ACTIVITY], request), key=lambda row: row.c)
    ]
    return links, steps, parts, activities


def _public(rows, request):
    """The activities' rows outside the private sections, as ``public_pages`` leaves them
    out (a page at or below a restricted page's path). The sections are only looked up for
    a koploper with activities: most have none."""
    if not rows:
        return rows
    private = tuple(item.page.path for item in view_restrictions(request))
    return [row for row in rows if not row.c.startswith(private)]


def _load_who(page, rows):
    """Fill the municipality's and the lead's caches from the first row, as
    ``core.models.load_related`` does: only where the stored key is the page's own."""
    if not rows:
        return
    row = rows[0]
    for name, model, pk, values in (
        ("municipality", Municipality, row.n1, {"name": row.c, "province": row.d}),
        ("lead_organisation", Organisation, row.n2, {"name": row.e}),
    ):
        field = page._meta.get_field(name)
        own = getattr(page, field.attname)
        if own is not None and own == pk and not field.is_cached(page):
            field.set_cached_value(page, build(model, {"id": pk, **values}))


def _term(model, row, sort):
    """A step or part from its row, with its page (the columns a link needs) or None."""
    term = build(
        model,
        {
            "id": row.id,
            sort: row.sort,
            "name": row.a,
            "slug": row.b,
            "translation_key": uuid.UUID(row.key),
            "locale_id": row.n1,
            "page_id": row.n2,
        },
    )
    if row.n2 is not None:
        term.page = build(
            Page,
            {
                "id": row.n2,
                "title": row.c,
                "url_path": row.d,
                "translation_key": uuid.UUID(row.page_key),
                "locale_id": row.n3,
                "live": bool(row.live),
            },
        )
    return term
