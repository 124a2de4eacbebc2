"""The news list's queries as SQL compiled once per process and shape.

The list's counts and rows differ between requests only in what names them here: the index's
place in the tree, the private sections, the tag and the slice. Building and compiling them
with the ORM cost more than running them. Like ``activities.terms.prepared_rows`` (news sits
beside activities and cannot use it), but without placeholders: the key is the whole query.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections

from core.models import view_restrictions

_COMPILED: dict = {}  # key -> (SQL, parameters, database, converters)


def private_key(request):
    """The private sections as ``public_pages`` leaves them out: part of every key."""
    return tuple((item.page.path, item.page.depth) for item in view_restrictions(request))


def compiled_rows(key, make_queryset):
    """The rows of ``make_queryset()`` as tuples, its SQL compiled the first time ``key`` is
    asked for. ``key`` must name everything the SQL depends on, from a bounded set of values
    (pages, known tags, page numbers): never what a visitor typed."""
    entry = _COMPILED.get(key)
    if entry is None:
        queryset = make_queryset()
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # no rows for now (an index without children): not kept
            return []
        # The database's own converters (SQLite gives dates as text), as the ORM applies them.
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        converters = list(compiler.get_converters(fields).items())
        entry = _COMPILED[key] = (sql, params, queryset.db, converters)
    sql, params, using, converters = entry
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
            for function in functions:
                row[position] = function(row[position], expression, connection)
        converted.append(tuple(row))
    return converted


class CompiledSlices:
    """A list's rows for ``Paginator``: each slice it asks for is read with ``compiled_rows``
    (``key`` and the slice), as dicts of ``fields``."""

    def __init__(self, key, queryset, fields):
        self.key, self.queryset, self.fields = key, queryset, fields

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("CompiledSlices: slices only")
        rows = compiled_rows(
            (*self.key, item.start, item.stop),
            lambda: self.queryset().values_list(*self.fields)[item],
        )
        return [dict(zip(self.fields, row, strict=True)) for row in rows]
