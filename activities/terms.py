"""Taxonomy terms of several models in one UNION ALL query, as narrow model instances.

A page that shows its type, level, target groups, profiles and parts paid one query per
relation, each converting whole rows. Every term (``core.models.taxonomy.TaxonomyTerm``) has
the same core columns, so one query reads them all. The instances carry only ``id``,
``translation_key``, ``locale_id``, ``name``, ``slug``, ``description`` (or another text field)
and ``sort_order`` where the model has it; any other field loads lazily when read.

Lives in the lowest app that needs it, so the sociale kaart (above it) can use it too.
"""

from collections import defaultdict

from django.db.models import F, IntegerField, TextField, Value
from django.db.models.functions import Cast

COLUMNS = ("_source", "id", "translation_key", "locale_id", "name", "slug", "_text", "_sort")


def term_source(key, queryset, text="description"):
    """One part of the UNION: ``queryset``'s terms, known by ``key`` in the result."""
    model = queryset.model
    has_sort = any(field.name == "sort_order" for field in model._meta.concrete_fields)
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
    parts = [part for *_rest, part in sources]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
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
