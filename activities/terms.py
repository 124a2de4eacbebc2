"""Taxonomy terms of several models in one UNION ALL query, as narrow model instances.

A page that shows its type, level, target groups, profiles and parts paid one query per
relation, each converting whole rows. Every term (``core.models.taxonomy.TaxonomyTerm``) has
the same core columns, so one query reads them all. The instances carry only ``id``,
``translation_key``, ``locale_id``, ``name``, ``slug``, ``description`` (or another text field)
and ``sort_order`` where the model has it; any other field loads lazily when read.

Lives in the lowest app that needs it, so the sociale kaart (above it) can use it too.
"""

import datetime as dt
import json
import uuid
from collections import defaultdict
from typing import NamedTuple

from django.db import connections
from django.db.models import F, IntegerField, TextField, Value
from django.db.models.functions import Cast

from core.page_cache import Fragment, model_tag, render_one

COLUMNS = ("_source", "id", "translation_key", "locale_id", "name", "slug", "_text", "_sort")


def term_source(key, queryset, text="description"):
    """One part of the UNION: ``queryset``'s terms, known by ``key`` in the result."""
    model = queryset.model
    has_sort = _has_sort(model)
    part = queryset.order_by().annotate(
        _source=Value(key, output_field=TextField()),
        _text=Cast(F(text), output_field=TextField()) if text else Value("", TextField()),
        _sort=Cast(F("sort_order"), IntegerField()) if has_sort else Value(0, IntegerField()),
    )
    return key, model, text, has_sort, part.values_list(*COLUMNS)


def load_terms(sources):
    """{key: [term, ...]} for ``sources`` (``term_source`` tuples), in one query.

    Each list is in its model's order (``sort_order`` where it has one, then the name).
    """
    if not sources:
        return {}
    meta = {key: (model, text, has_sort) for key, model, text, has_sort, _part in sources}
    return _collect(meta, _union(sources))


def _collect(meta, rows):
    """{key: [term, ...]} from the UNION's rows; ``meta``: {key: (model, text field, has sort)}."""
    found = defaultdict(list)
    for source, pk, translation_key, locale_id, name, slug, text, sort in rows:
        model, text_field, has_sort = meta[source]
        values = {
            "id": pk,
            "translation_key": translation_key,
            "locale_id": locale_id,
            "name": name,
            "slug": slug,
        }
        if text_field:
            values[text_field] = text
        if has_sort:
            values["sort_order"] = sort
        found[source].append((sort, name.casefold(), pk, build(model, values)))
    return {
        key: [term for *_order, term in sorted(found.get(key, []), key=lambda item: item[:3])]
        for key in meta
    }


def build(model, values):
    """A model instance from some of its columns (the rest deferred), as the ORM builds it."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db("default", names, [values[name] for name in names])


def terms_in_language_many(models, locale, default_locale):
    """``core.i18n.terms_in_language`` for several models at once: one query, not one each.

    ``models``: {key: model class}. Returns {key: {slug: term}}, a term in ``locale`` where
    it exists, else in the default locale, in the model's order.
    """
    locales = {locale.pk, default_locale.pk}
    loaded = load_terms(
        [
            term_source(key, model.objects.filter(locale__in=locales))
            for key, model in models.items()
        ]
    )
    result = {}
    for key, terms in loaded.items():
        by_slug = {}
        for term in terms:
            if term.slug not in by_slug or term.locale_id == locale.pk:
                by_slug[term.slug] = term
        ordering = models[key]._meta.ordering or ["name"]
        result[key] = dict(
            sorted(by_slug.items(), key=lambda item: tuple(getattr(item[1], f) for f in ordering))
        )
    return result


def cached_terms_in_language_many(request, models, locale, default_locale):
    """``terms_in_language_many``, kept between page-cache misses.

    Every request of a language reads the same filter options; they change only when a term
    is saved or deleted, which purges the models' tags (and drops this entry). Kept as a
    shared fragment of JSON rows, rebuilt into the same narrow instances.
    """
    fragment, decode = terms_fragment(models, locale, default_locale)
    return decode(render_one(request, fragment))


def terms_fragment(models, locale, default_locale):
    """(the fragment of ``cached_terms_in_language_many``, the function that turns its text
    into the terms): for a list that reads it with other fragments in one cache read."""
    models = dict(models)

    def render():
        terms = terms_in_language_many(models, locale, default_locale)
        return json.dumps(
            {
                key: [_term_values(term) for term in by_slug.values()]
                for key, by_slug in terms.items()
            },
            default=str,
        )

    def decode(text):
        return {
            key: {values["slug"]: build(models[key], values) for values in rows}
            for key, rows in json.loads(text).items()
        }

    parts = (tuple((key, model._meta.label_lower) for key, model in models.items()), locale.pk)
    fragment = Fragment(
        "activities:terms",
        parts=(*parts, default_locale.pk),
        render=render,
        tags={model_tag(model) for model in models.values()},
    )
    return fragment, decode


def _term_values(term):
    deferred = term.get_deferred_fields()
    return {
        field.attname: getattr(term, field.attname)
        for field in term._meta.concrete_fields
        if field.attname not in deferred
    }


def page_terms(page, singles, multiples):
    """The terms a published page links to, as ``load_terms`` gives them: one query whose
    SQL is compiled once per page model (``prepared_rows``), so a detail page pays no ORM
    work for it. ``singles``: (name, model, text) of foreign keys; ``multiples``: (name,
    text) of many-to-many fields.

    None for a preview or draft, whose relations are modelcluster's in-memory objects: the
    caller reads those as they are.
    """
    meta = page._meta
    if any(meta.get_field(name).is_cached(page) for name, _model, _text in singles):
        return None
    if any(in_memory(page, name) for name, _text in multiples):
        return None
    values = [getattr(page, meta.get_field(name).attname) for name, _model, _text in singles]

    def sources(*placeholders):
        *single_pks, page_pk = placeholders
        result = [
            term_source(name, model.objects.filter(pk=pk), text=text)
            for (name, model, text), pk in zip(singles, single_pks, strict=True)
        ]
        for name, text in multiples:
            field = meta.get_field(name)
            through = field.remote_field.through.objects.filter(
                **{f"{field.m2m_field_name()}_id": page_pk}
            ).values(f"{field.m2m_reverse_field_name()}_id")
            result.append(
                term_source(name, field.related_model.objects.filter(pk__in=through), text=text)
            )
        return result

    key = ("page_terms", meta.label_lower, tuple(singles), tuple(multiples))
    rows = prepared_rows(
        key, lambda *placeholders: _union(sources(*placeholders)), *values, page.pk
    )
    models = [(name, model, text) for name, model, text in singles] + [
        (name, meta.get_field(name).related_model, text) for name, text in multiples
    ]
    return _collect({name: (model, text, _has_sort(model)) for name, model, text in models}, rows)


def in_memory(instance, name):
    """Whether modelcluster keeps ``instance``'s relation ``name`` in memory (a preview or
    draft; an unsaved instance): ``getattr(instance, name).all()`` is then no QuerySet.
    Asked without building the relation's manager and queryset."""
    return instance.pk is None or name in instance.__dict__.get("_cluster_related_objects", ())


