"""GET parameters without NUL characters, for every view.

PostgreSQL text cannot hold a NUL character: a query with one raises ``DataError`` (a 500)
wherever a view passes a typed parameter to the database (a municipality's slug, a tag, a
date), while SQLite accepts it. No parameter of this site means anything with one, so
``StripNulMiddleware`` drops them from ``request.GET`` before any view reads it, and every
view, present and future, is safe on both databases. Form values (POST) are left alone:
Django's form fields already refuse a NUL character with a message.
"""

from django.http import QueryDict

NUL = "\x00"


def without_nul(query):
    """A copy of ``query`` (a QueryDict) without NUL characters in names and values."""
    cleaned = QueryDict(mutable=True)
    for name, values in query.lists():
        cleaned.setlist(name.replace(NUL, ""), [value.replace(NUL, "") for value in values])
    cleaned._mutable = False
    return cleaned


class StripNulMiddleware:
    """Replaces ``request.GET`` when (and only when) the query string holds a NUL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or NUL in query:
            request.GET = without_nul(request.GET)
        return self.get_response(request)
