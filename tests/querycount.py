"""Count the SQL queries a page makes, so lists cannot silently grow N+1."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url, **kwargs):
    """GET ``url`` and return (response, number of SQL queries it took)."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response, len(context.captured_queries)


def assert_same_query_count(client, url, grow, **kwargs):
    """Assert that ``url`` makes as many queries after ``grow()`` adds items as before.

    Each measurement follows a warm-up render, because publishing clears Wagtail's
    cached site root paths: we compare steady states, not cache misses.
    """
    client.get(url, **kwargs)
    _response, before = count_queries(client, url, **kwargs)
    grow()
    client.get(url, **kwargs)
    response, after = count_queries(client, url, **kwargs)
    assert after == before, f"{url}: {before} queries before, {after} after adding items"
    return response, after
