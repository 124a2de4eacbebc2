"""The database search backend of the site (``"BACKEND": "search.backends.database"``).

Like ``modelsearch.backends.database.SearchBackend`` (which picks by the database vendor),
but SQLite gets Dutch stemming (search.backends.sqlite) and PostgreSQL a backend that cuts
typed text into words (search.backends.postgres).
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as VendorSearchBackend


def SearchBackend(params):  # noqa: N802 (the name modelsearch looks up in a backend module)
    backend = VendorSearchBackend(params)  # also checks that SQLite has FTS5 and its table
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            from .sqlite import StemmingSQLiteSearchBackend

            return StemmingSQLiteSearchBackend(params)
    elif connection.vendor == "postgresql":
        from .postgres import CleanPostgresSearchBackend

        return CleanPostgresSearchBackend(params)
    return backend
