"""Tag versions: a purge is one ``set`` of a tag's version, so it holds across processes.

Every cached entry keeps the versions of the tags it depends on at store time; a hit compares
them with the current ones in one ``get_many``. A version is the purge's time in nanoseconds (a tag's first version is negative):
an entry whose render started before one of its tags was purged is not stored (the render
may have read the old data), and a version the cache has evicted counts as changed.
"""

import time

from django.core.cache import cache

ALL = "all"  # every entry: a purge of everything
CHROME = "chrome"  # menu, footer, helplines, settings of every site
PAGES = "pages"  # views that are not one page (sitemap, robots.txt): any page change
LISTS = "lists"  # every page that lists other things: any snippet, image or document change

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


def versions_for_store(tags, render_started_ns: int) -> dict | None:
    """The current version of each tag, or None when one was purged after the render began.

    A tag never purged (or evicted from the cache) gets a version now.
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
    return result


def still_valid(stored: dict) -> bool:
    """True when none of the entry's tags has been purged since it was stored."""
    if not stored:
        return False
    return valid_against(stored, current_versions(stored))


def current_versions(tags) -> dict:
    """The current version of each tag (absent: never set or evicted), in one ``get_many``."""
    found = cache.get_many([_key(tag) for tag in tags]) if tags else {}
    return {tag: found.get(_key(tag)) for tag in tags}


def valid_against(stored: dict, current: dict) -> bool:
    """``still_valid`` for many entries: ``current`` holds at least the entry's tags."""
    return bool(stored) and all(current.get(tag) == version for tag, version in stored.items())


def get_entry(key: str, tags) -> dict | None:
    """The data stored at ``key`` by ``set_entry`` when none of ``tags`` (the tags it was
    stored with) was purged since: the entry and the versions come in one ``get_many``."""
    found = cache.get_many([key, *(_key(tag) for tag in tags)])
    entry = found.get(key)
    if entry is None:
        return None
    current = {tag: found.get(_key(tag)) for tag in tags}
    return entry["data"] if valid_against(entry["tags"], current) else None


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


def _new_version() -> int:
    return time.time_ns()
