"""The page cache for anonymous visitors, purged by tags (see ``tags``), and its API.

Apps use: ``never_cache_response`` (a view with personal data), ``tag_request`` and
``expire_request_at`` (a view's own dependencies and clock), ``render_many`` / ``render_one``
(HTML shared by many pages, e.g. list cards, kept between misses: ``fragments``), ``register_lists`` or the
``page_cache_lists`` / ``page_cache_expiry`` hooks, and ``purge_model`` after bulk changes
(imports, rebuilt occurrences) that send no signals.
"""

from .clock import next_midnight
from .fragments import Fragment, page_card_tags, render_many, render_one
from .purge import run
from .record import expire_request_at, never_cache_request, never_cache_response, tag_request
from .registry import EXPIRY_HOOK, LISTS_HOOK, register_lists
from .tags import model_tag, purge_tags


def purge_model(model) -> None:
    """Drop every cached list of ``model`` (after a bulk change that sends no signals)."""
    run({model_tag(model)})


__all__ = [
    "Fragment",
    "EXPIRY_HOOK",
    "LISTS_HOOK",
    "expire_request_at",
    "never_cache_request",
    "never_cache_response",
    "next_midnight",
    "page_card_tags",
    "purge_model",
    "purge_tags",
    "register_lists",
    "render_many",
    "render_one",
    "tag_request",
]
