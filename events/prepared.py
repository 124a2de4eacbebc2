"""Small fixed-shape queries of detail pages and lists, their SQL compiled once per process.

``activities.terms.prepared_rows`` for queries that also compare with a moment (``now``) or
a text (a page's path): its placeholders are ids, UUIDs and dates, and the agenda's lists of
what is still to come compare every row with the time of the request. Building and compiling
such a query through the ORM cost several times what running it costs on a page-cache miss.
"""

import datetime as dt

from django.db import connections

__all__ = ["prepared_values", "rows_at"]

_MOMENT = dt.datetime(1970, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC)

_PREPARED = {}


def _placeholder(value, index):
    """A value no row has, of ``value``'s type: marks where ``value`` goes in the SQL."""
    if isinstance(value, dt.datetime):
        return _MOMENT + dt.timedelta(seconds=index)
    if isinstance(value, str):
        return f"zqxPrepared{index}zqx"
    if isinstance(value, int) and not isinstance(value, bool):
        return -7_350_000_000 - index
    raise TypeError(f"prepared_values: no placeholder for {type(value).__name__}")


def _forms(ops, placeholder):
    """(name, the parameter the ORM makes of ``placeholder``) for each way it may appear."""
    if isinstance(placeholder, dt.datetime):
        return [("moment", ops.adapt_datetimefield_value(placeholder))]
    if isinstance(placeholder, str):
        return [("as_is", placeholder), ("prefix", ops.prep_for_like_query(placeholder) + "%")]
    return [("as_is", placeholder)]


def _parameter(ops, form, value):
    if form == "moment":
        return ops.adapt_datetimefield_value(value)
    if form == "prefix":
        return ops.prep_for_like_query(value) + "%"
    return value


def _compile(key, make_queryset, values):
    placeholders = [_placeholder(value, index) for index, value in enumerate(values)]
    queryset = make_queryset(*placeholders)
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    ops = connections[queryset.db].ops
    positions = [
        (position, index, form)
        for position, param in enumerate(params)
        for index, placeholder in enumerate(placeholders)
        for form, made in _forms(ops, placeholder)
        if type(param) is type(made) and param == made
    ]
    if {index for _position, index, _form in positions} != set(range(len(values))):
        raise ValueError(f"prepared_values {key!r}: a value is not a parameter of the SQL")
    fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
    converters = list(compiler.get_converters(fields).items())
    return sql, tuple(params), positions, queryset.db, converters


def prepared_values(key, make_queryset, *values):
    """The rows of ``make_queryset(*values)`` (a ``values_list``), compiled once per ``key``.

    ``make_queryset`` is called once, with placeholders (integers, texts, moments); later
    calls run the same SQL with ``values`` in their places. ``key`` must name everything
    else the SQL depends on (a limit, which filters are in it, how many ids).
    """
    entry = _PREPARED.get(key)
    if entry is None:
        entry = _PREPARED[key] = _compile(key, make_queryset, values)
    sql, params, positions, using, converters = entry
    connection = connections[using]
    params = list(params)
    for position, index, form in positions:
        params[position] = _parameter(connection.ops, form, values[index])
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


def rows_at(key, make_queryset, now, *ids):
    """``prepared_values`` of a query compared with the moment ``now`` and some ids."""
    return prepared_values(key, make_queryset, now, *ids)
