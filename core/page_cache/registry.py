"""What a page shows besides itself, and when it changes by the clock alone.

Core imports no domain app, so the apps declare this through two Wagtail hooks in their
``wagtail_hooks.py``::

    @hooks.register(LISTS_HOOK)
    def page_cache_lists():
        return [(EventIndexPage, [EventPage, "events.eventoccurrence"])]

    @hooks.register(EXPIRY_HOOK)
    def page_cache_expiry(page, request):
        return next_change_moment_or_None

A purge of ``model:<listed>`` (a publish of such a page, a change of such a snippet) then
drops every cached page of the listing type.
"""

from collections import defaultdict
from datetime import datetime

from django.apps import apps
from wagtail import hooks

from .tags import LISTS, model_tag

LISTS_HOOK = "page_cache_lists"
EXPIRY_HOOK = "page_cache_expiry"

_declared: dict[str, set[str]] = defaultdict(set)
_loaded = False


def _label(model) -> str:
    return model.lower() if isinstance(model, str) else model._meta.label_lower


def register_lists(page_model, *listed_models) -> None:
    """Declare that pages of ``page_model`` list objects of ``listed_models``."""
    _declared[_label(page_model)].update(_label(model) for model in listed_models)


def _load() -> None:
    global _loaded
    if _loaded:
        return
    for hook in hooks.get_hooks(LISTS_HOOK):
        for page_model, listed in hook():
            register_lists(page_model, *listed)
    _loaded = True


def listed_models(page) -> set[str]:
    """Labels of the models the page's type (or a parent class) declared it lists."""
    _load()
    labels = set()
    for klass in type(page).__mro__:
        meta = getattr(klass, "_meta", None)
        if meta is not None and not meta.abstract:
            labels |= _declared.get(meta.label_lower, set())
    return labels


def tags_for_page(page) -> set[str]:
    listed = listed_models(page)
    tags = {model_tag(label) for label in listed}
    if listed:
        tags.add(LISTS)
    return tags


def listing_page_models(label: str) -> list:
    """The page models that declared they list ``label`` (for the CDN purge)."""
    _load()
    return [
        apps.get_model(page_label)
        for page_label, listed in _declared.items()
        if label.lower() in listed
    ]


def all_listing_page_models() -> list:
    _load()
    return [apps.get_model(page_label) for page_label, listed in _declared.items() if listed]


def expires_at(page, request) -> datetime | None:
    """The earliest moment any app says the page's content changes by the clock."""
    moments = [hook(page, request) for hook in hooks.get_hooks(EXPIRY_HOOK)]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None


def listed_model_labels() -> set[str]:
    """Every model some page type lists (their saves purge those lists)."""
    _load()
    return set().union(*_declared.values()) if _declared else set()


_chrome_models: set[str] = set()


def register_chrome_models(*models) -> None:
    """Declare models every page's header or footer shows (e.g. helplines): a change of one
    purges the chrome of every site, whether or not the reference index links them."""
    _chrome_models.update(_label(model) for model in models)


def is_chrome_model(obj) -> bool:
    return obj._meta.label_lower in _chrome_models
