"""Wagtail hooks of the news."""

from wagtail import hooks

from core.page_cache import LISTS_HOOK

from .models import NewsIndexPage, NewsPage


@hooks.register(LISTS_HOOK)
def page_cache_lists():
    """The page cache (core.page_cache): the news index and its RSS and Atom feeds."""
    return [(NewsIndexPage, [NewsPage])]
