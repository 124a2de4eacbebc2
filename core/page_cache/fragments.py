"""HTML that many pages show (a card in a list, the agenda's "binnenkort"), kept between
page-cache misses, so that a miss renders only what is the page's own.

A fragment's key names what it shows and at which version (``parts``: e.g. a page's id and
the moment it was last published, an occurrence's date), so an edit of that page needs no
purge: the next render asks for another key. What the key cannot name (a snippet's name on
the card, an ancestor's slug in its link, the site's settings) is covered by ``tags``,
checked as the page cache checks its own entries: a purge of one of them drops the fragment.
The request is tagged with them too (but for the cards' own page tags: see ``_own_page``), so
the page cache drops a page whose fragment changed.

Fragments live as long as the chrome (``CHROME_CACHE_SECONDS``, which follows
``PAGE_CACHE_SECONDS`` when unset; 0 renders every time) and never past ``expires``, for
what the clock changes ("vandaag", the next date of a series). Many fragments of one list
cost one cache read in all (``render_many``), two the first time a process reads them.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .chrome import shared_enabled, shared_seconds
from .purge import tree_tag, tree_tags
from .record import expire_request_at, request_started_ns, tag_request
from .tags import (
    ALL,
    CHROME,
    LISTS,
    PAGE_TAG_PREFIX,
    page_tag,
    read,
    valid_against,
    versions_for_store,
)

_PREFIX = "pagecache:fragment:"


@dataclass
class Fragment:
    """One piece of HTML: ``render()`` makes it on a miss."""

    name: str  # what kind of fragment, e.g. "events:card"
    parts: tuple  # everything the HTML depends on that the tags do not cover (ids, versions)
    render: Callable[[], str]
    tags: Iterable[str] = field(default_factory=frozenset)
    # The clock changes the HTML at this moment. When it is known only once the rows are read,
    # ``render()`` sets it on the fragment; a page built from the cached HTML gets it too.
    expires: datetime | None = None


def page_card_tags(page) -> set[str]:
    """Tags of a card that shows ``page``: the page, its address (its ancestors' slugs) and what
    lists show of snippets, images and documents. The page's own edits change its
    ``last_published_at``: put that in the fragment's ``parts``."""
    # The ancestors' tree tags: the page's own is purged only with its page tag (a move).
    return {page_tag(page.pk), LISTS, *tree_tags(page)} - {tree_tag(page.path)}


def _site_part(request) -> str:
    site = getattr(request, "_wagtail_site", None) if request is not None else None
    if site is not None:
        return f"s{site.pk}"
    try:
        return request.get_host() if request is not None else "-"
    except Exception:  # DisallowedHost: Django answers 400 later
        return "-"


def _key(request, fragment: Fragment) -> str:
    raw = repr((fragment.parts, get_language(), _site_part(request)))
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"{_PREFIX}{fragment.name}:{digest}"


def render_many(request, fragments: list[Fragment]) -> list[SafeString]:
    """The HTML of each fragment, in order: from the cache where still valid, else rendered
    (and stored unless one of its tags was purged while rendering)."""
    if request is not None:
        tag_request(request, *{tag for f in fragments for tag in f.tags if not _own_page(tag)})
    if not fragments:
        return []
    if not shared_enabled():
        html = [mark_safe(fragment.render()) for fragment in fragments]
        for fragment in fragments:
            _expire(request, fragment.expires)
        return html
    now = timezone.now()
    keys = [_key(request, fragment) for fragment in fragments]
    found, current = read(set(keys))  # with their tags, in one round trip once hinted
    # The request's start, not now: a card may show what the list read before (a term's name).
    started_ns = request_started_ns(request)
    html, missed = [], {}
    for key, fragment in zip(keys, fragments, strict=True):
        entry = found.get(key)
        if (
            entry is not None
            and valid_against(entry["tags"], current)
            and (entry["expires"] is None or now < entry["expires"])
        ):
            html.append(mark_safe(entry["html"]))
            _expire(request, entry["expires"])
            continue
        rendered = str(fragment.render())
        html.append(mark_safe(rendered))
        _expire(request, fragment.expires)  # render() may have set it
        missed[key] = (fragment, rendered)
    if missed:
        _store(missed, started_ns, now)
    return html


def _own_page(tag: str) -> bool:
    """A card's own page tag. The page showing the card needs no copy: what lists it declares
    the card's type (``register_lists``), and every purge of a page purges its type's tag too
    (``purge.page_tags``). One tag per card would make every hit of a list check them all."""
    return tag.startswith(PAGE_TAG_PREFIX)


def _expire(request, moment) -> None:
    """The page that shows the fragment is stale when the fragment is (page cache)."""
    if request is not None:
        expire_request_at(request, moment)


def render_one(request, fragment: Fragment) -> SafeString:
    return render_many(request, [fragment])[0]


def _store(missed: dict, started_ns: int, now: datetime) -> None:
    all_tags = {ALL, CHROME}.union(*(set(fragment.tags) for fragment, _ in missed.values()))
    versions = versions_for_store(all_tags, started_ns)
    if versions is None:
        return  # purged while rendering: the HTML may show the old state
    by_timeout = defaultdict(dict)
    for key, (fragment, rendered) in missed.items():
        timeout = shared_seconds()
        if fragment.expires is not None:
            timeout = min(timeout, int((fragment.expires - now).total_seconds()) + 1)
        if timeout <= 0:
            continue
        tags = {tag: versions[tag] for tag in {ALL, CHROME, *fragment.tags}}
        entry = {"html": rendered, "tags": tags, "expires": fragment.expires}
        by_timeout[timeout][key] = entry
    for timeout, entries in by_timeout.items():
        cache.set_many(entries, timeout=timeout)
