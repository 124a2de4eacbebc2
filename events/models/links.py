"""The links a detail page shows (its edition, place, municipality, organiser), in one query.

``core.models.load_related`` with its SQL compiled once per process for each combination of
links set (``activities.terms.prepared_rows``): the ORM's ``select_related`` of four models
took longer to build and compile than to run on a page-cache miss.
"""

from activities.terms import build, prepared_rows


def load_links(instance, names):
    """Fill the caches of the foreign keys ``names`` of the stored ``instance`` with their
    whole rows, as ``load_related`` does: only keys whose stored value equals the
    instance's, and none already loaded or empty."""
    meta = instance._meta
    fields = [meta.get_field(name) for name in names]
    fields = [
        field
        for field in fields
        if getattr(instance, field.attname) is not None and not field.is_cached(instance)
    ]
    if not fields:
        return instance
    columns = [
        (field, [column.attname for column in field.related_model._meta.concrete_fields])
        for field in fields
    ]
    lookups = [f"{field.name}__{name}" for field, names in columns for name in names]
    model = type(instance)
    rows = prepared_rows(
        ("load_links", meta.label_lower, *(field.name for field in fields)),
        lambda pk: model._base_manager.filter(pk=pk).values_list(
            *(field.attname for field in fields), *lookups
        ),
        instance.pk,
    )
    if not rows:
        return instance
    values = iter(rows[0])
    stored_ids = [next(values) for _field in fields]
    for (field, names), stored_id in zip(columns, stored_ids, strict=True):
        row = {name: next(values) for name in names}
        if stored_id == getattr(instance, field.attname):
            field.set_cached_value(instance, build(field.related_model, row))
    return instance
