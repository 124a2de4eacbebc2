"""Wagtail hooks of the home page."""

from wagtail import hooks

from core.page_cache import LISTS_HOOK

from .models import HomePage


@hooks.register(LISTS_HOOK)
def page_cache_lists():
    """The page cache (core.page_cache): the home page shows and links what the site offers."""
    listed = [
        "events.eventpage",
        "events.eventoccurrence",
        "events.eventindexpage",
        "events.eventsubmissionpage",
        "news.newspage",
        "campaigns.campaignpage",
        "social_map.socialmappage",
        "activities.activityindexpage",
        "koplopers.koploperindexpage",
    ]
    return [(HomePage, listed)]
