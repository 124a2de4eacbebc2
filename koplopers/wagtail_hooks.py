"""Wagtail hooks of the koplopers."""

from wagtail import hooks

from core.page_cache import LISTS_HOOK

from .models import KoploperIndexPage, KoploperPage


@hooks.register(LISTS_HOOK)
def page_cache_lists():
    """The page cache (core.page_cache): the index and the step and part pages list koplopers."""
    return [(KoploperIndexPage, [KoploperPage]), ("home.standardpage", [KoploperPage])]
