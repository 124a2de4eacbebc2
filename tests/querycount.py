"""Count the SQL queries a page makes, so lists cannot silently grow N+1."""

from django.core.cache import cache
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

    Each measurement follows an emptied cache and a warm-up render: Wagtail caches site
    data that fixtures may have left stale, and publishing clears it. We compare steady
    states, not cache misses.
    """
    cache.clear()
    client.get(url, **kwargs)
    _response, before = count_queries(client, url, **kwargs)
    grow()
    cache.clear()
    client.get(url, **kwargs)
    response, after = count_queries(client, url, **kwargs)
    assert after == before, f"{url}: {before} queries before, {after} after adding items"
    return response, after
