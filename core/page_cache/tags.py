"""Tag versions: a purge is one ``set`` of a tag's version, so it holds across processes.

Every cached entry keeps the versions of the tags it depends on at store time; a hit compares
them with the current ones. A version is the purge's time in nanoseconds (a tag's first version is negative):
an entry whose render started before one of its tags was purged is not stored (the render
may have read the old data), and a version the cache has evicted counts as changed.

Within a request (``request_snapshot``, opened by the page cache middleware) each tag's version
is read once and entries are checked against that snapshot: ``tag:all`` and friends cost one
read per request, not one per entry. A store always reads the versions afresh, so a purge
during the request still keeps what the request built out of the cache. Which tags an entry
held is remembered per process (``_hints``) and read together with the entry next time: one
round trip per entry instead of two. A hint only decides what is read along, never whether
an entry is used: a wrong one costs a second round trip.
"""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache

ALL = "all"  # every entry: a purge of everything
CHROME = "chrome"  # menu, footer, helplines, settings of every site
PAGES = "pages"  # views that are not one page (sitemap, robots.txt): any page change
LISTS = "lists"  # every page that lists other things: any snippet, image or document change
COMMON = (ALL, CHROME, PAGES, LISTS)  # read ahead on every request: nearly every entry has them

_PREFIX = "pagecache:tag:"


PAGE_TAG_PREFIX = "page:"


def page_tag(page_id) -> str:
    return f"{PAGE_TAG_PREFIX}{page_id}"


def site_tag(site_id) -> str:
    return f"site:{site_id}"


def model_tag(model) -> str:
    """``model:events.eventpage`` for a model class, instance or ``"app.model"`` label."""
    if isinstance(model, str):
        return f"model:{model.lower()}"
    return f"model:{model._meta.label_lower}"


def _key(tag: str) -> str:
    return _PREFIX + tag


class _Snapshot:
    __slots__ = ("versions", "entries")

    def __init__(self):
        self.versions = {}  # tag -> version read in this request (None: absent)
        self.entries = {}  # key -> entry read ahead (``prefetch``), taken by ``read``


_snapshot: ContextVar[_Snapshot | None] = ContextVar("page_cache_snapshot", default=None)
_hints: dict[str, tuple] = {}  # key -> the tags its entry held when last read (this process)
_MAX_HINTS = 5_000  # a few MB at most; then forgotten and learnt again


@contextmanager
def request_snapshot():
    """Tag versions read once for the whole block (a request): see the module's docstring."""
    token = _snapshot.set(_Snapshot())
    try:
        yield
    finally:
        _snapshot.reset(token)


def _current() -> _Snapshot:
    return _snapshot.get() or _Snapshot()  # outside a request: every call reads afresh


def _hint(key: str, tags) -> None:
    if len(_hints) >= _MAX_HINTS:
        _hints.clear()
    _hints[key] = tuple(tags)


def _fetch(snapshot: _Snapshot, keys, tags) -> dict:
    """The entries at ``keys`` and the versions of ``tags`` not read yet, in one get_many."""
    tags = [tag for tag in set(tags) if tag not in snapshot.versions]
    if not keys and not tags:
        return {}
    found = cache.get_many([*keys, *(_key(tag) for tag in tags)])
    for tag in tags:
        snapshot.versions[tag] = found.get(_key(tag))
    return {key: found[key] for key in keys if found.get(key) is not None}


def prefetch(keys, tags=()) -> None:
    """Read the entries at ``keys`` (and ``tags``, and the tags they held last time) in one
    round trip, for this request's ``read`` to take. Outside a request: nothing."""
    snapshot = _snapshot.get()
    keys = [key for key in keys if key not in snapshot.entries] if snapshot else []
    if keys:
        hinted = [tag for key in keys for tag in _hints.get(key, ())]
        found = _fetch(snapshot, keys, (*tags, *hinted))
        for key in keys:
            snapshot.entries[key] = found.get(key)


