"""Wagtail hooks of the campaigns."""

from wagtail import hooks

from core.page_cache import LISTS_HOOK

from .models import CampaignPage


@hooks.register(LISTS_HOOK)
def page_cache_lists():
    """The page cache (core.page_cache): a campaign lists its news and its teasers' pages."""
    return [(CampaignPage, ["news.newspage", "activities.activitypage", "koplopers.koploperpage"])]
