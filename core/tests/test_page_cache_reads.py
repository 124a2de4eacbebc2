"""Reads of the shared cache on a page-cache miss: few round trips, one snapshot per request,
and never an entry whose own tags were purged (core.page_cache.tags)."""

import pytest
from django.core.cache import caches

from core.page_cache import tags
from core.page_cache.tags import ALL, current_versions, get_entry, purge_tags, request_snapshot

CONTENT_PAGE = "/nl/wat-is-eenzaamheid/"


@pytest.fixture
def reads(monkeypatch):
    """Counts the shared cache's round trips (``get`` and ``get_many`` calls)."""
    backend = caches["default"]
    calls, inside = [], []
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def counted(*args, _original=original, **kwargs):
            if not inside:  # locmem's get_many calls get: one round trip all the same
                calls.append(args[0])
            inside.append(True)
            try:
                return _original(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(backend, name, counted)
    return calls


def test_a_page_miss_reads_chrome_route_and_page_part_in_one_round_trip(
    demo_site, fragments_on, client, reads
):
    client.get(CONTENT_PAGE + "?eerste=1")  # builds and stores what pages share
    client.get(CONTENT_PAGE + "?tweede=1")  # this process learns which tags they hold
    reads.clear()
    response = client.get(CONTENT_PAGE + "?derde=1")  # a page-cache miss
    assert response["X-Cache"] == "miss"
    assert 'class="main-nav"' in response.text and 'class="breadcrumbs"' in response.text
    # The page's own entry (absent); the chrome, route, page part and private sections with
    # their tags; the tags' versions afresh to store the page (was 7 round trips).
    assert len(reads) == 3, "\n".join(map(str, reads))
    assert "pagecache:chrome:routed:" in str(reads[1])


def test_a_request_reads_each_tag_once_and_sees_its_own_purge(fragments_on, reads):
    with request_snapshot():
        before = current_versions([ALL])
        current_versions([ALL])
        assert len(reads) == 1
        purge_tags(ALL)  # e.g. a publish in this request: the rest of it sees the new version
        assert current_versions([ALL]) != before
        assert len(reads) == 1


def test_an_entry_is_checked_against_its_own_tags_not_the_remembered_ones(fragments_on):
    """Which tags an entry held is remembered to read them along; a new entry at the key
    with other tags is still checked against its own."""
    tags.set_entry("test:entry", "eerste", {"tag:x"}, render_started_ns=0, timeout=60)
    assert get_entry("test:entry") == "eerste"  # remembers "tag:x" for this key
    tags.set_entry("test:entry", "tweede", {"tag:y"}, render_started_ns=0, timeout=60)
    purge_tags("tag:y")
    assert get_entry("test:entry") is None