def read(keys, tags=()) -> tuple[dict, dict]:
    """The entries at ``keys`` that exist, and the tag versions to check them against
    (``valid_against``): their tags and ``tags`` are read in the same round trip when this
    process saw the entries before (or in this request's snapshot already)."""
    snapshot = _current()
    found, wanted = {}, []
    for key in keys:
        if key in snapshot.entries:
            entry = snapshot.entries.pop(key)
            if entry is not None:
                found[key] = entry
        else:
            wanted.append(key)
    hinted = [tag for key in wanted for tag in _hints.get(key, ())]
    found.update(_fetch(snapshot, wanted, (*tags, *hinted)))
    _fetch(snapshot, (), {tag for entry in found.values() for tag in entry["tags"]})
    for key, entry in found.items():
        _hint(key, entry["tags"])
    return found, snapshot.versions


def read_valid(keys, tags=()) -> dict:
    """The entries at ``keys`` whose tags were not purged since they were stored."""
    found, versions = read(keys, tags)
    return {key: entry for key, entry in found.items() if valid_against(entry["tags"], versions)}


def versions_for_store(tags, render_started_ns: int) -> dict | None:
    """The current version of each tag, or None when one was purged after the render began.

    A tag never purged (or evicted from the cache) gets a version now. Read afresh, never from
    the request's snapshot.
    """
    tags = sorted(set(tags))
    found = cache.get_many([_key(tag) for tag in tags])
    result = {}
    for tag in tags:
        value = found.get(_key(tag))
        if value is None:
            # Negative: a first version is no purge, so it never counts as "after the
            # render began"; unique, so a tag evicted and created again drops old entries.
            value = -_new_version()
            # ``add`` does not overwrite a purge another process made meanwhile.
            if not cache.add(_key(tag), value, timeout=None):
                return None
        elif value >= render_started_ns:
            return None
        result[tag] = value
    snapshot = _snapshot.get()
    if snapshot is not None:  # no purge since the render began: the snapshot may follow
        snapshot.versions.update(result)
    return result


def still_valid(stored: dict) -> bool:
    """True when none of the entry's tags has been purged since it was stored."""
    if not stored:
        return False
    return valid_against(stored, current_versions(stored))


def current_versions(tags) -> dict:
    """The current version of each tag (absent: never set or evicted), in one ``get_many``
    at most (none for tags this request read already)."""
    snapshot = _current()
    _fetch(snapshot, (), tags)
    return {tag: snapshot.versions[tag] for tag in tags}


def valid_against(stored: dict, current: dict) -> bool:
    """``still_valid`` for many entries: ``current`` holds at least the entry's tags."""
    return bool(stored) and all(current.get(tag) == version for tag, version in stored.items())


def get_entry(key: str, tags=()) -> object | None:
    """The data stored at ``key`` by ``set_entry`` when none of its tags was purged since."""
    entry = read_valid([key], tags).get(key)
    return None if entry is None else entry["data"]


def set_entry(key: str, data, tags, render_started_ns: int, timeout: int) -> None:
    """Keep ``data`` at ``key`` for ``get_entry``, unless a tag was purged since the data was
    read (from ``render_started_ns``)."""
    versions = versions_for_store(tags, render_started_ns)
    if versions is not None:
        cache.set(key, {"tags": versions, "data": data}, timeout=timeout)


def purge_tags(*tags) -> None:
    """Give each tag a new version: every entry that depends on one of them is stale."""
    tags = {tag for tag in tags if tag}
    if tags:
        version = _new_version()
        cache.set_many({_key(tag): version for tag in tags}, timeout=None)
        snapshot = _snapshot.get()
        if snapshot is not None:  # this request's own purge shows in the rest of it
            snapshot.versions.update(dict.fromkeys(tags, version))


def _new_version() -> int:
    return time.time_ns()