def _has_sort(model):
    return any(field.name == "sort_order" for field in model._meta.concrete_fields)


def _union(sources):
    parts = [part for *_rest, part in sources]
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


_PREPARED = {}


def _placeholder(value, index):
    """A value no row has, of ``value``'s type: marks where ``value`` goes in the SQL.
    None stands for a missing id."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return -7_340_000_000 - index
    if isinstance(value, uuid.UUID):
        return uuid.UUID(int=(0x7340 << 112) + index)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.date(1, 1, 2) + dt.timedelta(days=index)
    raise TypeError(f"prepared_rows: no placeholder for {type(value).__name__}")


def _as_is(value):
    return value


def _uuid_hex(value):
    """A UUID as a database without a UUID type gets it (SQLite)."""
    return value.hex if isinstance(value, uuid.UUID) else None


def _iso_date(value):
    """A date as a database without a date type gets it (SQLite)."""
    return value.isoformat() if type(value) is dt.date else None


class RawRows(NamedTuple):
    """SQL the ORM cannot write (``prepared_rows`` runs it as it runs a queryset's)."""

    sql: str
    params: tuple
    using: str = "default"


def _compiled(queryset):
    """(SQL, params, database, converters) of ``queryset``: the database's own converters
    (SQLite gives dates as text), as the ORM applies them."""
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
    return sql, params, queryset.db, list(compiler.get_converters(fields).items())


def prepared_rows(key, make_queryset, *values):
    """The rows of ``make_queryset(*values)``, its SQL compiled once per ``key``.

    For the small fixed-shape queries of a detail page, building and compiling the ORM
    query costs more than running it. ``make_queryset`` is called once, with placeholders
    (ids, UUIDs, dates); each later call runs the same SQL with ``values`` in their places.
    ``key`` must name everything else the SQL depends on. The rows are ``values_list``'s,
    with the database's converters applied as the ORM applies them. ``make_queryset`` may
    give ``RawRows`` instead (rows as the database gives them).
    """
    entry = _PREPARED.get(key)
    if entry is None:
        placeholders = [_placeholder(value, index) for index, value in enumerate(values)]
        made = make_queryset(*placeholders)
        if isinstance(made, RawRows):
            sql, params, using, converters = made.sql, made.params, made.using, []
        else:
            sql, params, using, converters = _compiled(made)
        positions = [
            (position, index, form)
            for position, param in enumerate(params)
            for index, placeholder in enumerate(placeholders)
            for form in (_as_is, _uuid_hex, _iso_date)
            if form(placeholder) is not None
            and type(param) is type(form(placeholder))
            and param == form(placeholder)
        ]
        if {index for _position, index, _form in positions} != set(range(len(values))):
            raise ValueError(f"prepared_rows {key!r}: a value is not a parameter of the SQL")
        entry = _PREPARED[key] = (sql, tuple(params), positions, using, converters)
    sql, params, positions, using, converters = entry
    params = list(params)
    for position, index, form in positions:
        params[position] = None if values[index] is None else form(values[index])
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not converters:
        return rows
    converted = []
    for row in rows:
        row = list(row)
        for position, (functions, expression) in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        converted.append(row)
    return converted
