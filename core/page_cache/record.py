"""What a view tells the page cache about its response: tags, expiry, last change, "never"."""

import time
from datetime import datetime
from functools import wraps

from django.utils.cache import add_never_cache_headers

_ATTR = "_page_cache"


def state(request) -> dict:
    """The page cache's notes on this request (created on first use)."""
    notes = getattr(request, _ATTR, None)
    if notes is None:
        notes = {"tags": set(), "expires": None, "last_modified": None, "never": False}
        setattr(request, _ATTR, notes)
    return notes


def request_started_ns(request) -> int:
    """When the page cache middleware took ``request`` (now, outside a request). A shared
    entry built from data read during the request is stored only if none of its tags was
    purged since then: data read before the entry's own render began counts too."""
    started = getattr(request, "_page_cache_started_ns", None) if request is not None else None
    return started if started is not None else time.time_ns()


def tag_request(request, *tags) -> None:
    """The response to ``request`` depends on ``tags``: a purge of one drops it."""
    state(request)["tags"].update(tag for tag in tags if tag)


def expire_request_at(request, moment: datetime | None) -> None:
    """The response is stale from ``moment`` on (the earliest such moment wins)."""
    if moment is None:
        return
    notes = state(request)
    if notes["expires"] is None or moment < notes["expires"]:
        notes["expires"] = moment


def never_cache_request(request) -> None:
    """This response carries personal data (or is otherwise one visitor's): never cache it."""
    state(request)["never"] = True


def never_cache_response(view):
    """Decorator for views whose response must never be stored or served from the cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        never_cache_request(request)
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper
